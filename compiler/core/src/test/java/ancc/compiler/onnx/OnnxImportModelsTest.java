package ancc.compiler.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imports the committed testdata models (exported by PyTorch with a symbolic batch N). */
class OnnxImportModelsTest {
  private static Path model(String name) {
    Path root = Path.of(System.getProperty("ancc.repo.root", "../.."));
    Path p = root.resolve("testdata/models").resolve(name + ".onnx");
    assertTrue(Files.isRegularFile(p), "missing test model " + p);
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void importsWithSymbolicBatchAndFullyTypedValues(String name) {
    Module m = OnnxImporter.importModel(model(name));
    assertEquals(1, m.inputs().size());
    assertEquals("f32[N,1,28,28]", m.inputs().get(0).type().toString());
    assertEquals(1, m.outputs().size());
    assertEquals("f32[N,10]", m.outputs().get(0).type().toString());
    for (Node n : m.nodes()) {
      assertFalse(n.loc().isEmpty(), n.toString());
      for (Value v : n.outputs()) {
        assertFalse(v.type().dims().contains(Dim.UNKNOWN), n.describe() + " output " + v);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet"})
  void torchViewChainTypesTheReshape(String name) {
    Module m = OnnxImporter.importModel(model(name));
    long reshapes = m.nodes().stream().filter(n -> n.op() instanceof Op.Reshape).count();
    assertTrue(reshapes >= 1, "lenet flattens with x.view(x.size(0), -1)");
    for (Node n : m.nodes()) {
      if (n.op() instanceof Op.Reshape) {
        assertEquals("f32[N,400]", n.output().type().toString());
      }
    }
  }
}
