package ancc.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.cim.CimBackend;
import ancc.backends.mapping.Calibration;
import ancc.backends.target.CimParams;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Grouped convs, gemm, matmul and offset encoding through the CIM backends. */
class CimLoweringTest {
  private static final Chip CHIP = Chips.preset("default");

  /** x[N,4,6,6] -> depthwise conv (4 groups, stride 2, dilation 1) -> flatten -> gemm(transB) -> matmul W. */
  static Module mixed() {
    SplittableRandom rnd = new SplittableRandom(4);
    Module.Builder b = Module.builder("mixed");
    Value x = new Value("x", TestNets.f32("N", 4, 6, 6));
    Value dw = new Value("dw", TestNets.f32(4, 1, 3, 3));
    Value c = new Value("c", TestNets.f32("N", 4, 3, 3));
    Value f = new Value("f", TestNets.f32("N", 36));
    Value gb = new Value("gb", TestNets.f32(12, 36));
    Value gc = new Value("gc", TestNets.f32(12));
    Value g = new Value("g", TestNets.f32("N", 12));
    Value mw = new Value("mw", TestNets.f32(12, 5));
    Value y = new Value("y", TestNets.f32("N", 5));
    Value s = new Value("s", TestNets.f32("N", 5));
    b.input(x);
    b.constant(dw, TestNets.random(rnd, 1, 4, 1, 3, 3));
    b.constant(gb, TestNets.random(rnd, 1, 12, 36));
    b.constant(gc, TestNets.random(rnd, 1, 12));
    b.constant(mw, TestNets.random(rnd, 1, 12, 5));
    b.node(new Node(new Op.Conv(List.of(2L, 2L), List.of(1L, 1L, 0L, 0L), List.of(1L, 1L), 4),
        Arrays.asList(x, dw, null), c, "dw"));
    b.node(new Node(new Op.Flatten(1), List.of(c), f, "flat"));
    b.node(new Node(new Op.Gemm(0.5f, 2f, false, true), List.of(f, gb, gc), g, "gemm"));
    b.node(new Node(new Op.MatMul(), List.of(g, mw), y, "mm"));
    b.node(new Node(new Op.Softmax(-1, false), List.of(y), s, "softmax"));
    b.output(s);
    return b.build();
  }

  private static long digitalOps(Program p, TileKind on) {
    return p.tiles().stream().filter(t -> t.kind() == on).flatMap(t -> t.instrs().stream())
        .filter(i -> i instanceof Instr.Digital).count();
  }

  @Test
  void groupedConvGemmAndMatmulMapToArrays() {
    Module m = mixed();
    for (TileKind kind : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      Assignment a = Assignment.uniform(m, kind);
      assertEquals(List.of(kind, TileKind.DIGITAL, kind, kind, TileKind.DIGITAL),
          m.nodes().stream().map(a::kindOf).toList());
      Program p = Lowering.lower(m, CHIP, a, Calibration.synthetic(m, 3, 2));
      assertEquals(List.of(), ProgramVerifier.check(p), kind.text());
      List<ArrayImage> dwArrays = p.arrays().stream().filter(x -> x.layout().layer().equals("c")).toList();
      // depthwise: 4 groups of a 1 x 9 matrix share one array block-diagonally: inputs [0, 36), outputs [0, 4).
      assertEquals(1, dwArrays.size());
      assertEquals(0, dwArrays.get(0).layout().inStart());
      assertEquals(36, dwArrays.get(0).layout().inCount());
      assertEquals(0, dwArrays.get(0).layout().outStart());
      assertEquals(4, dwArrays.get(0).layout().outCount());
      assertEquals(2, digitalOps(p, TileKind.DIGITAL), "flatten and softmax");
    }
  }

  @Test
  void gemmFoldsAlphaIntoWeightsAndBetaIntoBias() {
    Module m = mixed();
    Program p = Lowering.lower(m, CHIP, Assignment.uniform(m, TileKind.MEMRISTOR), Calibration.synthetic(m, 3, 2));
    float[] c = m.constant(m.nodes().get(2).input(2)).floats();
    float[] bias = p.constants().get("g.bias").floats();
    for (int i = 0; i < 12; i++) {
      assertEquals(2f * c[i], bias[i]);
    }
    float[] w = m.constant(m.nodes().get(2).input(1)).floats();
    float[] scale = p.constants().get("g.w_scale").floats();
    for (int o = 0; o < 12; o++) {
      float max = 0;
      for (int k = 0; k < 36; k++) {
        max = Math.max(max, Math.abs(0.5f * w[o * 36 + k]));
      }
      assertEquals(max / 127, scale[o], 1e-6 * max);
    }
  }

  @Test
  void matmulWithVariableWeightsStaysDigital() {
    Module m = mixed();
    Node mm = m.nodes().get(3);
    Node swapped = new Node(new Op.MatMul(), List.of(mm.input(1), mm.input(0)), mm.output(), "mm");
    Support s = Backends.of(TileKind.MEMRISTOR).supportsOp(swapped, m);
    assertFalse(s.supported());
    assertTrue(s.reason().contains("second operand"), s.reason());
  }

  @Test
  void offsetEncodingFeedsInputSumsToShiftAdd() {
    Chip offset = Chips.parse(CHIP.canonicalYaml().replace("encoding: differential", "encoding: offset"),
        "offset.yaml");
    CimParams params = CimParams.of(offset, TileKind.MEMRISTOR).orElseThrow();
    assertEquals(WeightEncoding.OFFSET, params.format().encoding());
    assertEquals(2, params.format().columnsPerOutput());
    Module m = TestNets.convNet(8);
    Program p = Lowering.lower(m, offset, Assignment.uniform(m, TileKind.MEMRISTOR), Calibration.synthetic(m, 2, 3));
    assertEquals(List.of(), ProgramVerifier.check(p));
    List<Instr.ShiftAdd> sa = p.tiles().stream().flatMap(t -> t.instrs().stream())
        .filter(i -> i instanceof Instr.ShiftAdd).map(i -> (Instr.ShiftAdd) i).toList();
    assertEquals(2, sa.size());
    assertTrue(sa.stream().allMatch(x -> x.inputs() != null && x.inputs().endsWith(".q")));
  }

  @Test
  void gemm784x256OnTheDefaultChip() {
    Module m = TestNets.wideLinear(784, 256, 1);
    // 256x256 crossbars, 8-bit weights in 2 slices of 4 bits, +/- pairs: 4 row blocks x 4 column blocks.
    assertEquals(16, ((CimBackend) Backends.of(TileKind.MEMRISTOR)).arrays(m.nodes().get(0), m, CHIP));
    // 64x64 SRAM macros, 8 bit columns per weight: 13 row blocks x 32 column blocks.
    assertEquals(13 * 32, ((CimBackend) Backends.of(TileKind.SRAM)).arrays(m.nodes().get(0), m, CHIP));
  }
}
