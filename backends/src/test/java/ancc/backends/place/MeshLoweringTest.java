package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.backends.DoesNotFitException;
import ancc.backends.Lowering;
import ancc.backends.TestNets;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repair rounds of mesh lowering: which overflows moving a node can relieve, and what is reused. */
class MeshLoweringTest {
  /** x f32[N, 4096] -> relu -> relu: each value 16 KiB at batch 1 on chips holding activations at 32 bits. */
  private static Module reluChain() {
    TensorType t = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(4096)));
    Value x = new Value("x", t);
    Value a = new Value("a", t);
    Value b = new Value("b", t);
    Module.Builder mb = Module.builder("relus");
    mb.input(x);
    mb.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(x), a, "relu1"));
    mb.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(a), b, "relu2"));
    mb.output(b);
    return mb.build();
  }

  @Test
  void aNodeWhoseOwnBuffersExceedEveryTileSpillsWithoutMoving() {
    // two digital tiles of 8 KiB: each relu's output alone (16 KiB) overflows either tile, so moving a relu
    // cannot help; the chip can spill, so the first placement spills
    Chip chip = MeshChips.withMemories(3, 3, 7, 2, "8KiB", MeshChips.globalBuffer("1MiB"));
    Module m = reluChain();
    Assignment digital = Assignment.uniform(m, TileKind.DIGITAL);
    MeshLowering.Result r = MeshLowering.lower(m, chip, digital, Calibration.synthetic(m, 2, 1));
    assertEquals(1, r.rounds());
    assertEquals(List.of(), r.buffers().overflows());
    assertFalse(r.buffers().spilled().isEmpty());
    assertEquals(r.buffers().peakBytes(), BufferPlan.allocate(r.program(), chip).peakBytes());
  }

  @Test
  void withoutSpillTheOverflowIsStillADoesNotFitError() {
    Chip chip = MeshChips.withMemories(3, 3, 7, 2, "8KiB", "");
    Module m = reluChain();
    DoesNotFitException e = assertThrows(DoesNotFitException.class,
        () -> MeshLowering.lower(m, chip, Assignment.uniform(m, TileKind.DIGITAL), Calibration.synthetic(m, 2, 1)));
    assertTrue(e.getMessage().contains("bytes of buffer, has 8192"), e.getMessage());
  }

  @Test
  void loweringAgainReusesTheArrayContentAndGivesTheSameProgram() {
    Module m = TestNets.convNet(5);
    Chip chip = MeshChips.threeByThree();
    Map<String, TileKind> kinds = new java.util.HashMap<>();
    m.nodes().forEach(n -> kinds.put(n.output().name(),
        n.op() instanceof Op.Conv ? TileKind.MEMRISTOR : TileKind.DIGITAL));
    Assignment a = new Assignment(kinds);
    Calibration cal = Calibration.synthetic(m, 4, 2).forRounds();
    Program first = Lowering.lower(m, chip, a, cal, new MeshPlacer(chip, m));
    Program again = Lowering.lower(m, chip, a, cal, new MeshPlacer(chip, m));
    Program fresh = Lowering.lower(m, chip, a, Calibration.synthetic(m, 4, 2), new MeshPlacer(chip, m));
    assertEquals(fresh.buffers(), again.buffers());
    assertEquals(fresh.tiles(), again.tiles());
    assertEquals(fresh.arrays().size(), again.arrays().size());
    for (int i = 0; i < fresh.arrays().size(); i++) {
      ArrayImage f = fresh.arrays().get(i);
      ArrayImage g = again.arrays().get(i);
      assertEquals(List.of(f.id(), f.kind(), f.tile(), f.slot(), f.layout()),
          List.of(g.id(), g.kind(), g.tile(), g.slot(), g.layout()));
      assertTrue(f.cells().contentEquals(g.cells()), "array " + i);
    }
    assertEquals(fresh.constants().keySet(), again.constants().keySet());
    fresh.constants().forEach((k, v) -> assertTrue(v.contentEquals(again.constants().get(k)), k));
    assertFalse(first.arrays().isEmpty());
    for (int i = 0; i < first.arrays().size(); i++) {
      assertTrue(first.arrays().get(i).sharesCells(again.arrays().get(i)), "array " + i + " is computed once");
    }
  }
}
