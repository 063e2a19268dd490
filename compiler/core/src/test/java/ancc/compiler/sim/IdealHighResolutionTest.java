package ancc.compiler.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.TestCompile;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.driver.Placements;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Tensor;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ideal (noise-free, high-resolution) simulation of a compiled model reproduces the FP32
 * reference: identical top-1 on every test image and a tightly bounded logit error.
 *
 * <p>The chip is the {@code default} preset with its resolutions raised to the widest the chip
 * format allows (16-bit weights, 16-bit inputs on the memristor and SRAM tiles); the program is
 * compiled with the test images as calibration data (so no activation range clips; one calibration
 * serves both placements). IDEAL mode then removes every device and converter error, and what is
 * left is 16-bit weight and activation rounding: the test asserts identical top-1 on all 256 images
 * and a max abs logit error of at most 0.02% of the largest |logit| (measured: 1.2e-5 to 5.1e-5)
 * for all-memristor. all-sram decodes to the same integer weights, so it must agree with
 * all-memristor to float rounding image by image: that equality, with the same top-1 and error
 * bounds, is checked on the first {@value #EQUALITY_IMAGES} images. The reference logits are
 * shared with {@link IdealModeTest} ({@link ReferenceRuns}), which covers the same comparison at the
 * chip's real 8-bit resolution, where quantization alone may flip a near tie.
 */
class IdealHighResolutionTest {
  private static final double RELATIVE_BOUND = 2e-4;
  private static final int EQUALITY_IMAGES = 64;

  /** The default preset's YAML with every weight and input resolution set to {@code bits}. */
  static Chip highResolution(int bits) throws IOException {
    String yaml;
    try (InputStream in = Chips.class.getResourceAsStream("/ancc/chips/default.yaml")) {
      assertTrue(in != null, "default preset resource missing");
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String out = yaml.replaceAll("name: default", "name: default-" + bits + "bit");
    out = replaceAll(out, "(\\n\\s+weight:\\n\\s+bits: )\\d+", "$1" + bits, 1);
    out = replaceAll(out, "(\\n\\s+input:\\n\\s+encoding: bit_serial\\n\\s+bits: )\\d+", "$1" + bits, 1);
    out = replaceAll(out, "(\\n\\s+weight_bits: )\\d+", "$1" + bits, 1);
    out = replaceAll(out, "(\\n\\s+input_bits: )\\d+", "$1" + bits, 1);
    return Chips.parse(out, "default-" + bits + "bit.yaml");
  }

  private static String replaceAll(String text, String regex, String replacement, int expected) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
    }
    assertEquals(expected, found, "pattern " + regex + " in the default preset");
    return text.replaceAll(regex, replacement);
  }

  @Test
  void theVariantHasTheWiderResolutions() throws IOException {
    Chip hi = highResolution(16);
    Chip base = Chips.preset("default");
    assertEquals(base.tiles().size(), hi.tiles().size());
    assertTrue(!hi.sha256().equals(base.sha256()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void idealHighResolutionMatchesTheReference(String model) throws IOException {
    Chip chip = highResolution(16);
    ReferenceRuns.Run run = ReferenceRuns.of(model);
    Calibration cal = Calibration.run(run.canonical(), Map.of(run.input(),
        ancc.runtime.io.Npy.read(ReferenceRuns.root().resolve(ReferenceRuns.IMAGES))));
    Tensor memristor = null;
    for (String placement : new String[] {"all-memristor", "all-sram"}) {
      int n = placement.equals("all-memristor") ? (int) run.images().dim(0) : EQUALITY_IMAGES;
      Compilation c = Compiler.compile(run.canonical(), chip, TestCompile.assign(run.canonical(), placement), placement,
          cal);
      Tensor sim = new Simulator().run(c.program(), chip, Map.of(run.input(), run.images(n)), SimOptions.ideal())
          .values().iterator().next();
      IdealModeTest.Agreement a = IdealModeTest.Agreement.of(run.logits(n), sim);
      System.out.printf("ideal 16-bit: %s %s: top-1 agreement %d/%d, max abs logit error %.4g (max |logit| %.4g,"
          + " ratio %.3g)%n", model, placement, a.agree(), a.rows(), a.maxError(), a.maxLogit(),
          a.maxError() / a.maxLogit());
      assertEquals(a.rows(), a.agree(), model + " " + placement + ": top-1 differs from the reference");
      assertTrue(a.maxError() <= RELATIVE_BOUND * a.maxLogit(),
          model + " " + placement + ": error " + a.maxError() + " vs max |logit| " + a.maxLogit());
      if (memristor == null) {
        memristor = sim;
      } else {
        double d = IdealModeTest.Agreement.of(ReferenceRuns.rows(memristor, n), sim).maxError();
        assertTrue(d <= 1e-4 * a.maxLogit(), model + ": 16-bit memristor and sram differ by " + d);
      }
    }
  }
}
