package ancc.compiler.onnx;

import static ancc.compiler.onnx.OnnxModelBuilder.FLOAT;
import static ancc.compiler.onnx.OnnxModelBuilder.INT64;
import static ancc.compiler.onnx.OnnxModelBuilder.f;
import static ancc.compiler.onnx.OnnxModelBuilder.i;
import static ancc.compiler.onnx.OnnxModelBuilder.ints;
import static ancc.compiler.onnx.OnnxModelBuilder.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imported ops, attributes and types for representative ops and opset variants. */
class OnnxImportOpsTest {
  @TempDir Path dir;

  private Module load(OnnxModelBuilder b) throws IOException {
    return OnnxImporter.importModel(b.write(dir, "m.onnx"));
  }

  private static Node only(Module m) {
    assertEquals(1, m.nodes().size(), m.nodes().toString());
    return m.nodes().get(0);
  }

  private static long[] constLongs(Module m, Value v) {
    Tensor t = m.constant(v);
    return t == null ? null : t.longs();
  }

  @Test
  void squeezeOpset11MovesAxesIntoAConstant() throws IOException {
    Module m = load(new OnnxModelBuilder(11).input("x", FLOAT, "batch", 1, 3, 1)
        .node("sq", "Squeeze", "x -> y", ints("axes", 1, -1)).output("y"));
    Node n = only(m);
    assertEquals(new Op.Squeeze(), n.op());
    assertEquals("y.axes", n.input(1).name());
    assertArrayEquals(new long[] {1, -1}, constLongs(m, n.input(1)));
    assertEquals("f32[batch,3]", n.output().type().toString());
    assertEquals("sq", n.loc());
  }

  @Test
  void squeezeOpset13TakesAxesAsInput() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, 1, 3, 1).longs("ax", 0)
        .node("sq", "Squeeze", "x, ax -> y").output("y"));
    Node n = only(m);
    assertEquals("ax", n.input(1).name());
    assertEquals("f32[3,1]", n.output().type().toString());
  }

  @Test
  void sliceOpset9AttributesBecomeInputs() throws IOException {
    Module m = load(new OnnxModelBuilder(9).input("x", FLOAT, 4, 10)
        .node("sl", "Slice", "x -> y", ints("starts", 1), ints("ends", 1000), ints("axes", 1)).output("y"));
    Node n = only(m);
    assertEquals(4, n.inputs().size());
    assertArrayEquals(new long[] {1}, constLongs(m, n.input(1)));
    assertArrayEquals(new long[] {1000}, constLongs(m, n.input(2)));
    assertArrayEquals(new long[] {1}, constLongs(m, n.input(3)));
    assertEquals("f32[4,9]", n.output().type().toString());
  }

  @Test
  void sliceOpset13WithStepsAndSymbolicDim() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 10)
        .longs("st", 0, -1).longs("en", Long.MAX_VALUE, -100).longs("ax", 0, 1).longs("sp", 1, -3)
        .node("sl", "Slice", "x, st, en, ax, sp -> y").output("y"));
    // axis 0 taken whole stays N; axis 1 from 9 down to 0 step -3 -> 9,6,3,0
    assertEquals("f32[N,4]", only(m).output().type().toString());
  }

  @Test
  void softmaxBeforeAndFromOpset13() throws IOException {
    Node old = only(load(new OnnxModelBuilder(11).input("x", FLOAT, 2, 3, 4).node("s", "Softmax", "x -> y").output("y")));
    assertEquals(new Op.Softmax(1, true), old.op());
    Node now = only(load(new OnnxModelBuilder(13).input("x", FLOAT, 2, 3, 4).node("s", "LogSoftmax", "x -> y").output("y")));
    assertEquals(new Op.LogSoftmax(-1, false), now.op());
  }

  @Test
  void clipOpset10AttributesAndOpset11Inputs() throws IOException {
    Module m = load(new OnnxModelBuilder(10).input("x", FLOAT, 2)
        .node("c", "Clip", "x -> y", f("min", -1f), f("max", 6f)).output("y"));
    Node n = only(m);
    assertEquals(3, n.inputs().size());
    assertEquals(-1f, m.constant(n.input(1)).floats()[0]);
    assertEquals(6f, m.constant(n.input(2)).floats()[0]);
    assertEquals(0, m.constant(n.input(2)).rank());
    Module m11 = load(new OnnxModelBuilder(11).input("x", FLOAT, 2).floats("hi", new long[0], 6f)
        .node("c", "Clip", "x, _, hi -> y").output("y"));
    Node n11 = only(m11);
    assertNull(n11.input(1));
    assertEquals("hi", n11.input(2).name());
  }

  @Test
  void convAutoPadSameUpperAndLower() throws IOException {
    for (String mode : List.of("SAME_UPPER", "SAME_LOWER")) {
      Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 1, 4, 4).zeros("w", 2, 1, 2, 2)
          .node("conv", "Conv", "x, w -> y", s("auto_pad", mode)).output("y"));
      Op.Conv op = (Op.Conv) only(m).op();
      // total pad 1 per axis: SAME_UPPER puts it at the end, SAME_LOWER at the beginning
      List<Long> expected = mode.equals("SAME_UPPER") ? List.of(0L, 0L, 1L, 1L) : List.of(1L, 1L, 0L, 0L);
      assertEquals(expected, op.pads(), mode);
      assertEquals(List.of(1L, 1L), op.strides());
      assertEquals(List.of(1L, 1L), op.dilations());
      assertEquals("f32[N,2,4,4]", only(m).output().type().toString());
    }
  }

  @Test
  void convTransposeOutputShapeBecomesPads() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, 1, 1, 3, 3).zeros("w", 1, 2, 3, 3)
        .node("ct", "ConvTranspose", "x, w -> y", ints("strides", 3, 2), ints("output_shape", 10, 8)).output("y"));
    Op.ConvTranspose op = (Op.ConvTranspose) only(m).op();
    // full sizes 3*2+3=9 and 2*2+3=7: axis 0 needs one more row (output_padding), axis 1 too
    assertEquals("f32[1,2,10,8]", only(m).output().type().toString());
    assertEquals(List.of(1L, 1L), op.outputPadding());
    assertEquals(List.of(0L, 0L, 0L, 0L), op.pads());
  }

  @Test
  void maxPoolCeilModeAndDefaults() throws IOException {
    Node n = only(load(new OnnxModelBuilder(12).input("x", FLOAT, 1, 3, 32, 32)
        .node("p", "MaxPool", "x -> y", ints("kernel_shape", 3, 3), ints("strides", 2, 2), i("ceil_mode", 1))
        .output("y")));
    assertEquals("f32[1,3,16,16]", n.output().type().toString());
    assertEquals(List.of(0L, 0L, 0L, 0L), ((Op.MaxPool) n.op()).pads());
  }

  @Test
  void resizeOpset10And13() throws IOException {
    Module m10 = load(new OnnxModelBuilder(10).input("x", FLOAT, "N", 3, 4, 4).floats("sc", new long[] {4}, 1, 1, 2, 2)
        .node("r", "Resize", "x, sc -> y", s("mode", "nearest")).output("y"));
    Node n10 = only(m10);
    assertEquals(3, n10.inputs().size());
    assertNull(n10.input(1));
    assertEquals("sc", n10.input(2).name());
    assertEquals("f32[N,3,8,8]", n10.output().type().toString());
    Module m13 = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 3, 4, 4).longs("sz", 1, 3, 6, 5)
        .node("r", "Resize", "x, _, _, sz -> y", s("mode", "nearest"), s("nearest_mode", "floor")).output("y"));
    Node n13 = only(m13);
    assertEquals(new Op.Resize(Op.CoordMode.HALF_PIXEL, Op.NearestMode.FLOOR), n13.op());
    assertEquals("f32[1,3,6,5]", n13.output().type().toString());
  }

  @Test
  void splitOpset11And13And18() throws IOException {
    Module m11 = load(new OnnxModelBuilder(11).input("x", FLOAT, 6, 2)
        .node("sp", "Split", "x -> a, b", ints("split", 2, 4)).output("a").output("b"));
    Node n11 = only(m11);
    assertArrayEquals(new long[] {2, 4}, constLongs(m11, n11.input(1)));
    assertEquals("f32[4,2]", n11.outputs().get(1).type().toString());
    Module m13 = load(new OnnxModelBuilder(13).input("x", FLOAT, 2, 6).longs("parts", 1, 5)
        .node("sp", "Split", "x, parts -> a, b", i("axis", -1)).output("a").output("b"));
    assertEquals("f32[2,5]", only(m13).outputs().get(1).type().toString());
    Module m18 = load(new OnnxModelBuilder(18).input("x", FLOAT, 5)
        .node("sp", "Split", "x -> a, b", i("num_outputs", 2)).output("a").output("b"));
    Node n18 = only(m18);
    assertEquals(1, n18.inputs().size());
    assertEquals("f32[3]", n18.outputs().get(0).type().toString());
    assertEquals("f32[2]", n18.outputs().get(1).type().toString());
  }

  @Test
  void exporterShapeChainGivesSymbolicReshape() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 16, 5, 5)
        .initializer(OnnxModelBuilder.longTensor("zero", new long[0], 0)).longs("ax", 0).longs("minus1", -1)
        .node("/Shape", "Shape", "x -> s")
        .node("/Gather", "Gather", "s, zero -> g", i("axis", 0))
        .node("/Unsqueeze", "Unsqueeze", "g, ax -> u")
        .node("/Concat", "Concat", "u, minus1 -> c", i("axis", 0))
        .node("/Reshape", "Reshape", "x, c -> y").output("y"));
    Node reshape = m.nodes().get(4);
    assertEquals("f32[N,400]", reshape.output().type().toString());
    assertEquals("i64[2]", m.nodes().get(3).output().type().toString());
  }

  /** A bool scalar initializer (ONNX data type 9). */
  private static ancc.compiler.onnx.proto.OnnxMl.TensorProto bool(String name, boolean v) {
    return ancc.compiler.onnx.proto.OnnxMl.TensorProto.newBuilder().setName(name).setDataType(9)
        .addInt32Data(v ? 1 : 0).build();
  }

  @Test
  void dropoutOfRatioZeroIsAnIdentityWhateverItsTrainingMode() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 4)
        .floats("ratio", new long[0], 0f).initializer(bool("training", true))
        .node("d", "Dropout", "x, ratio, training -> y")
        .node("", "Relu", "y -> z").output("z"));
    Node d = m.nodes().get(0);
    assertEquals(new Op.Dropout(), d.op());
    assertEquals(List.of(m.inputs().get(0)), d.inputs());
    Module canon = ancc.compiler.pass.Pipelines.canonicalize().stream()
        .reduce(m, (mm, pass) -> pass.run(mm, new ancc.compiler.pass.PassContext()), (a, b) -> b);
    assertEquals(1, canon.nodes().size(), canon.nodes().toString());
    assertEquals(new Op.Unary(Op.UnaryOp.RELU), canon.nodes().get(0).op());
  }

  @Test
  void dropoutInTrainingModeWithANonZeroRatioIsRejected() {
    OnnxModelBuilder b = new OnnxModelBuilder(13).input("x", FLOAT, "N", 4)
        .floats("ratio", new long[0], 0.1f).initializer(bool("training", true))
        .node("d", "Dropout", "x, ratio, training -> y").output("y");
    ancc.ir.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        ancc.ir.InvalidInputException.class, () -> load(b));
    assertTrue(e.getMessage().contains("ratio a constant 0"), e.getMessage());
  }

  @Test
  void constantsIdentityDropoutTransposeShapeCast() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "batch size", 2, 3)
        .node("k", "Constant", " -> two", OnnxModelBuilder.t("value", OnnxModelBuilder.floatTensor("", new long[0], 2f)))
        .node("", "Mul", "x, two -> m")
        .node("d", "Dropout", "m -> dr, mask")
        .node("t", "Transpose", "dr -> tr")
        .node("sh", "Shape", "tr -> shp", i("start", -2))
        .node("c", "Cast", "shp -> cf", i("to", FLOAT))
        .output("cf").output("mask"));
    assertEquals(5, m.nodes().size());
    assertEquals(2f, m.constants().values().iterator().next().floats()[0]);
    assertEquals("Mul_1", m.nodes().get(0).loc());
    assertEquals("bool[batch_size,2,3]", m.nodes().get(1).outputs().get(1).type().toString());
    assertEquals(new Op.Transpose(List.of(2L, 1L, 0L)), m.nodes().get(2).op());
    assertEquals(new Op.Shape(1, 3), m.nodes().get(3).op());
    assertEquals("f32[2]", m.outputs().get(0).type().toString());
    assertEquals(new Op.Cast(DType.F32), m.nodes().get(4).op());
  }

  @Test
  void nodesOutOfOrderAndInitializersListedAsInputs() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 4).input("w", FLOAT, 3, 4)
        .floats("w", new long[] {3, 4}, new float[12])
        .node("relu", "Relu", "g -> y")
        .node("gemm", "Gemm", "x, w -> g", i("transB", 1), f("alpha", 0.5f))
        .output("y"));
    assertEquals(1, m.inputs().size());
    assertEquals("gemm", m.nodes().get(0).loc());
    assertEquals(new Op.Gemm(0.5f, 1f, false, true), m.nodes().get(0).op());
    assertEquals("f32[N,3]", m.outputs().get(0).type().toString());
  }

  @Test
  void reduceOpsAxesAttributeOrInput() throws IOException {
    Module m = load(new OnnxModelBuilder(13).input("x", FLOAT, "N", 3, 4)
        .node("rm", "ReduceMean", "x -> a", ints("axes", -1), i("keepdims", 0))
        .longs("ax", 1)
        .node("rs", "ReduceSum", "x, ax -> b")
        .output("a").output("b"));
    assertEquals(new Op.Reduce(Op.ReduceOp.MEAN, false, false), m.nodes().get(0).op());
    assertEquals("f32[N,3]", m.outputs().get(0).type().toString());
    assertEquals("f32[N,1,4]", m.outputs().get(1).type().toString());
  }

  @Test
  void padOpset2StyleAttributesAndBatchNormLayerNorm() throws IOException {
    Module m = load(new OnnxModelBuilder(10).input("x", FLOAT, 1, 2, 3, 3)
        .node("p", "Pad", "x -> y", ints("pads", 0, 0, 1, 1, 0, 0, 1, 1), s("mode", "reflect"))
        .zeros("sc", 2).zeros("bb", 2).zeros("mu", 2).zeros("va", 2)
        .node("bn", "BatchNormalization", "y, sc, bb, mu, va -> z", f("epsilon", 1e-3f))
        .output("z"));
    assertEquals(new Op.Pad(Op.PadMode.REFLECT), m.nodes().get(0).op());
    assertEquals("f32[1,2,5,5]", m.nodes().get(0).output().type().toString());
    assertEquals(new Op.BatchNormalization(1e-3f), m.nodes().get(1).op());
    Module ln = load(new OnnxModelBuilder(17).input("x", FLOAT, "N", 8).zeros("g", 8)
        .node("ln", "LayerNormalization", "x, g -> y").output("y"));
    assertEquals(new Op.LayerNormalization(-1, 1e-5f), only(ln).op());
    assertTrue(only(ln).output().type().dim(0) instanceof Dim.Sym);
  }

  @Test
  void gatherAndUnsqueezeOpset11() throws IOException {
    Module m = load(new OnnxModelBuilder(11).input("x", FLOAT, 5, 7).input("idx", INT64, 2, 3)
        .node("g", "Gather", "x, idx -> y", i("axis", 1))
        .node("u", "Unsqueeze", "y -> z", ints("axes", 0, -1))
        .output("z"));
    assertEquals("f32[5,2,3]", m.nodes().get(0).output().type().toString());
    assertEquals("f32[1,5,2,3,1]", m.outputs().get(0).type().toString());
  }

  @Test
  void opsetBelow7AcceptsOpsUnchangedSinceVersion1() throws IOException {
    Module m = load(new OnnxModelBuilder(1).input("x", FLOAT, 1, 3, 5, 5)
        .node("g", "GlobalAveragePool", "x -> y").output("y"));
    assertEquals("f32[1,3,1,1]", only(m).output().type().toString());
  }

  @Test
  void layerNormalizationMeanAndInvStdDevOutputs() throws IOException {
    Module m = load(new OnnxModelBuilder(17).input("x", FLOAT, "N", 3, 5).zeros("g", 3, 5)
        .node("ln", "LayerNormalization", "x, g -> y, mean, inv", i("axis", 1), f("epsilon", 0.1f))
        .output("y").output("mean").output("inv"));
    assertEquals("f32[N,3,5]", m.outputs().get(0).type().toString());
    assertEquals("f32[N,1,1]", m.outputs().get(1).type().toString());
    assertEquals("f32[N,1,1]", m.outputs().get(2).type().toString());
    Node last = m.nodes().get(m.nodes().size() - 1);
    assertEquals(new Op.LayerNormalization(1, 0.1f), last.op());
    Node mean = m.nodes().get(0);
    assertEquals(new Op.Reduce(Op.ReduceOp.MEAN, true, false), mean.op());
    assertArrayEquals(new long[] {1, 2}, constLongs(m, mean.input(1)));
    assertEquals("ln", mean.loc());
    Node inv = m.nodes().get(m.nodes().size() - 2);
    assertEquals(new Op.Unary(Op.UnaryOp.RECIPROCAL), inv.op());
    assertEquals("inv", inv.output().name());
  }
}
