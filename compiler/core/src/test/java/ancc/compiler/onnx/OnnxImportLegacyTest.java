package ancc.compiler.onnx;

import static ancc.compiler.onnx.OnnxModelBuilder.FLOAT;
import static ancc.compiler.onnx.OnnxModelBuilder.f;
import static ancc.compiler.onnx.OnnxModelBuilder.i;
import static ancc.compiler.onnx.OnnxModelBuilder.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models declaring opsets 1 to 6: old attribute forms mapped exactly, the rest rejected. */
class OnnxImportLegacyTest {
  @TempDir Path dir;

  private Module load(OnnxModelBuilder b) throws IOException {
    return OnnxImporter.importModel(b.write(dir, "m.onnx"));
  }

  @Test
  void broadcastWithAxisAlignsBByTrailingOnes() throws IOException {
    Module m = load(new OnnxModelBuilder(6).input("a", FLOAT, 2, 3, 4, 5).input("b", FLOAT, 3, 4)
        .node("add", "Add", "a, b -> y", i("broadcast", 1), i("axis", 1)).output("y"));
    assertEquals(2, m.nodes().size());
    Node unsq = m.nodes().get(0);
    assertEquals(new Op.Unsqueeze(), unsq.op());
    assertArrayEquals(new long[] {2}, m.constant(unsq.input(1)).longs());
    assertEquals("f32[3,4,1]", unsq.output().type().toString());
    assertEquals("f32[2,3,4,5]", m.outputs().get(0).type().toString());
  }

  @Test
  void broadcastWithoutAxisIsSuffixAlignedAndWithoutBroadcastNeedsOneShape() throws IOException {
    Module m = load(new OnnxModelBuilder(6).input("a", FLOAT, 2, 3).input("b", FLOAT, 3)
        .node("mul", "Mul", "a, b -> y", i("broadcast", 1)).output("y"));
    assertEquals(1, m.nodes().size());
    assertEquals("f32[2,3]", m.outputs().get(0).type().toString());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(new OnnxModelBuilder(6)
        .input("a", FLOAT, 2, 3).input("b", FLOAT, 3).node("sub", "Sub", "a, b -> y").output("y")));
    assertTrue(e.getMessage().contains("node 'sub' (Sub, opset 6): without broadcast=1"), e.getMessage());
  }

  @Test
  void preluSlopeIsPerChannel() throws IOException {
    Module m = load(new OnnxModelBuilder(6).input("x", FLOAT, 2, 3, 4).zeros("s", 3)
        .node("p", "PRelu", "x, s -> y").output("y"));
    assertEquals("f32[3,1]", m.nodes().get(0).output().type().toString());
    assertEquals("f32[2,3,4]", m.outputs().get(0).type().toString());
  }

  @Test
  void oldAttributeForms() throws IOException {
    Module concat = load(new OnnxModelBuilder(3).input("a", FLOAT, 2, 3).input("b", FLOAT, 2, 1)
        .node("c", "Concat", "a, b -> y").output("y"));
    assertEquals(new Op.Concat(1), concat.nodes().get(0).op());
    Module reshape = load(new OnnxModelBuilder(4).input("a", FLOAT, 2, 3)
        .node("r", "Reshape", "a -> y", ints("shape", 3, -1)).output("y"));
    assertEquals("f32[3,2]", reshape.outputs().get(0).type().toString());
    Module pad = load(new OnnxModelBuilder(1).input("a", FLOAT, 2, 3)
        .node("p", "Pad", "a -> y", ints("paddings", 0, 1, 0, 1)).output("y"));
    assertEquals("f32[2,5]", pad.outputs().get(0).type().toString());
    Module selu = load(new OnnxModelBuilder(1).input("a", FLOAT, 2).node("s", "Selu", "a -> y").output("y"));
    assertEquals(new Op.Selu(ExtraOps.SELU1_ALPHA, ExtraOps.SELU1_GAMMA), selu.nodes().get(0).op());
  }

  @Test
  void trainingModeIsUnsupported() {
    UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> load(new OnnxModelBuilder(6)
        .input("x", FLOAT, 2, 3).node("d", "Dropout", "x -> y", f("ratio", 0.5f)).output("y")));
    assertTrue(e.getMessage().contains("node 'd' (Dropout, opset 6): is_test=0 (training mode)"), e.getMessage());
  }

  @Test
  void testModeBatchNormImports() throws IOException {
    Module m = load(new OnnxModelBuilder(6).input("x", FLOAT, 1, 2, 3).zeros("s", 2).zeros("b", 2).zeros("m", 2)
        .zeros("v", 2).node("bn", "BatchNormalization", "x, s, b, m, v -> y", i("is_test", 1)).output("y"));
    assertEquals(new Op.BatchNormalization(1e-5f), m.nodes().get(0).op());
  }
}
