package ancc.compiler.sim;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;

/**
 * Test support for accuracy measurements: the first {@code n} labelled Fashion-MNIST test images,
 * chip variants made by editing a preset's YAML text, and the top-1 accuracy of a compiled model
 * simulated on one chip instance.
 */
final class AccuracyBench {
  final Tensor images;
  final long[] labels;

  private AccuracyBench(Tensor images, long[] labels) {
    this.images = images;
    this.labels = labels;
  }

  /** The first {@code n} (<= 256) test images and their labels. */
  static AccuracyBench firstImages(int n) {
    try {
      Tensor all = Npy.read(root().resolve("testdata/fashion_mnist/images_256.npy"));
      long[] lab = Npy.read(root().resolve("testdata/fashion_mnist/labels_256.npy")).longs();
      long[] shape = all.shape().clone();
      int per = all.size() / (int) shape[0];
      shape[0] = n;
      Tensor imgs = Tensor.ofFloats(all.dtype(), shape, Arrays.copyOf(all.floats(), n * per));
      return new AccuracyBench(imgs, Arrays.copyOf(lab, n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path root() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  static Module model(String name) {
    return TestCompile.load(root().resolve("testdata/models/" + name + ".onnx"));
  }

  /** The YAML text of a shipped preset. */
  static String presetYaml(String name) {
    String resource = "ancc/chips/" + name + ".yaml";
    try (InputStream in = Chips.class.getClassLoader().getResourceAsStream(resource)) {
      assertTrue(in != null, "missing preset resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code yaml} with the one occurrence of {@code from} replaced by {@code to}; fails if absent or repeated. */
  static String replaceOnce(String yaml, String from, String to) {
    int at = yaml.indexOf(from);
    assertTrue(at >= 0, "preset text lacks: " + from);
    assertEquals(-1, yaml.indexOf(from, at + 1), "preset text repeats: " + from);
    return yaml.substring(0, at) + to + yaml.substring(at + from.length());
  }

  /** Compiles {@code m} for {@code chip} on its memristor tiles with the synthetic calibration. */
  static Compilation compile(Module m, Chip chip) {
    return TestCompile.compile(m, chip, "all-memristor");
  }

  /** The simulated logits of the images on one chip instance. */
  Tensor logits(Compilation c, Chip chip, SimOptions o) {
    String input = c.module().inputs().get(0).name();
    return new Simulator().run(c.program(), chip, Map.of(input, images), o).values().iterator().next();
  }

  /** Top-1 accuracy (fraction) of [N, classes] logits against the labels. */
  double top1(Tensor logits) {
    int n = (int) logits.dim(0);
    assertEquals(labels.length, n, "rows of the logits");
    int k = logits.size() / n;
    float[] l = logits.floats();
    int right = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (l[i * k + j] > l[i * k + best]) {
          best = j;
        }
      }
      right += best == labels[i] ? 1 : 0;
    }
    return (double) right / n;
  }

  /** Mean top-1 over chip instances with seeds 0 .. seeds-1, read at {@code driftSeconds}. */
  double meanTop1(Compilation c, Chip chip, int seeds, double driftSeconds, boolean compensate) {
    double sum = 0;
    for (int s = 0; s < seeds; s++) {
      sum += top1(logits(c, chip, new SimOptions(SimOptions.Mode.ANALOG, s, driftSeconds, compensate)));
    }
    return sum / seeds;
  }
}
