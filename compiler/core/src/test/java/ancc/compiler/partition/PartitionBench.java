package ancc.compiler.partition;

import ancc.compiler.driver.Strategy;
import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compiler;
import ancc.compiler.eval.Dataset;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

/**
 * Test support: the testdata models, and the 256 committed Fashion-MNIST test images split into a
 * calibration half (the first 128) and a held-out half (the last 128).
 */
final class PartitionBench {
  static final int HALF = 128;

  private PartitionBench() {}

  static Path root() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  static Module model(String name) {
    return TestCompile.load(root().resolve("testdata/models/" + name + ".onnx"));
  }

  private static Dataset all() {
    try {
      Tensor images = Npy.read(root().resolve("testdata/fashion_mnist/images_256.npy"));
      long[] labels = Npy.read(root().resolve("testdata/fashion_mnist/labels_256.npy")).longs();
      return new Dataset("input", images, labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Images [from, to) of the 256. */
  static Dataset slice(int from, int to) {
    Dataset d = all();
    long[] shape = d.images().shape().clone();
    int per = d.images().size() / (int) shape[0];
    shape[0] = to - from;
    return new Dataset("input", Tensor.ofFloats(d.images().dtype(), shape,
        Arrays.copyOfRange(d.images().floats(), from * per, to * per)), Arrays.copyOfRange(d.labels(), from, to));
  }

  static Dataset calibration() {
    return slice(0, HALF);
  }

  static Dataset heldOut() {
    return slice(HALF, 2 * HALF);
  }

  /** FP32 top-1 minus simulated top-1 of {@code c} on chip instance {@code seed} over the held-out images. */
  static double heldOutDrop(ancc.compiler.driver.Compilation c, long seed) {
    Dataset d = heldOut();
    CalibData data = CalibData.of(c.module(), d, d.size());
    Measure.Reference ref = Measure.reference(c.module(), data);
    return ref.top1(data.labels()) - Measure.simulatedTop1(c, data, ref, seed, 1);
  }

  /** Options for tests: 1 % budget, 2 chip instances, a fresh cache folder. */
  static PartitionOptions options(String strategy, double budget, long seed) {
    try {
      return new PartitionOptions(Strategy.parse(strategy), budget, false, HALF, seed, 2,
          java.nio.file.Files.createTempDirectory("ancc-partition-test"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Spearman rank correlation of two equally long score vectors (average ranks for ties). */
  static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    double ma = Arrays.stream(ra).average().orElse(0);
    double mb = Arrays.stream(rb).average().orElse(0);
    double num = 0;
    double da = 0;
    double db = 0;
    for (int i = 0; i < ra.length; i++) {
      num += (ra[i] - ma) * (rb[i] - mb);
      da += (ra[i] - ma) * (ra[i] - ma);
      db += (rb[i] - mb) * (rb[i] - mb);
    }
    return da == 0 || db == 0 ? 1 : num / Math.sqrt(da * db);
  }

  private static double[] ranks(double[] x) {
    Integer[] idx = new Integer[x.length];
    for (int i = 0; i < x.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> Double.compare(x[p], x[q]));
    double[] r = new double[x.length];
    int i = 0;
    while (i < x.length) {
      int j = i;
      while (j + 1 < x.length && x[idx[j + 1]] == x[idx[i]]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        r[idx[k]] = (i + j) / 2.0;
      }
      i = j + 1;
    }
    return r;
  }

  static String describe(PartitionSummary s) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s budget %.2f%% predicted %.2f%% measured %.2f%%"
        + " repairs %d%n", s.strategy(), s.budgetPercent(), s.predictedDropPercent(), s.measuredDropPercent(),
        s.repairs()));
    for (LayerDecision d : s.layers()) {
      b.append(String.format(Locale.ROOT, "  %-20s %-9s %s energy %s | %s%n", d.name(), d.placement(),
          d.sensitivity(), d.energyPj(), d.why()));
    }
    s.baselines().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  baseline %-18s %s%n", k, v)));
    return b.toString();
  }
}
