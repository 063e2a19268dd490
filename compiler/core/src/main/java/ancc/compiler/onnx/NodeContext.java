package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.AttributeProto;
import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What converting one ONNX node sees: the node, its opset, its input values (null for absent
 * optional inputs), the constants known so far, which of its outputs are used, and a way to add
 * new module constants (for operands that older opsets held as attributes). Builds diagnostics
 * of the form {@code model.onnx: node 'name' (Op, opset n): problem}.
 */
final class NodeContext {
  final NodeProto node;
  final int opset;
  final String loc;
  private final String file;
  private final List<Value> inputs;
  private final Function<Value, Tensor> consts;
  private final Set<String> used;
  private final BiFunction<String, Tensor, Value> newConstant;
  private final Emitter emitter;

  /** Adds extra IR nodes for ONNX nodes that expand into several (typed as they are added). */
  interface Emitter {
    /** Adds a node with outputs named {@code outputNames}; returns its typed outputs. */
    List<Value> emit(Op op, List<Value> inputs, List<String> outputNames);

    /** A value name no other value uses, derived from {@code base}. */
    String freshName(String base);
  }

  NodeContext(String file, NodeProto node, String loc, int opset, List<Value> inputs,
      Function<Value, Tensor> consts, Set<String> used, BiFunction<String, Tensor, Value> newConstant,
      Emitter emitter) {
    this.file = file;
    this.node = node;
    this.loc = loc;
    this.opset = opset;
    this.inputs = inputs;
    this.consts = consts;
    this.used = used;
    this.newConstant = newConstant;
    this.emitter = emitter;
  }

  /** Adds an extra single-output node whose output is named {@code name} (made unique if not an ONNX output). */
  Value emit(Op op, List<Value> inputs, String name, boolean fresh) {
    String n = fresh ? emitter.freshName(name) : name;
    return emitter.emit(op, inputs, List.of(n)).get(0);
  }

  String opType() {
    return node.getOpType();
  }

  /** Input i, or null when absent. */
  Value in(int i) {
    return i < inputs.size() ? inputs.get(i) : null;
  }

  /** Required input i. */
  Value req(int i) {
    Value v = in(i);
    if (v == null) {
      throw fail("missing required input " + i);
    }
    return v;
  }

  List<Value> inputs() {
    return inputs;
  }

  /** Inputs 0..n-1 (absent ones null), padded or cut to exactly n entries, then trailing nulls trimmed. */
  List<Value> inputs(int n) {
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(in(i));
    }
    while (!out.isEmpty() && out.get(out.size() - 1) == null) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  Tensor constant(Value v) {
    return v == null ? null : consts.apply(v);
  }

  /** Name of output i, or "" when absent. */
  String outputName(int i) {
    return i < node.getOutputCount() ? node.getOutput(i) : "";
  }

  /** Whether output i exists and is read by a node or is a graph output. */
  boolean outputUsed(int i) {
    String n = outputName(i);
    return !n.isEmpty() && used.contains(n);
  }

  /** A new constant named after this node's first output, e.g. {@code y.axes}. */
  Value addConstant(String suffix, Tensor t) {
    return newConstant.apply(outputName(0) + "." + suffix, t);
  }

  Value addLongs(String suffix, List<Long> values) {
    long[] a = new long[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return addConstant(suffix, Tensor.vector(a));
  }

  /** A scalar constant of the element type of {@code like}. */
  Value addScalar(String suffix, double v, TensorType like) {
    DType d = like.dtype();
    Tensor t = d.isFloating()
        ? Tensor.ofFloats(d, new long[0], new float[] {(float) v})
        : Tensor.ofLongs(d, new long[0], new long[] {(long) v});
    return addConstant(suffix, t);
  }

  // ------------------------------------------------------------------ attributes

  AttributeProto attr(String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The attribute, or null when absent, checked to be of the type the op defines for it: an
   * attribute of another type would otherwise read as that type's default (protobuf's getters
   * return 0 or empty for unset fields). UNDEFINED, as written by exporters older than IR version
   * 2, is taken on trust.
   */
  AttributeProto attr(String name, AttributeProto.AttributeType expected) {
    AttributeProto a = attr(name);
    if (a != null && a.getType() != expected && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
      throw fail("attribute '" + name + "' has type " + a.getType() + ", expected " + expected);
    }
    return a;
  }

  boolean has(String name) {
    return attr(name) != null;
  }

  long i(String name, long def) {
    AttributeProto a = attr(name, AttributeProto.AttributeType.INT);
    return a == null ? def : a.getI();
  }

  float f(String name, float def) {
    AttributeProto a = attr(name, AttributeProto.AttributeType.FLOAT);
    return a == null ? def : a.getF();
  }

  String s(String name, String def) {
    AttributeProto a = attr(name, AttributeProto.AttributeType.STRING);
    return a == null ? def : a.getS().toString(StandardCharsets.UTF_8);
  }

  /** Integer list attribute, or null when absent. */
  List<Long> ints(String name) {
    AttributeProto a = attr(name, AttributeProto.AttributeType.INTS);
    return a == null ? null : List.copyOf(a.getIntsList());
  }

  List<Long> ints(String name, List<Long> def) {
    List<Long> v = ints(name);
    return v == null ? def : v;
  }

  /** Integer list attribute that must be present. */
  List<Long> reqInts(String name) {
    List<Long> v = ints(name);
    if (v == null) {
      throw fail("missing required attribute '" + name + "'");
    }
    return v;
  }

  // ------------------------------------------------------------------ diagnostics

  String where() {
    return file + ": node '" + loc + "' (" + opType() + ", opset " + opset + ")";
  }

  InvalidInputException fail(String problem) {
    return new InvalidInputException(where() + ": " + problem);
  }

  UnsupportedOpException unsupported(String problem) {
    return new UnsupportedOpException(opType(), where() + ": " + problem);
  }
}
