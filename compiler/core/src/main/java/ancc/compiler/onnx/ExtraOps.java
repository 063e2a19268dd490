package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.AttributeProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the ONNX operators beyond the core CNN set: comparison and logic, variadic max/min/sum/mean,
 * trigonometric and parameterized activations, arg max/min, the extra reductions and the index
 * and shape-building ops (Where, Expand, Tile, Range, ...) and the losses. Called by
 * {@link OnnxOps} for op types it does not map itself; the rest are in {@link IndexOps}.
 */
final class ExtraOps {
  /** Selu defaults of ONNX Selu-6 and later, and of Selu-1 (rounded differently). */
  static final float SELU_ALPHA = 1.67326319217681884765625f;
  static final float SELU_GAMMA = 1.05070102214813232421875f;
  static final float SELU1_ALPHA = 1.673200011253357f;
  static final float SELU1_GAMMA = 1.050700023174286f;

  private ExtraOps() {}

  static Lowered convert(NodeContext c) {
    String t = c.opType();
    switch (t) {
      case "Max": return variadic(c, Op.VariadicOp.MAX);
      case "Min": return variadic(c, Op.VariadicOp.MIN);
      case "Sum": return variadic(c, Op.VariadicOp.SUM);
      case "Mean": return variadic(c, Op.VariadicOp.MEAN);
      case "Equal": return LegacyOpsets.binary(c, new Op.Compare(Op.CompareOp.EQUAL));
      case "Greater": return LegacyOpsets.binary(c, new Op.Compare(Op.CompareOp.GREATER));
      case "Less": return LegacyOpsets.binary(c, new Op.Compare(Op.CompareOp.LESS));
      case "GreaterOrEqual": return LegacyOpsets.binary(c, new Op.Compare(Op.CompareOp.GREATER_OR_EQUAL));
      case "LessOrEqual": return LegacyOpsets.binary(c, new Op.Compare(Op.CompareOp.LESS_OR_EQUAL));
      case "And": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.AND));
      case "Or": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.OR));
      case "Xor": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.XOR));
      case "Mod":
        return LegacyOpsets.binary(c, new Op.Binary(c.i("fmod", 0) != 0 ? Op.BinaryOp.FMOD : Op.BinaryOp.MOD));
      case "Not": return unary(c, Op.UnaryOp.NOT);
      case "Sin": return unary(c, Op.UnaryOp.SIN);
      case "Cos": return unary(c, Op.UnaryOp.COS);
      case "Tan": return unary(c, Op.UnaryOp.TAN);
      case "Asin": return unary(c, Op.UnaryOp.ASIN);
      case "Acos": return unary(c, Op.UnaryOp.ACOS);
      case "Atan": return unary(c, Op.UnaryOp.ATAN);
      case "Sinh": return unary(c, Op.UnaryOp.SINH);
      case "Cosh": return unary(c, Op.UnaryOp.COSH);
      case "Asinh": return unary(c, Op.UnaryOp.ASINH);
      case "Acosh": return unary(c, Op.UnaryOp.ACOSH);
      case "Atanh": return unary(c, Op.UnaryOp.ATANH);
      case "Sign": return unary(c, Op.UnaryOp.SIGN);
      case "Round": return unary(c, Op.UnaryOp.ROUND);
      case "Softplus": return unary(c, Op.UnaryOp.SOFTPLUS);
      case "Softsign": return unary(c, Op.UnaryOp.SOFTSIGN);
      case "Elu": return one(c, new Op.Elu(c.f("alpha", 1f)));
      case "Celu": return one(c, new Op.Celu(c.f("alpha", 1f)));
      case "Selu":
        return one(c, c.opset < 6 ? new Op.Selu(c.f("alpha", SELU1_ALPHA), c.f("gamma", SELU1_GAMMA))
            : new Op.Selu(c.f("alpha", SELU_ALPHA), c.f("gamma", SELU_GAMMA)));
      case "ThresholdedRelu": return one(c, new Op.ThresholdedRelu(c.f("alpha", 1f)));
      case "IsNaN": return one(c, new Op.IsNaN());
      case "IsInf": return one(c, new Op.IsInf(c.i("detect_negative", 1) != 0, c.i("detect_positive", 1) != 0));
      case "ArgMax": return arg(c, Op.ArgOp.MAX);
      case "ArgMin": return arg(c, Op.ArgOp.MIN);
      case "Hardmax": return one(c, new Op.Hardmax(c.i("axis", c.opset < 13 ? 1 : -1), c.opset < 13));
      case "ReduceL1": return OperandOps.reduce(c, Op.ReduceOp.L1, 18);
      case "ReduceL2": return OperandOps.reduce(c, Op.ReduceOp.L2, 18);
      case "ReduceProd": return OperandOps.reduce(c, Op.ReduceOp.PROD, 18);
      case "ReduceSumSquare": return OperandOps.reduce(c, Op.ReduceOp.SUM_SQUARE, 18);
      case "ReduceLogSum": return OperandOps.reduce(c, Op.ReduceOp.LOG_SUM, 18);
      case "ReduceLogSumExp": return OperandOps.reduce(c, Op.ReduceOp.LOG_SUM_EXP, 18);
      case "InstanceNormalization":
        return Lowered.of(new Op.InstanceNormalization(c.f("epsilon", 1e-5f)), List.of(c.req(0), c.req(1), c.req(2)));
      case "LRN": return lrn(c);
      case "Where": return Lowered.of(new Op.Where(), List.of(c.req(0), c.req(1), c.req(2)));
      case "CastLike": return Lowered.of(new Op.Cast(c.req(1).type().dtype()), List.of(c.req(0)));
      case "Expand": return Lowered.of(new Op.Expand(), List.of(c.req(0), c.req(1)));
      case "Tile": return Lowered.of(new Op.Tile(), List.of(c.req(0), c.req(1)));
      case "ConstantOfShape": return constantOfShape(c);
      case "Range": return Lowered.of(new Op.Range(), List.of(c.req(0), c.req(1), c.req(2)));
      case "Size": return one(c, new Op.Size());
      case "GatherElements": return Lowered.of(new Op.GatherElements(c.i("axis", 0)), List.of(c.req(0), c.req(1)));
      case "CumSum":
        return Lowered.of(new Op.CumSum(c.i("exclusive", 0) != 0, c.i("reverse", 0) != 0), List.of(c.req(0), c.req(1)));
      case "Trilu": return Lowered.of(new Op.Trilu(c.i("upper", 1) != 0), c.inputs(2));
      case "DepthToSpace": return depthToSpace(c);
      case "SpaceToDepth": return one(c, new Op.SpaceToDepth(blocksize(c)));
      case "NegativeLogLikelihoodLoss":
        return Lowered.of(nll(c), c.inputs(3));
      case "SoftmaxCrossEntropyLoss": return softmaxCrossEntropy(c);
      default: return IndexOps.convert(c);
    }
  }

  private static Lowered one(NodeContext c, Op op) {
    return Lowered.of(op, List.of(c.req(0)));
  }

  private static Lowered unary(NodeContext c, Op.UnaryOp kind) {
    return one(c, new Op.Unary(kind));
  }

  private static Lowered variadic(NodeContext c, Op.VariadicOp kind) {
    List<Value> in = new ArrayList<>();
    for (Value v : c.inputs()) {
      if (v != null) {
        in.add(v);
      }
    }
    if (in.isEmpty()) {
      throw c.fail("needs at least one input");
    }
    return Lowered.of(new Op.Variadic(kind), in);
  }

  private static Lowered arg(NodeContext c, Op.ArgOp kind) {
    return one(c, new Op.ArgReduce(kind, c.i("axis", 0), c.i("keepdims", 1) != 0, c.i("select_last_index", 0) != 0));
  }

  private static Lowered lrn(NodeContext c) {
    if (!c.has("size")) {
      throw c.fail("missing required attribute 'size'");
    }
    return one(c, new Op.Lrn(c.f("alpha", 1e-4f), c.f("beta", 0.75f), c.f("bias", 1f), c.i("size", 0)));
  }

  private static long blocksize(NodeContext c) {
    if (!c.has("blocksize")) {
      throw c.fail("missing required attribute 'blocksize'");
    }
    long b = c.i("blocksize", 0);
    if (b < 1) {
      throw c.fail("blocksize " + b + " must be positive");
    }
    return b;
  }

  private static Lowered depthToSpace(NodeContext c) {
    String mode = c.s("mode", "DCR");
    Op.DepthToSpaceMode m;
    switch (mode) {
      case "DCR": m = Op.DepthToSpaceMode.DCR; break;
      case "CRD": m = Op.DepthToSpaceMode.CRD; break;
      default: throw c.fail("unknown mode '" + mode + "'");
    }
    return one(c, new Op.DepthToSpace(blocksize(c), m));
  }

  /** The fill value (attribute 'value', one element; default f32 0) becomes a constant operand. */
  private static Lowered constantOfShape(NodeContext c) {
    AttributeProto a = c.attr("value", AttributeProto.AttributeType.TENSOR);
    if (a != null && a.getT().getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      throw c.fail("attribute 'value' must hold its data inline, not in an external file");
    }
    Tensor value = a == null ? Tensor.scalar(0f) : OnnxTensors.fromProto(a.getT(), null, c.where() + ": attribute 'value'");
    if (value.size() != 1) {
      throw c.fail("attribute 'value' must have exactly one element but has " + value.size());
    }
    return Lowered.of(new Op.ConstantOfShape(), List.of(c.req(0), c.addConstant("value", value)));
  }

  private static Op.NllLoss nll(NodeContext c) {
    String r = c.s("reduction", "mean");
    Op.LossReduction reduction;
    switch (r) {
      case "none": reduction = Op.LossReduction.NONE; break;
      case "sum": reduction = Op.LossReduction.SUM; break;
      case "mean": reduction = Op.LossReduction.MEAN; break;
      default: throw c.fail("unknown reduction '" + r + "'");
    }
    return new Op.NllLoss(reduction, c.has("ignore_index"), c.i("ignore_index", 0));
  }

  /** log_softmax over the class axis 1 (the optional log_prob output), then the NLL loss. */
  private static Lowered softmaxCrossEntropy(NodeContext c) {
    Value scores = c.req(0);
    if (scores.type().rank() < 2) {
      throw c.fail("scores " + scores.type() + " must have rank 2 or more ([N, C, d...])");
    }
    boolean logProbUsed = c.outputUsed(1);
    String name = logProbUsed ? c.outputName(1) : c.outputName(0) + ".log_prob";
    Value logProb = c.emit(new Op.LogSoftmax(1, false), List.of(scores), name, !logProbUsed);
    List<Value> in = new ArrayList<>();
    in.add(logProb);
    in.add(c.req(1));
    if (c.in(2) != null) {
      in.add(c.in(2));
    }
    return Lowered.of(nll(c), in);
  }
}
