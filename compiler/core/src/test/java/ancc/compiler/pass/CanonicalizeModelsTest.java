package ancc.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.onnx.OnnxImporter;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on the exported testdata models: import, canonicalize (verifier on), and check that
 * the exporter debris is gone and that the interpreter's logits did not move.
 */
class CanonicalizeModelsTest {
  /** Ops canonicalization must remove from these models. */
  private static final Set<String> GONE = Set.of("shape", "gather", "unsqueeze", "concat",
      "batch_normalization", "dropout", "identity", "gemm", "matmul");

  private static Path repoRoot() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet", "cnn_bn", "mlp", "resnet_small"})
  void canonicalizationKeepsTheLogits(String model) throws IOException {
    Path onnx = repoRoot().resolve("testdata/models/" + model + ".onnx");
    Path images = repoRoot().resolve("testdata/fashion_mnist/images_16.npy");
    assertTrue(Files.exists(onnx), "missing " + onnx);
    Module before = OnnxImporter.importModel(onnx);
    PassContext ctx = new PassContext();
    Module after = new PassManager(Pipelines.canonicalize()).verifyEach(true).run(before, ctx);

    Set<String> left = after.nodes().stream().map(n -> n.op().name())
        .filter(GONE::contains).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(left.isEmpty(), model + ": still has " + left);
    assertEquals(before.outputs().stream().map(v -> v.name()).collect(Collectors.toList()),
        after.outputs().stream().map(v -> v.name()).collect(Collectors.toList()), "graph output names");
    assertEquals(before.inputs(), after.inputs(), "graph inputs");
    assertNotSame(before, after, model + ": nothing was canonicalized");
    assertEquals(Pipelines.canonicalize().size(), ctx.timings().size());

    Tensor x = Npy.read(images);
    String input = before.inputs().get(0).name();
    String output = before.outputs().get(0).name();
    Tensor expected = new Interpreter().run(before, Map.of(input, x)).get(output);
    Tensor actual = new Interpreter().run(after, Map.of(input, x)).get(output);
    assertArrayEquals(expected.shape(), actual.shape());
    float[] e = expected.floats();
    float[] a = actual.floats();
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < e.length; i++) {
      scale = Math.max(scale, Math.abs(e[i]));
      worst = Math.max(worst, Math.abs(e[i] - a[i]));
    }
    assertTrue(scale > 0, "logits are all zero");
    assertTrue(worst <= 1e-5 * scale, model + ": max |diff| " + worst + " > 1e-5 * max |logit| " + scale);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet", "cnn_bn"})
  void denseLayersBecomeLinear(String model) {
    Module after = new PassManager(Pipelines.canonicalize())
        .run(OnnxImporter.importModel(repoRoot().resolve("testdata/models/" + model + ".onnx")), new PassContext());
    List<String> ops = after.nodes().stream().map(Node::op).map(o -> o.name()).collect(Collectors.toList());
    assertTrue(ops.contains("linear"), model + ": " + ops);
    assertTrue(ops.contains("conv"), model + ": " + ops);
    assertTrue(after.constants().values().stream().allMatch(t -> t.size() > 0));
  }
}
