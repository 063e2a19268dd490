package ancc.cli;

import ancc.compiler.onnx.proto.OnnxMl.GraphProto;
import ancc.compiler.onnx.proto.OnnxMl.ModelProto;
import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.compiler.onnx.proto.OnnxMl.OperatorSetIdProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorShapeProto;
import ancc.compiler.onnx.proto.OnnxMl.TypeProto;
import ancc.compiler.onnx.proto.OnnxMl.ValueInfoProto;
import ancc.ir.graph.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small ONNX models built in the test with the published ONNX protobuf bindings. */
final class TinyModels {
  private TinyModels() {}

  /** A float tensor value; a dim of -1 is the symbolic batch dim N. */
  static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(d < 0
          ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }

  static NodeProto node(String op, String name, String[] inputs, String... outputs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
    for (String i : inputs) {
      n.addInput(i);
    }
    for (String o : outputs) {
      n.addOutput(o);
    }
    return n.build();
  }

  static Path write(Path file, GraphProto graph) throws IOException {
    ModelProto model = ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("ancc-cli-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
        .setGraph(graph)
        .build();
    Files.write(file, model.toByteArray());
    return file;
  }

  /**
   * Two inputs a, b : f32[N,3]; outputs "diff:0" = a - b and "pos/diff" = relu(a - b). Sub is not
   * symmetric, so a test can tell which file was bound to which input.
   */
  static Path subRelu(Path file) throws IOException {
    return write(file, GraphProto.newBuilder().setName("sub_relu")
        .addInput(value("a", -1, 3))
        .addInput(value("b", -1, 3))
        .addNode(node("Sub", "sub", new String[] {"a", "b"}, "diff:0"))
        .addNode(node("Relu", "relu", new String[] {"diff:0"}, "pos/diff"))
        .addOutput(value("diff:0", -1, 3))
        .addOutput(value("pos/diff", -1, 3))
        .build());
  }

  /** A model whose only node is the determinant, an ONNX op ancc does not support. */
  static Path unsupported(Path file) throws IOException {
    return write(file, GraphProto.newBuilder().setName("det")
        .addInput(value("x", 2, 2))
        .addNode(node("Det", "the_det", new String[] {"x"}, "y"))
        .addOutput(value("y"))
        .build());
  }

  /** An ONNX TensorProto .pb holding {@code t} (float). */
  static Path pb(Path file, String name, Tensor t) throws IOException {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : t.shape()) {
      b.addDims(d);
    }
    for (float v : t.floats()) {
      b.addFloatData(v);
    }
    Files.write(file, b.build().toByteArray());
    return file;
  }
}
