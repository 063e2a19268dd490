package ancc.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.Pipelines;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference interpreter against ONNX Runtime (through DJL's OnnxRuntime engine) on every
 * committed testdata model: max |ancc - ORT| <= 1e-4 x max |logit| and identical top-1 on 256
 * Fashion-MNIST test images. Prints the measured error per model.
 */
class OrtReferenceTest {
  static final Path ROOT = Path.of(System.getProperty("ancc.repo.root", "../.."));
  static final Path MODELS = ROOT.resolve("testdata/models");

  static Stream<Path> models() throws Exception {
    assertTrue(Files.isDirectory(MODELS), "missing " + MODELS);
    List<Path> ms;
    try (Stream<Path> s = Files.list(MODELS)) {
      ms = s.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
    }
    assertTrue(ms.size() >= 4, "expected the four testdata models in " + MODELS);
    return ms.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void interpreterMatchesOnnxRuntime(Path model) throws Exception {
    Tensor images = Npy.read(ROOT.resolve("testdata/fashion_mnist/images_256.npy"));
    float[] ort = runOrt(model, images);

    Module m = OnnxImporter.importModel(model);
    Module canon = new PassManager(Pipelines.canonicalize()).verifyEach(true).run(m, new PassContext());
    String in = canon.inputs().get(0).name();
    Tensor got = new Interpreter().run(canon, Map.of(in, images)).values().iterator().next();
    assertArrayEquals(new long[] {images.dim(0), 10}, got.shape());

    float[] y = got.floats();
    assertEquals(ort.length, y.length);
    double maxAbsLogit = 0;
    double maxErr = 0;
    for (int i = 0; i < y.length; i++) {
      maxAbsLogit = Math.max(maxAbsLogit, Math.abs(ort[i]));
      maxErr = Math.max(maxErr, Math.abs(ort[i] - y[i]));
    }
    int rows = y.length / 10;
    int top1Diff = 0;
    for (int r = 0; r < rows; r++) {
      if (argmax(y, r * 10, 10) != argmax(ort, r * 10, 10)) {
        top1Diff++;
      }
    }
    System.out.printf("ort-reference: %s: max abs error %.3g, max |logit| %.3g, ratio %.3g, top-1 differences %d of %d%n",
        model.getFileName(), maxErr, maxAbsLogit, maxErr / maxAbsLogit, top1Diff, rows);
    assertTrue(maxErr <= 1e-4 * maxAbsLogit,
        model.getFileName() + ": max abs error " + maxErr + " exceeds 1e-4 x max|logit| " + maxAbsLogit);
    assertEquals(0, top1Diff, model.getFileName() + ": top-1 differs from ONNX Runtime");
  }

  static int argmax(float[] a, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (a[off + i] > a[off + best]) {
        best = i;
      }
    }
    return best;
  }

  static float[] runOrt(Path model, Tensor x) throws Exception {
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(model)
        .optEngine("OnnxRuntime")
        .build();
    try (ZooModel<NDList, NDList> zoo = criteria.loadModel();
        Predictor<NDList, NDList> predictor = zoo.newPredictor();
        NDManager manager = NDManager.newBaseManager("OnnxRuntime")) {
      NDArray in = manager.create(x.floats(), new Shape(x.shape()));
      NDList out = predictor.predict(new NDList(in));
      return out.get(0).toFloatArray();
    }
  }
}
