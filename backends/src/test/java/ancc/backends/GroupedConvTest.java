package ancc.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.cim.CimBackend;
import ancc.backends.mapping.Calibration;
import ancc.backends.mapping.CellCodec;
import ancc.backends.mapping.QuantizedWeights;
import ancc.backends.place.Estimator;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayUsage;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Grouped and depthwise convolutions packed block-diagonally into shared arrays: array counts,
 * the block-diagonal images (the layer's integer weights on the diagonal, weight 0 elsewhere),
 * ideal-mode numerics against the FP32 reference and an analog run.
 *
 * <p>Tolerance: in ideal mode only the 8-bit weight and input quantization remains, so the
 * simulated output is within 5% of the largest |output| of the reference (the CIM bound of
 * {@code IdealModeTest}); measured errors are printed.
 */
class GroupedConvTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final double RELATIVE_BOUND = 0.05;

  /** x[N, channels, 8, 8] -> conv (channels -> outputs, 3x3, pad 1, group, bias) -> relu. */
  static Module grouped(int channels, int outputs, int group, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Module.Builder b = Module.builder("g" + group);
    Value x = new Value("x", TestNets.f32("N", channels, 8, 8));
    Value w = new Value("w", TestNets.f32(outputs, channels / group, 3, 3));
    Value bias = new Value("b", TestNets.f32(outputs));
    Value y = new Value("y", TestNets.f32("N", outputs, 8, 8));
    Value r = new Value("r", TestNets.f32("N", outputs, 8, 8));
    b.input(x);
    b.constant(w, TestNets.random(rnd, 0.5, outputs, channels / group, 3, 3));
    b.constant(bias, TestNets.random(rnd, 0.1, outputs));
    b.node(new Node(new Op.Conv(List.of(1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(1L, 1L), group),
        Arrays.asList(x, w, bias), y, "conv"));
    b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(y), r, "relu"));
    b.output(r);
    return b.build();
  }

  private static Program lower(Module m, TileKind kind) {
    Program p = Lowering.lower(m, CHIP, Assignment.uniform(m, kind), Calibration.synthetic(m, 4, 1));
    assertEquals(List.of(), ProgramVerifier.check(p));
    return p;
  }

  private static Tensor input(Module m, int batch, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] shape = {batch, m.inputs().get(0).type().dim(1).size(), 8, 8};
    float[] d = new float[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextDouble() * 4 - 2);
    }
    return Tensor.ofFloats(shape, d);
  }

  @Test
  void depthwise64ChannelsTakesThreeCrossbarsNotSixtyFour() {
    Module m = grouped(64, 64, 64, 3);
    Node conv = m.nodes().get(0);
    // 256 rows hold floor(256 / 9) = 28 channels of 9 taps: ceil(64 / 28) = 3 = ceil(64 x 9 / 256).
    assertEquals(3, ((CimBackend) Backends.of(TileKind.MEMRISTOR)).arrays(conv, m, CHIP));
    Program p = lower(m, TileKind.MEMRISTOR);
    assertEquals(3, p.arrays().size());
    int[] groupsPerArray = p.arrays().stream().mapToInt(a -> a.layout().outCount()).toArray();
    assertArrayEquals(new int[] {28, 28, 8}, groupsPerArray);
    // Utilization: 576 weights x 4 cells (two 4-bit slices, +/- pair) over 3 x 256 x 256 cells.
    ArrayUsage u = ArrayUsage.of(p.arrays(), CimBackend.weights(conv, m));
    assertEquals(64.0 * 9 * 4 / (3.0 * 256 * 256), u.utilization(), 1e-12);
    assertTrue(u.utilization() < ArrayUsage.of(p.arrays()).utilization(), "zero blocks are not weights");
  }

  @Test
  void packedImagesAreBlockDiagonal() {
    Module m = grouped(32, 32, 4, 5);
    Program p = lower(m, TileKind.MEMRISTOR);
    // 4 groups of 8 outputs x 72 inputs: 3 groups per 256 x 256 crossbar (216 rows, 32 columns).
    assertEquals(2, p.arrays().size());
    float[] w = m.constant(m.nodes().get(0).input(1)).floats();
    QuantizedWeights q = QuantizedWeights.quantize(w, 32, 72, 4, 8);
    int zeros = 0;
    for (ArrayImage a : p.arrays()) {
      long[][] d = CellCodec.decode(a.layout(), a.cells());
      for (int o = 0; o < a.layout().outCount(); o++) {
        for (int r = 0; r < a.layout().inCount(); r++) {
          int out = a.layout().outStart() + o;
          int in = a.layout().inStart() + r;
          assertEquals(q.at(out, in), d[o][r], "weight " + out + "," + in);
          if (out / 8 != in / 72) {
            assertEquals(0, d[o][r]);
            zeros++;
          }
        }
      }
    }
    // Off-diagonal cells of the first array: 3 groups, 8 outputs x (216 - 72) rows each.
    assertEquals(3 * 8 * 144, zeros);
    assertEquals(List.of(0, 216), p.arrays().stream().map(a -> a.layout().inStart()).toList());
  }

  @Test
  void idealModeMatchesTheReferenceAndAnalogRuns() {
    for (Module m : List.of(grouped(64, 64, 64, 7), grouped(32, 32, 4, 8), grouped(16, 32, 16, 9))) {
      for (TileKind kind : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
        Program p = lower(m, kind);
        Tensor x = input(m, 3, 11);
        Tensor ref = new Interpreter().run(m, Map.of("x", x)).get("r");
        Simulator sim = new Simulator();
        Tensor ideal = sim.run(p, CHIP, Map.of("x", x), SimOptions.ideal()).get("r");
        assertArrayEquals(ref.shape(), ideal.shape());
        double err = TestNets.maxError(ref, ideal);
        double max = TestNets.maxAbs(ref);
        System.out.printf("grouped %s on %s: %d arrays, max abs error %.4g of max |y| %.4g%n", m.name(), kind.text(),
            p.arrays().size(), err, max);
        assertTrue(err <= RELATIVE_BOUND * max, m.name() + " " + kind.text() + ": error " + err + " vs " + max);
        Tensor analog = sim.run(p, CHIP, Map.of("x", x), SimOptions.analog(3)).get("r");
        for (float v : analog.floats()) {
          assertTrue(Float.isFinite(v));
        }
        if (kind == TileKind.MEMRISTOR) {
          assertFalse(analog.contentEquals(ideal), "the default chip's RRAM noise changes the result");
        }
      }
    }
  }

  @Test
  void estimatorSeesThePackedCost() {
    Module m = grouped(64, 64, 64, 3);
    Node conv = m.nodes().get(0);
    Calibration cal = Calibration.synthetic(m, 2, 1);
    ancc.backends.Cost mem = Estimator.estimate(conv, m, CHIP, TileKind.MEMRISTOR, cal);
    ancc.backends.Cost sram = Estimator.estimate(conv, m, CHIP, TileKind.SRAM, cal);
    ancc.backends.Cost dig = Estimator.estimate(conv, m, CHIP, TileKind.DIGITAL, cal);
    assertEquals(3, mem.arrays());
    assertEquals(10, sram.arrays());
    assertEquals(0, dig.arrays());
    System.out.printf("depthwise 64x3x3 on 8x8: energy memristor %.1f pJ, sram %.1f pJ, digital %.1f pJ%n",
        mem.energyPj(), sram.energyPj(), dig.energyPj());
    assertTrue(mem.energyPj() > 0 && sram.energyPj() > 0 && dig.energyPj() > 0);
  }
}
