package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.backends.DoesNotFitException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Buffer allocation per tile: liveness, first fit, in-place layout ops, and the capacity check. */
class BufferPlanTest {
  /** f32[N, 1024]: 4096 bytes at batch 1. */
  private static final TensorType ROW = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(1024)));

  private static Instr relu(String src, String dst) {
    return new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of(src), List.of(dst));
  }

  /** A program on digital tile 8 of the 3 x 3 test chip: load the first buffer, the body, store the last buffer. */
  private static Program program(Chip chip, List<String> buffers, List<Instr> body) {
    Value in = new Value("in", ROW);
    Value out = new Value("out", ROW);
    List<Buffer> decl = new ArrayList<>();
    for (String b : buffers) {
      decl.add(new Buffer(b, 8, ROW));
    }
    List<Instr> instrs = new ArrayList<>();
    instrs.add(new Instr.Load(buffers.get(0), "in"));
    instrs.addAll(body);
    instrs.add(new Instr.Store(buffers.get(buffers.size() - 1), "out"));
    return new Program("p", chip.name(), chip.sha256(), List.of(in), List.of(out), Map.<String, Tensor>of(), List.of(),
        decl, List.of(new TileProgram(8, TileKind.DIGITAL, instrs)));
  }

  @Test
  void deadBuffersAreReused() {
    Chip chip = MeshChips.threeByThree();
    // a -> b -> c: a is dead once b is written, so c takes a's place; peak = 2 buffers
    Program p = program(chip, List.of("a", "b", "c"), List.of(relu("a", "b"), relu("b", "c")));
    BufferPlan plan = BufferPlan.allocate(p, chip);
    assertEquals(8192L, plan.peakBytes().get(8));
    List<BufferPlan.Allocation> a = plan.allocations(8);
    assertEquals(List.of("a", "b", "c"), a.stream().map(BufferPlan.Allocation::buffer).toList());
    assertEquals(List.of(0L, 4096L, 0L), a.stream().map(BufferPlan.Allocation::offset).toList());
  }

  @Test
  void layoutOpsWorkInPlace() {
    Chip chip = MeshChips.threeByThree();
    Instr reshape = new Instr.Digital(new Op.Reshape(false), List.of("a", "shape"), List.of("b"));
    Program p = program(chip, List.of("a", "b"), List.of(reshape));
    assertEquals(4096L, BufferPlan.allocate(p, chip).peakBytes().get(8));
  }

  @Test
  void overflowNamesTheTileAndBytesNeededAndAvailable() {
    Chip chip = MeshChips.chip(3, 3, 8, 1, "6KiB");
    Program p = program(chip, List.of("a", "b"), List.of(relu("a", "b")));
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> BufferPlan.allocate(p, chip));
    assertEquals("p does not fit chip mesh-test: tile 8 (digital) needs 8192 bytes of buffer, has 6144",
        e.getMessage());
    BufferPlan plan = BufferPlan.plan(p, chip);
    assertEquals(List.of(new BufferPlan.Overflow(8, TileKind.DIGITAL, 8192, 6144, List.of("a", "b"))),
        plan.overflows());
  }

  /** A program whose tile 8 holds a (4 KiB) live across b and c, which need 2 x 4 KiB more: 12 KiB at the peak. */
  private static Program skip(Chip chip) {
    Instr add = new Instr.Digital(new Op.Binary(Op.BinaryOp.ADD), List.of("a", "c"), List.of("d"));
    return program(chip, List.of("a", "b", "c", "d"), List.of(relu("a", "b"), relu("b", "c"), add));
  }

  @Test
  void spillsTheBufferWhoseNextUseIsFarthestToTheGlobalBuffer() {
    Chip chip = MeshChips.withMemories(3, 3, 8, 1, "10KiB", MeshChips.globalBuffer("64KiB") + MeshChips.dram());
    Program p = skip(chip);
    assertEquals(List.of(8), BufferPlan.plan(p, chip).overflows().stream().map(BufferPlan.Overflow::tile).toList());
    BufferPlan.Spilling s = BufferPlan.spill(p, chip);
    // at the peak (relu b -> c, instr 2) a, b and c are live; a is next used at instr 3, b and c at 2: a goes
    assertEquals(List.of(new BufferPlan.Spilled("a", 8, 4096, Buffer.Space.GLOBAL)), s.plan().spilled());
    assertEquals(4096, s.plan().spilledBytes(Buffer.Space.GLOBAL));
    assertEquals(0, s.plan().spilledBytes(Buffer.Space.DRAM));
    assertEquals(8192L, s.plan().peakBytes().get(8));
    assertEquals(Buffer.Space.GLOBAL, s.program().buffers().get(0).space());
    assertEquals(p.tiles(), s.program().tiles());
    assertEquals(s.plan().peakBytes(), BufferPlan.allocate(s.program(), chip).peakBytes());
  }

  @Test
  void spillsToDramWhatTheGlobalBufferCannotHold() {
    Chip chip = MeshChips.withMemories(3, 3, 8, 1, "10KiB", MeshChips.globalBuffer("2KiB") + MeshChips.dram());
    BufferPlan.Spilling s = BufferPlan.spill(skip(chip), chip);
    assertEquals(List.of(new BufferPlan.Spilled("a", 8, 4096, Buffer.Space.DRAM)), s.plan().spilled());
  }

  @Test
  void spillsUntilTheTileFits() {
    // 4 KiB of tile buffer holds one buffer at a time: a goes first (next use farthest), then b (live with c at
    // relu b -> c, both used there: the first named), then c (live with d at the add, both used there)
    Chip chip = MeshChips.withMemories(3, 3, 8, 1, "4KiB", MeshChips.globalBuffer("64KiB"));
    BufferPlan.Spilling s = BufferPlan.spill(skip(chip), chip);
    assertEquals(List.of("a", "b", "c"), s.plan().spilled().stream().map(BufferPlan.Spilled::buffer).toList());
    assertEquals(4096L, s.plan().peakBytes().get(8));
    assertEquals(List.of(), s.plan().overflows());
  }

  @Test
  void withoutGlobalBufferOrDramTheOverflowStillFails() {
    Chip chip = MeshChips.chip(3, 3, 8, 1, "10KiB");
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> BufferPlan.spill(skip(chip), chip));
    assertEquals("p does not fit chip mesh-test: tile 8 (digital) needs 12288 bytes of buffer, has 10240",
        e.getMessage());
    Chip small = MeshChips.withMemories(3, 3, 8, 1, "10KiB", MeshChips.globalBuffer("2KiB"));
    assertThrows(DoesNotFitException.class, () -> BufferPlan.spill(skip(small), small));
  }

  @Test
  void spilledBuffersTheChipCannotHoldDoNotFit() {
    Chip big = MeshChips.withMemories(3, 3, 8, 1, "10KiB", MeshChips.globalBuffer("64KiB"));
    Program spilled = BufferPlan.spill(skip(big), big).program();
    Chip none = MeshChips.chip(3, 3, 8, 1, "10KiB");
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> BufferPlan.allocate(spilled, none));
    assertEquals("p does not fit chip mesh-test: buffers in global need 4096 bytes, the chip has no global buffer",
        e.getMessage());
  }

  @Test
  void aSmallBufferThatIsEnoughGoesBeforeALargeOne() {
    // a f32[N,1024] (4 KiB) and its sum s f32[N,16] (64 B) make b = a + s: at the add a, s and b are
    // live and all used there, 8 KiB + 64 B on a tile of 8 KiB; s alone is enough and the smallest
    // (Belady alone would take a, the first of the two largest)
    TensorType small = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(16)));
    Chip chip = MeshChips.withMemories(3, 3, 8, 1, "8KiB", MeshChips.globalBuffer("64KiB"));
    Instr sum = new Instr.Digital(new Op.Reduce(Op.ReduceOp.SUM, true, false), List.of("a"), List.of("s"));
    Instr add = new Instr.Digital(new Op.Binary(Op.BinaryOp.ADD), List.of("a", "s"), List.of("b"));
    Program p = new Program("p", chip.name(), chip.sha256(), List.of(new Value("in", ROW)),
        List.of(new Value("out", ROW), new Value("out2", ROW)), Map.<String, Tensor>of(), List.of(),
        List.of(new Buffer("a", 8, ROW), new Buffer("s", 8, small), new Buffer("b", 8, ROW)),
        List.of(new TileProgram(8, TileKind.DIGITAL, List.of(new Instr.Load("a", "in"), sum, add,
            new Instr.Store("b", "out"), new Instr.Store("a", "out2")))));
    BufferPlan.Overflow o = BufferPlan.plan(p, chip).overflows().get(0);
    assertEquals(8192 + 64, o.need());
    BufferPlan.Spilling s = BufferPlan.spill(p, chip);
    assertEquals(List.of(new BufferPlan.Spilled("s", 8, 64, Buffer.Space.GLOBAL)), s.plan().spilled());
  }
}
