package ancc.compiler.sim;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ideal mode reproduces the FP32 reference: every testdata model, compiled by the driver for the
 * {@code default} chip with each uniform placement, simulated in IDEAL mode and compared with the
 * reference interpreter on the canonical module ({@link ReferenceRuns}, shared with
 * {@link IdealHighResolutionTest}).
 *
 * <p>Bounds. all-digital runs the reference kernels on the same graph, so it must be exact up to
 * float rounding: max abs logit error <= 1e-4 x max |logit| and identical top-1. In the CIM
 * placements IDEAL mode removes the converters' and devices' errors, but the program's 8-bit
 * symmetric per-output-channel weight quantization remains: each weight is off by at most half a
 * step, max|w_channel| / 254, i.e. up to 0.4% of the channel's largest weight, compounding over the
 * layers. The test asserts top-1 agreement on at least 98% of the images and a max abs logit error
 * of at most 5% of the largest |logit| (measured values are printed; they are well inside), and
 * that all-memristor and all-sram, whose cell encodings differ but whose integer weights are the
 * same, agree to float rounding: what remains is the weight quantization, not the datapath.
 *
 * <p>Images. The agreement rate is a statistic: all-memristor is measured on all 256 images (98%
 * allows 5 flips, measured 0 to 2). The other two checks are equalities to float rounding, which
 * hold image by image: all-digital against the reference and all-sram against all-memristor run on
 * the first {@value #EQUALITY_IMAGES} images (and all-sram's error bound with them).
 */
class IdealModeTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final double CIM_RELATIVE_BOUND = 0.05;
  private static final int EQUALITY_IMAGES = 64;

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void idealModeMatchesTheReference(String model) {
    ReferenceRuns.Run run = ReferenceRuns.of(model);
    Tensor memristor = null;
    for (String placement : TestCompile.UNIFORM) {
      int n = placement.equals("all-memristor") ? (int) run.images().dim(0) : EQUALITY_IMAGES;
      Tensor ref = run.logits(n);
      Compilation c = TestCompile.compile(run.canonical(), CHIP, placement);
      Map<String, Tensor> out = new Simulator().run(c.program(), CHIP, Map.of(run.input(), run.images(n)),
          SimOptions.ideal());
      Tensor sim = out.values().iterator().next();
      assertArrayEquals(ref.shape(), sim.shape(), model + " " + placement);
      Agreement a = Agreement.of(ref, sim);
      System.out.printf("ideal: %s %s: top-1 agreement %d/%d, max abs logit error %.4g (max |logit| %.4g)%n", model,
          placement, a.agree(), a.rows(), a.maxError(), a.maxLogit());
      if (placement.equals("all-digital")) {
        assertEquals(a.rows(), a.agree(), model + " " + placement + " top-1");
        assertTrue(a.maxError() <= 1e-4 * a.maxLogit(), model + " " + placement + ": error " + a.maxError());
      } else if (placement.equals("all-memristor")) {
        memristor = sim;
        assertTrue(a.agree() >= 0.98 * a.rows(), model + " " + placement + ": top-1 agreement " + a.agree());
        assertTrue(a.maxError() <= CIM_RELATIVE_BOUND * a.maxLogit(),
            model + " " + placement + ": error " + a.maxError() + " vs max |logit| " + a.maxLogit());
      } else {
        // Differential 4-bit slices on RRAM and two's complement bits on SRAM decode to the same
        // integer weights: in IDEAL mode both placements compute the same quantized model.
        double d = Agreement.of(ReferenceRuns.rows(memristor, n), sim).maxError();
        assertTrue(d <= 1e-4 * a.maxLogit(), model + ": memristor and sram differ by " + d);
        assertTrue(a.maxError() <= CIM_RELATIVE_BOUND * a.maxLogit(),
            model + " " + placement + ": error " + a.maxError() + " vs max |logit| " + a.maxLogit());
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalOutputsAndSeedsDiffer() {
    ReferenceRuns.Run run = ReferenceRuns.of("lenet");
    Module canonical = run.canonical();
    String input = run.input();
    Tensor images = run.images(16);
    Compilation c = TestCompile.compile(canonical, CHIP, "all-memristor");
    Simulator sim = new Simulator();
    for (SimOptions o : new SimOptions[] {SimOptions.ideal(), SimOptions.analog(7)}) {
      Tensor first = sim.run(c.program(), CHIP, Map.of(input, images), o).values().iterator().next();
      Tensor second = sim.run(c.program(), CHIP, Map.of(input, images), o).values().iterator().next();
      assertTrue(first.contentEquals(second), o.mode() + ": two runs with seed " + o.seed() + " differ");
    }
    // ANALOG uses the chip's device models (RRAM programming and read noise on `default`): a
    // different seed is another chip instance.
    Tensor a = sim.run(c.program(), CHIP, Map.of(input, images), SimOptions.analog(7)).values().iterator().next();
    Tensor b = sim.run(c.program(), CHIP, Map.of(input, images), SimOptions.analog(8)).values().iterator().next();
    assertTrue(!a.contentEquals(b), "seeds 7 and 8 gave identical outputs");
  }

  /** Top-1 agreement and logit error of a simulated [N, classes] output against the reference. */
  record Agreement(int rows, int agree, double maxError, double maxLogit) {
    static Agreement of(Tensor ref, Tensor sim) {
      int n = (int) ref.dim(0);
      int k = ref.size() / n;
      float[] r = ref.floats();
      float[] s = sim.floats();
      int agree = 0;
      double err = 0;
      double max = 0;
      for (int i = 0; i < n; i++) {
        int ar = 0;
        int as = 0;
        for (int j = 0; j < k; j++) {
          int at = i * k + j;
          err = Math.max(err, Math.abs(r[at] - s[at]));
          max = Math.max(max, Math.abs(r[at]));
          if (r[at] > r[i * k + ar]) {
            ar = j;
          }
          if (s[at] > s[i * k + as]) {
            as = j;
          }
        }
        if (ar == as) {
          agree++;
        }
      }
      return new Agreement(n, agree, err, max);
    }
  }
}
