package ancc.compiler.onnx;

import ancc.ir.graph.Op;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps ONNX nodes onto graph IR ops, one op type at a time, in the latest ONNX form of each op.
 * Spatial ops live in {@link SpatialOps}, ops whose operands moved from attributes to inputs
 * across opsets in {@link OperandOps}, the ops beyond the core CNN set in {@link ExtraOps}, and
 * the old (opset < 7) attribute forms in {@link LegacyOpsets}.
 */
final class OnnxOps {
  private OnnxOps() {}

  /** The IR op for {@code c}'s node; Constant nodes are handled by {@link OperandOps#constant}. */
  static Lowered convert(NodeContext c) {
    String t = c.opType();
    switch (t) {
      case "Conv": return SpatialOps.conv(c);
      case "ConvTranspose": return SpatialOps.convTranspose(c);
      case "MaxPool": return SpatialOps.maxPool(c);
      case "AveragePool": return SpatialOps.averagePool(c);
      case "GlobalAveragePool": return unaryOp(c, new Op.GlobalAveragePool());
      case "GlobalMaxPool": return unaryOp(c, new Op.GlobalMaxPool());
      case "Gemm":
        return Lowered.of(new Op.Gemm(c.f("alpha", 1f), c.f("beta", 1f), c.i("transA", 0) != 0, c.i("transB", 0) != 0),
            c.inputs(3));
      case "MatMul": return Lowered.of(new Op.MatMul(), List.of(c.req(0), c.req(1)));
      case "Add": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.ADD));
      case "Sub": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.SUB));
      case "Mul": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.MUL));
      case "Div": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.DIV));
      case "Pow": return LegacyOpsets.binary(c, new Op.Binary(Op.BinaryOp.POW));
      case "Relu": return unary(c, Op.UnaryOp.RELU);
      case "Sigmoid": return unary(c, Op.UnaryOp.SIGMOID);
      case "Tanh": return unary(c, Op.UnaryOp.TANH);
      case "Sqrt": return unary(c, Op.UnaryOp.SQRT);
      case "Erf": return unary(c, Op.UnaryOp.ERF);
      case "Exp": return unary(c, Op.UnaryOp.EXP);
      case "Log": return unary(c, Op.UnaryOp.LOG);
      case "Neg": return unary(c, Op.UnaryOp.NEG);
      case "Abs": return unary(c, Op.UnaryOp.ABS);
      case "Reciprocal": return unary(c, Op.UnaryOp.RECIPROCAL);
      case "Floor": return unary(c, Op.UnaryOp.FLOOR);
      case "Ceil": return unary(c, Op.UnaryOp.CEIL);
      case "HardSwish": return unary(c, Op.UnaryOp.HARD_SWISH);
      case "LeakyRelu": return unaryOp(c, new Op.LeakyRelu(c.f("alpha", 0.01f)));
      case "HardSigmoid": return unaryOp(c, new Op.HardSigmoid(c.f("alpha", 0.2f), c.f("beta", 0.5f)));
      case "PRelu": return Lowered.of(new Op.PRelu(), List.of(c.req(0), LegacyOpsets.preluSlope(c, c.req(0), c.req(1))));
      case "Softmax": return unaryOp(c, new Op.Softmax(softmaxAxis(c), c.opset < 13));
      case "LogSoftmax": return unaryOp(c, new Op.LogSoftmax(softmaxAxis(c), c.opset < 13));
      case "BatchNormalization": return batchNorm(c);
      case "LayerNormalization": return layerNorm(c);
      case "Flatten": return unaryOp(c, new Op.Flatten(c.i("axis", 1)));
      case "Reshape": return reshape(c);
      case "Transpose": return transpose(c);
      case "Concat": return concat(c);
      case "Identity": return unaryOp(c, new Op.Identity());
      case "Shape": return shape(c);
      case "Gather": return Lowered.of(new Op.Gather(c.i("axis", 0)), List.of(c.req(0), c.req(1)));
      case "Cast": return cast(c);
      case "Clip": return OperandOps.clip(c);
      case "Split": return OperandOps.split(c);
      case "Slice": return OperandOps.slice(c);
      case "Squeeze": return OperandOps.squeeze(c);
      case "Unsqueeze": return OperandOps.unsqueeze(c);
      case "Pad": return OperandOps.pad(c);
      case "Dropout": return OperandOps.dropout(c);
      case "ReduceMean": return OperandOps.reduce(c, Op.ReduceOp.MEAN, 18);
      case "ReduceSum": return OperandOps.reduce(c, Op.ReduceOp.SUM, 13);
      case "ReduceMax": return OperandOps.reduce(c, Op.ReduceOp.MAX, 18);
      case "ReduceMin": return OperandOps.reduce(c, Op.ReduceOp.MIN, 18);
      case "Resize": return OperandOps.resize(c);
      default: return ExtraOps.convert(c);
    }
  }

  /** Reshape; before opset 5 the shape is an attribute. */
  private static Lowered reshape(NodeContext c) {
    if (c.opset < 5) {
      return Lowered.of(new Op.Reshape(false), List.of(c.req(0), c.addLongs("shape", c.reqInts("shape"))));
    }
    return Lowered.of(new Op.Reshape(c.i("allowzero", 0) != 0), List.of(c.req(0), c.req(1)));
  }

  private static Lowered unary(NodeContext c, Op.UnaryOp kind) {
    return unaryOp(c, new Op.Unary(kind));
  }

  private static Lowered unaryOp(NodeContext c, Op op) {
    return Lowered.of(op, List.of(c.req(0)));
  }

  private static long softmaxAxis(NodeContext c) {
    return c.i("axis", c.opset < 13 ? 1 : -1);
  }

  private static Lowered batchNorm(NodeContext c) {
    LegacyOpsets.requireTestMode(c);
    if (c.i("training_mode", 0) != 0) {
      throw c.unsupported("training_mode=1 is not supported (inference only)");
    }
    if (c.opset < 9 && c.i("spatial", 1) == 0) {
      throw c.unsupported("spatial=0 is not supported");
    }
    for (int i = 1; i < 5; i++) {
      if (c.outputUsed(i)) {
        throw c.unsupported("training outputs (running mean/var, saved mean/var) are not supported");
      }
    }
    List<Value> in = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      in.add(c.req(i));
    }
    return Lowered.of(new Op.BatchNormalization(c.f("epsilon", 1e-5f)), in);
  }

  /**
   * LayerNormalization. The optional Mean and InvStdDev outputs, when used, are computed by extra
   * nodes: Mean = ReduceMean(X) over [axis, rank) with keepdims, InvStdDev = 1 / sqrt(ReduceMean((X -
   * Mean)^2) + epsilon).
   */
  private static Lowered layerNorm(NodeContext c) {
    Value x = c.req(0);
    long axis = c.i("axis", -1);
    float eps = c.f("epsilon", 1e-5f);
    List<Value> in = new ArrayList<>();
    in.add(x);
    in.add(c.req(1));
    if (c.in(2) != null) {
      in.add(c.in(2));
    }
    if (c.outputUsed(1) || c.outputUsed(2)) {
      if (!x.type().dtype().isFloating()) {
        throw c.fail("input must be floating point");
      }
      int r = x.type().rank();
      long a = axis < 0 ? axis + r : axis;
      if (a < 0 || a >= r) {
        throw c.fail("axis " + axis + " is out of range for rank " + r);
      }
      List<Long> axes = new ArrayList<>();
      for (long k = a; k < r; k++) {
        axes.add(k);
      }
      Value axesConst = c.addLongs("axes", axes);
      Op.Reduce mean = new Op.Reduce(Op.ReduceOp.MEAN, true, false);
      String y = c.outputName(0);
      Value mu = c.emit(mean, List.of(x, axesConst), c.outputUsed(1) ? c.outputName(1) : y + ".mean", !c.outputUsed(1));
      if (c.outputUsed(2)) {
        Value d = c.emit(new Op.Binary(Op.BinaryOp.SUB), List.of(x, mu), y + ".centered", true);
        Value sq = c.emit(new Op.Binary(Op.BinaryOp.MUL), List.of(d, d), y + ".squared", true);
        Value var = c.emit(mean, List.of(sq, axesConst), y + ".var", true);
        Value e = c.addScalar("epsilon", eps, x.type());
        Value ve = c.emit(new Op.Binary(Op.BinaryOp.ADD), List.of(var, e), y + ".var_eps", true);
        Value sd = c.emit(new Op.Unary(Op.UnaryOp.SQRT), List.of(ve), y + ".std", true);
        c.emit(new Op.Unary(Op.UnaryOp.RECIPROCAL), List.of(sd), c.outputName(2), false);
      }
    }
    return Lowered.of(new Op.LayerNormalization(axis, eps), in);
  }

  private static Lowered transpose(NodeContext c) {
    Value x = c.req(0);
    List<Long> perm = c.ints("perm");
    if (perm == null || perm.isEmpty() && x.type().rank() > 0) {
      perm = new ArrayList<>();
      for (long i = x.type().rank() - 1; i >= 0; i--) {
        perm.add(i);
      }
    }
    return Lowered.of(new Op.Transpose(perm), List.of(x));
  }

  private static Lowered concat(NodeContext c) {
    if (!c.has("axis") && c.opset >= 4) {
      throw c.fail("missing required attribute 'axis'");
    }
    List<Value> in = new ArrayList<>();
    for (Value v : c.inputs()) {
      if (v != null) {
        in.add(v);
      }
    }
    if (in.isEmpty()) {
      throw c.fail("needs at least one input");
    }
    return Lowered.of(new Op.Concat(c.i("axis", 1)), in); // default 1 before opset 4
  }

  private static Lowered shape(NodeContext c) {
    Value x = c.req(0);
    int r = x.type().rank();
    long start = clamp(c.i("start", 0), r);
    long end = clamp(c.i("end", r), r);
    return Lowered.of(new Op.Shape(start, Math.max(start, end)), List.of(x));
  }

  private static long clamp(long a, int r) {
    long v = a < 0 ? a + r : a;
    return Math.max(0, Math.min(r, v));
  }

  private static Lowered cast(NodeContext c) {
    if (!c.has("to")) {
      throw c.fail("missing required attribute 'to'");
    }
    return Lowered.of(new Op.Cast(OnnxDTypes.fromCode((int) c.i("to", 0), c.where() + ": attribute 'to'")),
        List.of(c.req(0)));
  }
}
