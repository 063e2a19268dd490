package ancc.compiler.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.io.Npy;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ideal mode reproduces the FP32 reference: every testdata model, compiled by the driver for the
 * {@code default} chip with each uniform placement, simulated in IDEAL mode on the 256 test images
 * and compared with the reference interpreter on the canonical module.
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
 */
class IdealModeTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final double CIM_RELATIVE_BOUND = 0.05;

  private static Path root() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  private static Tensor images(int n) throws IOException {
    return Npy.read(root().resolve("testdata/fashion_mnist/images_" + n + ".npy"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void idealModeMatchesTheReference(String model) throws IOException {
    Module canonical = Compiler.frontend(root().resolve("testdata/models/" + model + ".onnx"));
    Tensor images = images(256);
    String input = canonical.inputs().get(0).name();
    Tensor ref = new Interpreter().run(canonical, Map.of(input, images)).values().iterator().next();
    Tensor memristor = null;
    for (String placement : Compiler.PLACEMENTS) {
      Compilation c = Compiler.compile(canonical, CHIP, placement, CalibrationSource.synthetic());
      Map<String, Tensor> out = new Simulator().run(c.program(), CHIP, Map.of(input, images), SimOptions.ideal());
      Tensor sim = out.values().iterator().next();
      assertArrayEquals(ref.shape(), sim.shape(), model + " " + placement);
      Agreement a = Agreement.of(ref, sim);
      System.out.printf("ideal: %s %s: top-1 agreement %d/%d, max abs logit error %.4g (max |logit| %.4g)%n", model,
          placement, a.agree(), a.rows(), a.maxError(), a.maxLogit());
      if (placement.equals("all-digital")) {
        assertEquals(a.rows(), a.agree(), model + " " + placement + " top-1");
        assertTrue(a.maxError() <= 1e-4 * a.maxLogit(), model + " " + placement + ": error " + a.maxError());
      } else {
        if (placement.equals("all-memristor")) {
          memristor = sim;
        } else {
          // Differential 4-bit slices on RRAM and two's complement bits on SRAM decode to the same
          // integer weights: in IDEAL mode both placements compute the same quantized model.
          double d = Agreement.of(memristor, sim).maxError();
          assertTrue(d <= 1e-4 * a.maxLogit(), model + ": memristor and sram differ by " + d);
        }
        assertTrue(a.agree() >= 0.98 * a.rows(), model + " " + placement + ": top-1 agreement " + a.agree());
        assertTrue(a.maxError() <= CIM_RELATIVE_BOUND * a.maxLogit(),
            model + " " + placement + ": error " + a.maxError() + " vs max |logit| " + a.maxLogit());
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalOutputsAndSeedsDiffer() throws IOException {
    Module canonical = Compiler.frontend(root().resolve("testdata/models/lenet.onnx"));
    String input = canonical.inputs().get(0).name();
    Tensor images = images(16);
    Compilation c = Compiler.compile(canonical, CHIP, "all-memristor", CalibrationSource.synthetic());
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
