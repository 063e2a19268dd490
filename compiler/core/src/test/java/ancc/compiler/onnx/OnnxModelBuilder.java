package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.AttributeProto;
import ancc.compiler.onnx.proto.OnnxMl.GraphProto;
import ancc.compiler.onnx.proto.OnnxMl.ModelProto;
import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.compiler.onnx.proto.OnnxMl.OperatorSetIdProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorShapeProto;
import ancc.compiler.onnx.proto.OnnxMl.TypeProto;
import ancc.compiler.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds small ONNX models for tests: inputs, initializers, nodes, outputs, one opset. */
final class OnnxModelBuilder {
  static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  static final int INT64 = TensorProto.DataType.INT64_VALUE;
  static final int UINT8 = TensorProto.DataType.UINT8_VALUE;

  private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
  private final ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8);
  private int opset;
  private String domain = "";

  OnnxModelBuilder(int opset) {
    this.opset = opset;
  }

  OnnxModelBuilder opsetDomain(String d) {
    this.domain = d;
    return this;
  }

  /** A graph input; dims are Long/Integer sizes or String symbols (null for an empty dim). */
  OnnxModelBuilder input(String name, int elemType, Object... dims) {
    graph.addInput(info(name, elemType, dims));
    return this;
  }

  OnnxModelBuilder valueInfo(String name, int elemType, Object... dims) {
    graph.addValueInfo(info(name, elemType, dims));
    return this;
  }

  OnnxModelBuilder output(String name) {
    graph.addOutput(ValueInfoProto.newBuilder().setName(name));
    return this;
  }

  static ValueInfoProto info(String name, int elemType, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Number n) {
        db.setDimValue(n.longValue());
      } else if (d instanceof String s) {
        db.setDimParam(s);
      }
      shape.addDim(db);
    }
    TypeProto t = TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(t).build();
  }

  OnnxModelBuilder initializer(TensorProto t) {
    graph.addInitializer(t);
    return this;
  }

  OnnxModelBuilder floats(String name, long[] dims, float... data) {
    return initializer(floatTensor(name, dims, data));
  }

  OnnxModelBuilder longs(String name, long... data) {
    return initializer(longTensor(name, new long[] {data.length}, data));
  }

  static TensorProto floatTensor(String name, long[] dims, float... data) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
    for (long d : dims) {
      b.addDims(d);
    }
    for (float f : data) {
      b.addFloatData(f);
    }
    return b.build();
  }

  static TensorProto longTensor(String name, long[] dims, long... data) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(INT64);
    for (long d : dims) {
      b.addDims(d);
    }
    for (long v : data) {
      b.addInt64Data(v);
    }
    return b.build();
  }

  /** Zero-filled f32 initializer with raw data. */
  OnnxModelBuilder zeros(String name, long... dims) {
    long n = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
        .setRawData(ByteString.copyFrom(new byte[(int) n * 4]));
    for (long d : dims) {
      b.addDims(d);
    }
    return initializer(b.build());
  }

  /** A node named {@code name}; inputs and outputs separated by the arrow, e.g. "x,w -> y". */
  OnnxModelBuilder node(String name, String op, String io, AttributeProto... attrs) {
    String[] parts = io.split("->");
    NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(op);
    for (String in : split(parts[0])) {
      n.addInput(in);
    }
    for (String out : split(parts[1])) {
      n.addOutput(out);
    }
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return this;
  }

  OnnxModelBuilder node(NodeProto n) {
    graph.addNode(n);
    return this;
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.split(",", -1)) {
      String t = p.trim();
      if (t.equals("_")) {
        out.add("");
      } else if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  static AttributeProto ints(String name, long... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      b.addInts(x);
    }
    return b.build();
  }

  static AttributeProto floatsAttr(String name, float... v) {
    AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
    for (float x : v) {
      b.addFloats(x);
    }
    return b.build();
  }

  static AttributeProto i(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static AttributeProto f(String name, float v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
  }

  static AttributeProto s(String name, String v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(v)).build();
  }

  static AttributeProto t(String name, TensorProto v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(v).build();
  }

  ModelProto build() {
    model.clearOpsetImport();
    model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(opset));
    return model.setGraph(graph).build();
  }

  /** Writes the model to {@code dir/fileName} and returns the path. */
  Path write(Path dir, String fileName) throws IOException {
    Path p = dir.resolve(fileName);
    Files.write(p, build().toByteArray());
    return p;
  }
}
