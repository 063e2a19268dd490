package ancc.compiler.onnx;

import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.shape.Dims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Models that import a default-domain opset older than 7. A node of such a model is converted
 * under its declared opset when ancc maps that operator's old definition exactly: most operators
 * did not change meaning before opset 7 (only attributes such as {@code consumed_inputs}, a
 * memory hint, disappeared), and the converters handle the old attribute forms: the
 * {@code broadcast}/{@code axis} attributes of the binary ops ({@link #binary}), PRelu's
 * per-channel slope ({@link #preluSlope}), BatchNormalization and Dropout {@code is_test},
 * Concat's default axis 1 (opset < 4), Reshape's {@code shape} attribute (opset < 5), Split's
 * split input (opset 1) and Pad's {@code paddings} (opset 1). Any other operator, or one whose
 * old form is only mapped from a later opset (Cast's string 'to' before opset 6, Tile's
 * tiles/axis inputs before opset 6), makes the model unsupported.
 */
final class LegacyOpsets {
  /** Operators whose conversion is exact from opset 1 on. */
  static final Set<String> EXACT_FROM_1 = Set.of(
      "Conv", "ConvTranspose", "MatMul", "Gemm", "Softmax", "LogSoftmax", "Hardmax", "MaxPool", "AveragePool",
      "GlobalAveragePool", "GlobalMaxPool", "Flatten", "Transpose", "Slice", "Squeeze", "Unsqueeze", "Identity",
      "Constant", "Shape", "Size", "Gather", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL1",
      "ReduceL2", "ReduceProd", "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp", "ArgMax", "ArgMin", "Add",
      "Sub", "Mul", "Div", "Pow", "And", "Or", "Xor", "Not", "Equal", "Greater", "Less", "PRelu", "Relu",
      "Sigmoid", "Tanh", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Floor", "Ceil", "Sqrt", "LeakyRelu",
      "HardSigmoid", "Elu", "Selu", "Softplus", "Softsign", "Clip", "BatchNormalization", "InstanceNormalization",
      "LRN", "Dropout", "Concat", "Reshape", "Split", "Pad", "Max", "Min", "Sum", "Mean", "DepthToSpace",
      "SpaceToDepth");

  /** Operators whose conversion is exact only from a later opset below 7. */
  static final Map<String, Integer> EXACT_FROM = Map.of("Cast", 6, "Tile", 6);

  private LegacyOpsets() {}

  /** Throws, naming the node, when a node of {@code opType} at {@code opset} < 7 has no exact mapping. */
  static void check(String file, int opset, String opType, String loc) {
    if (opset >= OnnxImporter.MIN_OPSET || EXACT_FROM_1.contains(opType)
        || opset >= EXACT_FROM.getOrDefault(opType, Integer.MAX_VALUE)) {
      return;
    }
    throw new UnsupportedOpException("opset", file + ": opset " + opset + " is older than " + OnnxImporter.MIN_OPSET
        + " and node '" + loc + "' (" + opType + ") has no exact mapping there (ancc supports opsets "
        + OnnxImporter.MIN_OPSET + " to " + OnnxImporter.MAX_OPSET + ", and older models whose operators kept"
        + " their meaning)");
  }

  /**
   * A binary op on inputs A and B. Before opset 7, B broadcast only with {@code broadcast=1}:
   * without {@code axis} its shape is a suffix of A's (numpy's rule); with {@code axis}, B's dims
   * align with A's from that axis, so B gets trailing size-1 dims (an Unsqueeze) to make numpy
   * broadcasting equivalent. Without {@code broadcast}, the shapes must be equal.
   */
  static Lowered binary(NodeContext c, Op op) {
    Value a = c.req(0);
    Value b = c.req(1);
    if (c.opset >= OnnxImporter.MIN_OPSET) {
      return Lowered.of(op, List.of(a, b));
    }
    TensorType ta = a.type();
    TensorType tb = b.type();
    if (c.i("broadcast", 0) == 0) {
      if (ta.rank() != tb.rank() || Dims.broadcast(ta.dims(), tb.dims(), null) == null) {
        throw c.fail("without broadcast=1 the operands must have one shape but are " + ta + " and " + tb);
      }
      return Lowered.of(op, List.of(a, b));
    }
    if (!c.has("axis")) {
      if (tb.rank() > ta.rank()) {
        throw c.fail("B " + tb + " has a higher rank than A " + ta);
      }
      return Lowered.of(op, List.of(a, b));
    }
    long axis = c.i("axis", 0);
    int ra = ta.rank();
    long ax = axis < 0 ? axis + ra : axis;
    if (ax < 0 || ax + tb.rank() > ra) {
      throw c.fail("B " + tb + " does not fit in A " + ta + " from axis " + axis);
    }
    int pad = (int) (ra - ax - tb.rank());
    return Lowered.of(op, List.of(a, pad == 0 ? b : trailingOnes(c, b, pad, "b_aligned")));
  }

  /**
   * PRelu before opset 7: a slope of one element is shared, otherwise it is per channel (dim 1),
   * so a 1-D slope [C] becomes [C, 1, ...] to broadcast numpy-style.
   */
  static Value preluSlope(NodeContext c, Value x, Value slope) {
    if (c.opset >= OnnxImporter.MIN_OPSET) {
      return slope;
    }
    TensorType tx = x.type();
    TensorType ts = slope.type();
    if (Dims.staticCount(ts.dims()) == 1) {
      return slope;
    }
    if (ts.rank() == 1 && tx.rank() >= 2 && ts.dim(0).equals(tx.dim(1))) {
      int pad = tx.rank() - 2;
      return pad == 0 ? slope : trailingOnes(c, slope, pad, "slope_aligned");
    }
    throw c.unsupported("slope " + ts + " for input " + tx + " has no exact opset-7 form (want one element or [C])");
  }

  /** {@code v} with {@code count} trailing size-1 dims (an Unsqueeze node). */
  private static Value trailingOnes(NodeContext c, Value v, int count, String suffix) {
    List<Long> axes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      axes.add((long) v.type().rank() + i);
    }
    Value axesConst = c.addLongs(suffix + ".axes", axes);
    return c.emit(new Op.Unsqueeze(), List.of(v, axesConst), c.outputName(0) + "." + suffix, true);
  }

  /** BatchNormalization and Dropout before opset 7: is_test=0 is training mode. */
  static void requireTestMode(NodeContext c) {
    if (c.opset < OnnxImporter.MIN_OPSET && c.i("is_test", 0) == 0) {
      throw c.unsupported("is_test=0 (training mode) is not supported (inference only)");
    }
  }
}
