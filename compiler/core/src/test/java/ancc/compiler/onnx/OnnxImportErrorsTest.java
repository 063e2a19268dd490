package ancc.compiler.onnx;

import static ancc.compiler.onnx.OnnxModelBuilder.FLOAT;
import static ancc.compiler.onnx.OnnxModelBuilder.i;
import static ancc.compiler.onnx.OnnxModelBuilder.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.compiler.onnx.proto.OnnxMl.StringStringEntryProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** One test per kind of bad model: each error is one line naming the file and the node or field. */
class OnnxImportErrorsTest {
  @TempDir Path dir;

  private static OnnxModelBuilder validModel() {
    return new OnnxModelBuilder(13).input("x", FLOAT, "N", 3, 8, 8).zeros("w", 4, 3, 3, 3).zeros("b", 4)
        .node("/conv1/Conv", "Conv", "x, w, b -> c", OnnxModelBuilder.ints("pads", 1, 1, 1, 1))
        .node("/relu", "Relu", "c -> y").output("y");
  }

  private static <T extends InvalidInputException> T fails(Class<T> type, Path file, Executable run, String... parts) {
    T e = assertThrows(type, run);
    String msg = e.getMessage();
    assertTrue(msg.startsWith(file.toString() + ": "), msg);
    assertFalse(msg.contains("\n"), msg);
    for (String p : parts) {
      assertTrue(msg.contains(p), "'" + p + "' missing in: " + msg);
    }
    return e;
  }

  private Path write(OnnxModelBuilder b) throws IOException {
    return b.write(dir, "bad.onnx");
  }

  @Test
  void validModelImports() throws IOException {
    Module m = OnnxImporter.importModel(write(validModel()));
    assertEquals("f32[N,4,8,8]", m.outputs().get(0).type().toString());
  }

  @Test
  void attributeOfTheWrongType() throws IOException {
    // pads as FLOATS would read as an empty INTS list (no padding) if the type were not checked
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, "N", 3, 8, 8).zeros("w", 4, 3, 3, 3)
        .node("/conv1/Conv", "Conv", "x, w -> y", OnnxModelBuilder.floatsAttr("pads", 1, 1, 1, 1)).output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "node '/conv1/Conv'",
        "attribute 'pads' has type FLOATS, expected INTS");
    // a FLOAT alpha given as INT would read as 0
    Path g = write(new OnnxModelBuilder(13).input("x", FLOAT, 2)
        .node("/lrelu", "LeakyRelu", "x -> y", OnnxModelBuilder.i("alpha", 1)).output("y"));
    fails(InvalidInputException.class, g, () -> OnnxImporter.importModel(g), "node '/lrelu'",
        "attribute 'alpha' has type INT, expected FLOAT");
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] all = validModel().build().toByteArray();
    Path f = dir.resolve("half.onnx");
    Files.write(f, Arrays.copyOf(all, all.length / 2));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "not a valid ONNX model");
  }

  @Test
  void garbageBytes() throws IOException {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    junk[0] = (byte) 0xff; // an invalid wire type right away
    Path f = dir.resolve("junk.onnx");
    Files.write(f, junk);
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "not a valid ONNX model");
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("nope.onnx");
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "no such file");
  }

  @Test
  void noGraph() throws IOException {
    Path f = dir.resolve("empty.onnx");
    Files.write(f, new byte[0]);
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "no graph");
  }

  @Test
  void unsupportedOperator() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2).node("op1", "NoSuchOp", "x -> y")
        .output("y"));
    UnsupportedOpException e = fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f),
        "node 'op1' (NoSuchOp, opset 13): unsupported operator");
    assertEquals("NoSuchOp", e.opType());
  }

  @Test
  void opsetTooOld() throws IOException {
    Path f = write(new OnnxModelBuilder(5).input("x", FLOAT, 2).node("c", "Cast", "x -> y", s("to", "INT32"))
        .output("y"));
    fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f), "opset 5 is older than 7",
        "node 'c' (Cast) has no exact mapping there");
  }

  @Test
  void opsetTooNew() throws IOException {
    Path f = write(new OnnxModelBuilder(22).input("x", FLOAT, 2).node("r", "Relu", "x -> y").output("y"));
    fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f), "opset 22");
  }

  @Test
  void foreignDomain() throws IOException {
    OnnxModelBuilder b = new OnnxModelBuilder(13).input("x", FLOAT, 2).output("y");
    b.node(NodeProto.newBuilder().setName("gelu").setOpType("Gelu").setDomain("com.microsoft")
        .addInput("x").addOutput("y").build());
    Path f = write(b);
    fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f), "node 'gelu'", "com.microsoft");
  }

  @Test
  void unsupportedResizeMode() throws IOException {
    Path f = write(new OnnxModelBuilder(10).input("x", FLOAT, 1, 1, 2, 2).floats("sc", new long[] {4}, 1, 1, 2, 2)
        .node("up", "Resize", "x, sc -> y", s("mode", "linear")).output("y"));
    fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f), "node 'up'", "mode 'linear'",
        "linear and cubic from opset 11");
  }

  @Test
  void negativeDimInInput() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2, -3).node("r", "Relu", "x -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "input 'x'", "negative dimension -3");
  }

  @Test
  void negativeDimInInitializer() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2)
        .initializer(TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(-2).build())
        .node("a", "Add", "x, w -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "tensor 'w'", "negative dimension");
  }

  @Test
  void absurdDimsInInput() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 65536, 65536, 2).node("r", "Relu", "x -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "input 'x'", "more than 2^31 elements");
  }

  @Test
  void absurdDimsInValueInfo() throws IOException {
    Path f = write(validModel().valueInfo("c", FLOAT, 1L << 20, 1L << 20, 4));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "value_info 'c'", "2^31");
  }

  @Test
  void absurdInferredShape() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 65536, 1).input("z", FLOAT, 1, 65536)
        .node("big", "Add", "x, z -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "add \"big\"", "more than 2^31");
  }

  @Test
  void cycle() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2)
        .node("a", "Add", "x, c -> a_out").node("b", "Relu", "a_out -> b_out").node("c", "Neg", "b_out -> c")
        .output("b_out"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "node 'a' (Add) is on a cycle");
  }

  @Test
  void cycleNamesANodeOnItNotOneDownstream() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2).node("late", "Relu", "b_out -> d")
        .node("a", "Add", "x, c -> a_out").node("b", "Relu", "a_out -> b_out").node("c", "Neg", "b_out -> c")
        .output("d"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "node 'a' (Add) is on a cycle");
  }

  @Test
  void selfLoop() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2).node("s", "Add", "x, y -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "node 's' (Add) is on a cycle");
  }

  @Test
  void missingInitializer() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, "N", 3, 8, 8)
        .node("/conv1/Conv", "Conv", "x, w -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f),
        "node '/conv1/Conv' (Conv): input 'w' is not defined (missing initializer or graph input?)");
  }

  @Test
  void emptyGraphOutput() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2).node("r", "Relu", "x -> y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "no outputs");
  }

  @Test
  void duplicateOutputName() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2)
        .node("r1", "Relu", "x -> y").node("r2", "Neg", "x -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "node 'r2'", "output 'y'", "duplicate");
  }

  @Test
  void inconsistentShapesNameTheNode() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, "N", 3, 8, 8).zeros("w", 4, 1, 3, 3)
        .node("/conv1/Conv", "Conv", "x, w -> y").output("y"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f),
        "conv \"/conv1/Conv\": input channels 3 do not match weight channels 1 x group 1");
  }

  private static TensorProto externalWeight(String location) {
    return TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(2)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location)).build();
  }

  private OnnxModelBuilder externalModel(String location) {
    return new OnnxModelBuilder(13).input("x", FLOAT, 2).initializer(externalWeight(location))
        .node("a", "Add", "x, w -> y").output("y");
  }

  @Test
  void externalDataInsideFolderWorks() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("data"));
    Files.write(sub.resolve("w.bin"), new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40});
    Module m = OnnxImporter.importModel(write(externalModel("data/w.bin")));
    float[] w = m.constants().values().iterator().next().floats();
    assertEquals(1f, w[0]);
    assertEquals(2f, w[1]);
  }

  @Test
  void externalDataParentPathRejected() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("model"));
    Files.write(dir.resolve("x.bin"), new byte[8]);
    Path f = externalModel("../x.bin").write(sub, "bad.onnx");
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "tensor 'w'", "'../x.bin'",
        "outside the model folder");
  }

  @Test
  void externalDataAbsolutePathRejected() throws IOException {
    Path bin = dir.resolve("x.bin");
    Files.write(bin, new byte[8]);
    Path f = write(externalModel(bin.toAbsolutePath().toString()));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "tensor 'w'", "outside the model folder");
  }

  @Test
  void externalDataFileTooShort() throws IOException {
    Files.write(dir.resolve("w.bin"), new byte[5]);
    Path f = write(externalModel("w.bin"));
    fails(InvalidInputException.class, f, () -> OnnxImporter.importModel(f), "tensor 'w'", "too short");
  }

  @Test
  void unusedMaxPoolIndicesAreDroppedButUsedOnesAreUnsupported() throws IOException {
    OnnxModelBuilder ok = new OnnxModelBuilder(12).input("x", FLOAT, 1, 1, 4, 4)
        .node("p", "MaxPool", "x -> y, idx", OnnxModelBuilder.ints("kernel_shape", 2, 2)).output("y");
    assertEquals(1, OnnxImporter.importModel(write(ok)).nodes().get(0).outputs().size());
    Path f = write(new OnnxModelBuilder(12).input("x", FLOAT, 1, 1, 4, 4)
        .node("p", "MaxPool", "x -> y, idx", OnnxModelBuilder.ints("kernel_shape", 2, 2)).output("y").output("idx"));
    fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f), "node 'p'", "Indices");
  }

  @Test
  void unsupportedCastTarget() throws IOException {
    Path f = write(new OnnxModelBuilder(13).input("x", FLOAT, 2)
        .node("c", "Cast", "x -> y", i("to", TensorProto.DataType.STRING_VALUE)).output("y"));
    fails(UnsupportedOpException.class, f, () -> OnnxImporter.importModel(f), "node 'c'", "STRING");
  }
}
