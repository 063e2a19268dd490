package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.backends.DoesNotFitException;
import ancc.backends.TestNets;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Buffer allocation per tile: liveness, first fit, in-place layout ops, the capacity check, and the
 * sizes it allocates (batch-independent, physical widths, row tiles).
 */
class BufferPlanTest {
  /** f32[N, 1024]: 1024 bytes at batch 1 on the test chips, whose digital tiles hold int8 activations. */
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
    assertEquals(2048L, plan.peakBytes().get(8));
    List<BufferPlan.Allocation> a = plan.allocations(8);
    assertEquals(List.of("a", "b", "c"), a.stream().map(BufferPlan.Allocation::buffer).toList());
    assertEquals(List.of(0L, 1024L, 0L), a.stream().map(BufferPlan.Allocation::offset).toList());
  }

  @Test
  void layoutOpsWorkInPlace() {
    Chip chip = MeshChips.threeByThree();
    Instr reshape = new Instr.Digital(new Op.Reshape(false), List.of("a", "shape"), List.of("b"));
    Program p = program(chip, List.of("a", "b"), List.of(reshape));
    assertEquals(1024L, BufferPlan.allocate(p, chip).peakBytes().get(8));
  }

  @Test
  void overflowNamesTheTileAndBytesNeededAndAvailable() {
    Chip chip = MeshChips.chip(3, 3, 8, 1, "1536B");
    Program p = program(chip, List.of("a", "b"), List.of(relu("a", "b")));
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> BufferPlan.allocate(p, chip));
    assertEquals("p does not fit chip mesh-test: tile 8 (digital) needs 2048 bytes of buffer, has 1536",
        e.getMessage());
    BufferPlan plan = BufferPlan.plan(p, chip);
    assertEquals(List.of(new BufferPlan.Overflow(8, TileKind.DIGITAL, 2048, 1536, List.of("a", "b"))),
        plan.overflows());
  }

  /** The conv chain of {@link TestNets#convChain} lowered with the convs on memristor tiles, the rest digital. */
  static Program convChain(Chip chip, Object batch, boolean relu) {
    return convsOnMemristor(TestNets.convChain(batch, relu, 3), chip);
  }

  /** {@code m} mesh-lowered on {@code chip}: convolutions on memristor tiles, the rest digital. */
  static Program convsOnMemristor(Module m, Chip chip) {
    Map<String, TileKind> kinds = new HashMap<>();
    m.nodes().forEach(n -> kinds.put(n.output().name(),
        n.op() instanceof Op.Conv ? TileKind.MEMRISTOR : TileKind.DIGITAL));
    return MeshLowering.lower(m, chip, new Assignment(kinds), Calibration.synthetic(m, 8, 3)).program();
  }

  @Test
  void staticAndSymbolicBatchGiveTheSamePeaks() {
    Chip chip = Chips.preset("default");
    for (boolean relu : new boolean[] {false, true}) {
      Map<Integer, Long> symbolic = BufferPlan.plan(convChain(chip, "N", relu), chip).peakBytes();
      Map<Integer, Long> fixed = BufferPlan.plan(convChain(chip, 1, relu), chip).peakBytes();
      assertEquals(symbolic, fixed, "relu " + relu);
      assertTrue(symbolic.values().stream().allMatch(b -> b > 0), symbolic.toString());
    }
  }

  @Test
  void convChainIsSizedByRowTilesAtPhysicalWidths() {
    Chip chip = Chips.preset("default");
    Program p = convChain(chip, "N", false);
    assertEquals(List.of(0), p.tiles().stream().map(TileProgram::tile).toList());
    Map<String, Long> bytes = new HashMap<>();
    BufferPlan.plan(p, chip).allocations(0).forEach(a -> bytes.put(a.buffer(), a.bytes()));
    // row tile 1 of 16 output rows of 16 columns; line buffer of 3 input rows; fp16 activations
    assertEquals(3 * 16 * 4 * 2L, bytes.get("x"), "line buffer: 3 rows x 16 x 4 channels x 2 bytes");
    assertEquals(0L, bytes.get("c1.cols"), "the im2col matrix is a view of the line buffer");
    assertEquals(3 * 16 * 4 * 2L, bytes.get("c1.q"), "9-bit signed codes of the line buffer: 2 bytes each");
    assertEquals(0L, bytes.get("c1.mvm0"), "per-column results stay in the shift-and-add registers");
    assertEquals(16 * 8 * 4L, bytes.get("c1.acc"), "one row of 16 positions x 8 channels, 32-bit accumulators");
    assertEquals(16 * 8 * 2L, bytes.get("c1.deq"), "one row of fp16 activations");
    assertEquals(3 * 16 * 8 * 2L, bytes.get("c1"), "c1's map feeds c2's line buffer of 3 rows");
    assertEquals(8 * 16 * 16 * 2L, bytes.get("y"), "the stored output is whole");
  }

  @Test
  void wholeTensorRowTileHoldsTheWholeChain() {
    Chip chip = Chips.preset("default");
    Program streamed = convChain(chip, "N", false);
    Program whole = withRowTile(streamed, 0);
    Map<String, Long> bytes = new HashMap<>();
    BufferPlan.plan(whole, chip).allocations(0).forEach(a -> bytes.put(a.buffer(), a.bytes()));
    assertEquals(4 * 16 * 16 * 2L, bytes.get("x"));
    assertEquals(256 * 8 * 4L, bytes.get("c1.acc"));
    assertEquals(8 * 16 * 16 * 2L, bytes.get("c1"));
    assertTrue(BufferPlan.plan(whole, chip).peakBytes().get(0) > BufferPlan.plan(streamed, chip).peakBytes().get(0));
  }

  /** {@code p} with every im2col's row tile set to {@code rowTile}. */
  static Program withRowTile(Program p, long rowTile) {
    List<TileProgram> tiles = new ArrayList<>();
    for (TileProgram t : p.tiles()) {
      List<Instr> instrs = new ArrayList<>();
      for (Instr i : t.instrs()) {
        instrs.add(i instanceof Instr.Im2col c ? new Instr.Im2col(c.src(), c.dst(), c.kernelShape(), c.strides(),
            c.pads(), c.dilations(), rowTile) : i);
      }
      tiles.add(new TileProgram(t.tile(), t.kind(), instrs));
    }
    return new Program(p.name(), p.chipName(), p.chipHash(), p.inputs(), p.outputs(), p.constants(), p.arrays(),
        p.buffers(), tiles);
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
    Chip chip = MeshChips.withMemories(3, 3, 8, 1, "10KiB", "");
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
    Chip none = MeshChips.withMemories(3, 3, 8, 1, "10KiB", "");
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
