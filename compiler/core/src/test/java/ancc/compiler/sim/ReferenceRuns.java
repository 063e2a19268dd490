package ancc.compiler.sim;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compiler;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Test support shared by the ideal-mode tests: a testdata model's canonical module and its FP32
 * reference logits on the 256 committed test images, computed once per test JVM (the reference
 * run of resnet_small is the costliest step of both tests after the simulations).
 */
final class ReferenceRuns {
  /** A model run by the reference interpreter on {@link #IMAGES}. */
  record Run(Module canonical, String input, Tensor images, Tensor logits) {
    /** The first {@code n} images. */
    Tensor images(int n) {
      return rows(images, n);
    }

    /** The reference logits of the first {@code n} images. */
    Tensor logits(int n) {
      return rows(logits, n);
    }
  }

  static final String IMAGES = "testdata/fashion_mnist/images_256.npy";
  private static final Map<String, Run> RUNS = new HashMap<>();

  private ReferenceRuns() {}

  static Path root() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  static synchronized Run of(String model) {
    Run r = RUNS.get(model);
    if (r == null) {
      Module canonical = TestCompile.load(root().resolve("testdata/models/" + model + ".onnx"));
      Tensor images;
      try {
        images = Npy.read(root().resolve(IMAGES));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String input = canonical.inputs().get(0).name();
      Tensor logits = new Interpreter().run(canonical, Map.of(input, images)).values().iterator().next();
      r = new Run(canonical, input, images, logits);
      RUNS.put(model, r);
    }
    return r;
  }

  /** The first {@code n} rows (dim 0) of {@code t}. */
  static Tensor rows(Tensor t, int n) {
    long[] shape = t.shape().clone();
    if (n >= shape[0]) {
      return t;
    }
    int per = (int) (t.size() / shape[0]);
    shape[0] = n;
    return Tensor.ofFloats(t.dtype(), shape, Arrays.copyOf(t.floats(), n * per));
  }
}
