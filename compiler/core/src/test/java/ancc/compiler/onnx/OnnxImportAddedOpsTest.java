package ancc.compiler.onnx;

import static ancc.compiler.onnx.OnnxModelBuilder.FLOAT;
import static ancc.compiler.onnx.OnnxModelBuilder.INT64;
import static ancc.compiler.onnx.OnnxModelBuilder.i;
import static ancc.compiler.onnx.OnnxModelBuilder.longTensor;
import static ancc.compiler.onnx.OnnxModelBuilder.s;
import static ancc.compiler.onnx.OnnxModelBuilder.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribute mapping of the comparison, logic, variadic and index ops. */
class OnnxImportAddedOpsTest {
  @TempDir Path dir;

  private Node only(OnnxModelBuilder b) throws IOException {
    Module m = OnnxImporter.importModel(b.write(dir, "m.onnx"));
    assertEquals(1, m.nodes().size(), m.nodes().toString());
    return m.nodes().get(0);
  }

  @Test
  void modComparisonAndVariadic() throws IOException {
    Node mod = only(new OnnxModelBuilder(13).input("a", INT64, 3).input("b", INT64, 3)
        .node("m", "Mod", "a, b -> y", i("fmod", 1)).output("y"));
    assertEquals(new Op.Binary(Op.BinaryOp.FMOD), mod.op());
    Node eq = only(new OnnxModelBuilder(13).input("a", FLOAT, "N", 3).input("b", FLOAT, 3)
        .node("e", "GreaterOrEqual", "a, b -> y").output("y"));
    assertEquals("bool[N,3]", eq.output().type().toString());
    Node sum = only(new OnnxModelBuilder(13).input("a", FLOAT, 2, 1).input("b", FLOAT, 3)
        .node("s", "Sum", "a, b, a -> y").output("y"));
    assertEquals(new Op.Variadic(Op.VariadicOp.SUM), sum.op());
    assertEquals(3, sum.inputs().size());
    assertEquals("f32[2,3]", sum.output().type().toString());
  }

  @Test
  void argMaxDepthToSpaceAndConstantOfShape() throws IOException {
    Node arg = only(new OnnxModelBuilder(13).input("x", FLOAT, 2, 3)
        .node("a", "ArgMax", "x -> y", i("axis", -1), i("keepdims", 0), i("select_last_index", 1)).output("y"));
    assertEquals(new Op.ArgReduce(Op.ArgOp.MAX, -1, false, true), arg.op());
    assertEquals("i64[2]", arg.output().type().toString());
    Node d2s = only(new OnnxModelBuilder(13).input("x", FLOAT, 1, 8, 2, 2)
        .node("d", "DepthToSpace", "x -> y", i("blocksize", 2), s("mode", "CRD")).output("y"));
    assertEquals(new Op.DepthToSpace(2, Op.DepthToSpaceMode.CRD), d2s.op());
    assertEquals("f32[1,2,4,4]", d2s.output().type().toString());
    Module m = OnnxImporter.importModel(new OnnxModelBuilder(13).longs("shape", 2, 3)
        .node("c", "ConstantOfShape", "shape -> y", t("value", longTensor("v", new long[] {1}, 7))).output("y")
        .write(dir, "c.onnx"));
    Node cos = m.nodes().get(0);
    assertEquals("i64[2,3]", cos.output().type().toString());
    assertArrayEquals(new long[] {7}, m.constant(cos.input(1)).longs());
  }

  @Test
  void softmaxCrossEntropyIsLogSoftmaxThenNll() throws IOException {
    Module m = OnnxImporter.importModel(new OnnxModelBuilder(13).input("x", FLOAT, "N", 5, 2).input("t", INT64, "N", 2)
        .node("sce", "SoftmaxCrossEntropyLoss", "x, t -> loss, logp", s("reduction", "sum"), i("ignore_index", -1))
        .output("loss").output("logp").write(dir, "sce.onnx"));
    assertEquals(2, m.nodes().size());
    assertEquals(new Op.LogSoftmax(1, false), m.nodes().get(0).op());
    assertEquals("logp", m.nodes().get(0).output().name());
    assertEquals(new Op.NllLoss(Op.LossReduction.SUM, true, -1), m.nodes().get(1).op());
    assertEquals("f32[]", m.outputs().get(0).type().toString());
    assertEquals("f32[N,5,2]", m.outputs().get(1).type().toString());
  }

  @Test
  void linearResizeFromOpset11() throws IOException {
    Node r = only(new OnnxModelBuilder(13).input("x", FLOAT, 1, 3, 4, 4).floats("scales", new long[] {4}, 1, 1, 2, 2)
        .node("r", "Resize", "x, _, scales -> y", s("mode", "linear"), s("coordinate_transformation_mode", "align_corners"))
        .output("y"));
    assertEquals(new Op.ResizeInterp(Op.InterpMode.LINEAR, Op.CoordMode.ALIGN_CORNERS, -0.75f, false), r.op());
    assertEquals("f32[1,3,8,8]", r.output().type().toString());
  }

  @Test
  void oldAttributeFormsOfTopKAndUpsample() throws IOException {
    Module m = OnnxImporter.importModel(new OnnxModelBuilder(9).input("x", FLOAT, 2, 5)
        .node("t", "TopK", "x -> v, i", i("k", 2)).output("v").output("i").write(dir, "t.onnx"));
    Node t = m.nodes().get(0);
    assertEquals(new Op.TopK(-1, true, true), t.op());
    assertArrayEquals(new long[] {2}, m.constant(t.input(1)).longs());
    assertEquals("i64[2,2]", m.outputs().get(1).type().toString());
    Node up = only(new OnnxModelBuilder(7).input("x", FLOAT, 1, 1, 2, 2)
        .node("u", "Upsample", "x -> y", OnnxModelBuilder.floatsAttr("scales", 1, 1, 2, 3)).output("y"));
    assertEquals(new Op.Resize(Op.CoordMode.ASYMMETRIC, Op.NearestMode.FLOOR), up.op());
    assertEquals("f32[1,1,4,6]", up.output().type().toString());
  }

  @Test
  void bitShiftNeedsADirection() throws IOException {
    Path f = new OnnxModelBuilder(11).input("a", OnnxModelBuilder.UINT8, 2).input("b", OnnxModelBuilder.UINT8, 2)
        .node("s", "BitShift", "a, b -> y", s("direction", "UP")).output("y").write(dir, "b.onnx");
    ancc.ir.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        ancc.ir.InvalidInputException.class, () -> OnnxImporter.importModel(f));
    assertEquals(f + ": node 's' (BitShift, opset 11): attribute 'direction' must be LEFT or RIGHT, got 'UP'",
        e.getMessage());
  }

  @Test
  void lstmWithoutYGetsAFreshNameForIt() throws IOException {
    Node n = only(new OnnxModelBuilder(14).input("x", FLOAT, 5, "N", 3).zeros("w", 1, 8, 3).zeros("r", 1, 8, 2)
        .node("l", "LSTM", "x, w, r -> _, h", i("hidden_size", 2)).output("h"));
    assertEquals(new Op.Recurrent(Op.RnnKind.LSTM, Op.RnnDirection.FORWARD, 2, 0f, false, false, false), n.op());
    assertEquals(3, n.outputs().size());
    assertEquals("h.absent0", n.outputs().get(0).name());
    assertEquals("f32[1,N,2]", n.outputs().get(1).type().toString());
  }

  @Test
  void qlinearMatMulExpandsToIntegerMatmulAndRequantization() throws IOException {
    Module m = OnnxImporter.importModel(new OnnxModelBuilder(10).input("a", OnnxModelBuilder.UINT8, 2, 3)
        .input("b", OnnxModelBuilder.UINT8, 3, 4).floats("as", new long[0], 0.5f).floats("bs", new long[0], 0.25f)
        .floats("ys", new long[0], 2f).initializer(uint8("az", 1)).initializer(uint8("bz", 2)).initializer(uint8("yz", 3))
        .node("q", "QLinearMatMul", "a, as, az, b, bs, bz, ys, yz -> y").output("y").write(dir, "q.onnx"));
    assertEquals(5, m.nodes().size());
    assertEquals(new Op.MatMulInteger(), m.nodes().get(0).op());
    assertEquals("i32[2,4]", m.nodes().get(0).output().type().toString());
    assertEquals(new Op.QuantizeLinear(1), m.nodes().get(4).op());
    assertEquals("u8[2,4]", m.outputs().get(0).type().toString());
  }

  private static TensorProto uint8(String name, int v) {
    return TensorProto.newBuilder().setName(name).setDataType(OnnxModelBuilder.UINT8)
        .addInt32Data(v).build();
  }
}
