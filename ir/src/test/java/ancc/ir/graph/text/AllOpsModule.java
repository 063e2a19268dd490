package ancc.ir.graph.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test fixture: a module using every op name (every record, every kind of Binary, Unary and
 * Reduce) with non-default attributes, every dtype for inputs and constants, symbolic, quoted
 * and unknown dims, quoted value names, absent inputs, multi-output nodes and locations. It is
 * for the textual format, not a computable model: types are plausible but not all inferred.
 */
public final class AllOpsModule {
  private static final Dim N = Dim.sym("N");

  private final Module.Builder b = Module.builder("all ops \"v1\"");
  private int counter;

  private AllOpsModule() {}

  public static Module build() {
    return new AllOpsModule().module();
  }

  private static TensorType t(DType d, Object... dims) {
    List<Dim> ds = new ArrayList<>();
    for (Object o : dims) {
      ds.add(o instanceof Dim dim ? dim : o instanceof String s ? Dim.sym(s) : Dim.of(((Number) o).longValue()));
    }
    return new TensorType(d, ds);
  }

  private static TensorType f32(Object... dims) {
    return t(DType.F32, dims);
  }

  private static List<Long> l(long... xs) {
    return Arrays.stream(xs).boxed().toList();
  }

  private Value input(String name, TensorType type) {
    Value v = new Value(name, type);
    b.input(v);
    return v;
  }

  private Value constant(String name, Tensor t) {
    Value v = new Value(name, t.type());
    b.constant(v, t);
    return v;
  }

  /** Adds a one-output node; absent inputs are passed as null. */
  private Value node(Op op, TensorType type, Value... ins) {
    Value out = new Value(op.name() + "_" + (counter++), type);
    b.node(new Node(op, Arrays.asList(ins), out, "/" + op.name() + "/" + counter));
    return out;
  }

  private Module module() {
    Value x = input("/input/x", f32(N, 3, 8, 8));
    for (DType d : DType.values()) {
      input("in." + d.text(), t(d, "batch_size", Dim.UNKNOWN, Dim.sym("seq len"), Dim.sym("inf"), 2));
    }
    Value seq = input("onnx::Gemm_7", f32(N, 16));
    constants();
    Value w = constant("conv1.weight", Tensor.ofFloats(new long[] {6, 1, 1, 1},
        new float[] {0.1f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY, 1e-5f, 3.4028235e38f}));
    Value bias = constant("conv1.bias", Tensor.ofFloats(new long[] {6}, new float[] {1, 2, 3, 4, 5, 6}));
    Value scalar = constant("clip.max", Tensor.scalar(6f));
    Value shape = constant("shape", Tensor.vector(-1, 96));
    Value axes = constant("axes", Tensor.vector(1));

    Value c = node(new Op.Conv(l(2, 1), l(1, 1, 0, 0), l(1, 2), 3), f32(N, 6, 4, 8), x, w, bias);
    node(new Op.ConvTranspose(l(2, 2), l(0, 1, 0, 1), l(1, 1), l(1, 0), 2), f32(N, 6, 9, 16), c, w, null);
    Value g = node(new Op.Gemm(0.1f, 1e-5f, true, false), f32(N, 16), seq, seq, null);
    node(new Op.MatMul(), f32(N, N), g, g);
    node(new Op.Linear(), f32(N, 16), g, g, null);
    for (Op.BinaryOp k : Op.BinaryOp.values()) {
      node(new Op.Binary(k), f32(N, 16), g, scalar);
    }
    for (Op.UnaryOp k : Op.UnaryOp.values()) {
      node(new Op.Unary(k), f32(N, 16), g);
    }
    node(new Op.LeakyRelu(Float.NaN), f32(N, 16), g);
    node(new Op.PRelu(), f32(N, 16), g, scalar);
    node(new Op.Clip(), f32(N, 16), g, null, scalar);
    node(new Op.HardSigmoid(1f / 6, Float.NEGATIVE_INFINITY), f32(N, 16), g);
    node(new Op.Softmax(-1, true), f32(N, 16), g);
    node(new Op.LogSoftmax(0, false), f32(N, 16), g);
    node(new Op.MaxPool(l(3, 3), l(2, 2), l(1, 1, 1, 1), l(1, 1), true), f32(N, 6, 3, 5), c);
    node(new Op.AveragePool(l(2, 2), l(1, 1), l(0, 0, 0, 0), List.of(), true, true), f32(N, 6, 3, 7), c);
    node(new Op.GlobalAveragePool(), f32(N, 6, 1, 1), c);
    node(new Op.GlobalMaxPool(), f32(N, 6, 1, 1), c);
    node(new Op.BatchNormalization(1e-5f), f32(N, 6, 4, 8), c, bias, bias, bias, bias);
    node(new Op.LayerNormalization(-2, Float.POSITIVE_INFINITY), f32(N, 6, 4, 8), c, bias, null);
    Value flat = node(new Op.Flatten(2), f32(N, 6, 32), c);
    node(new Op.Reshape(true), f32(Dim.UNKNOWN, 96), flat, shape);
    node(new Op.Transpose(l(0, 2, 3, 1)), f32(N, 4, 8, 6), c);
    node(new Op.Concat(-1), f32(N, 6, 4, 16), c, c);
    Value a = new Value("split.a", f32(N, 3, 4, 8));
    Value bb = new Value("split \"b\"\\\n", f32(N, 3, 4, 8));
    b.node(new Node(new Op.Split(1), List.of(c), List.of(a, bb), "Split_0"));
    node(new Op.Slice(), f32(N, 3, 4, 8), c, axes, axes, null, axes);
    node(new Op.Squeeze(), f32(N, 6, 4, 8), c, (Value) null);
    node(new Op.Unsqueeze(), f32(N, 1, 6, 4, 8), c, axes);
    node(new Op.Pad(Op.PadMode.REFLECT), f32(N, 6, 6, 10), c, shape, null, axes);
    Value y = new Value("dropout.y", f32(N, 16));
    Value mask = new Value("dropout.mask", t(DType.BOOL, N, 16));
    b.node(new Node(new Op.Dropout(), List.of(g), List.of(y, mask), ""));
    node(new Op.Identity(), f32(N, 16), y);
    Value sh = node(new Op.Shape(1, 3), t(DType.I64, 2), c);
    node(new Op.Gather(-1), t(DType.I64), sh, constant("zero", Tensor.ofLongs(new long[0], new long[] {0})));
    node(new Op.Cast(DType.BF16), t(DType.BF16, N, 16), g);
    boolean keep = true;
    for (Op.ReduceOp k : Op.ReduceOp.values()) {
      node(new Op.Reduce(k, keep, !keep), keep ? f32(N, 1, 4, 8) : f32(N, 4, 8), c, axes);
      keep = !keep;
    }
    addedOps(c, g, scalar);
    Value r = node(new Op.Resize(Op.CoordMode.TF_HALF_PIXEL_FOR_NN, Op.NearestMode.ROUND_PREFER_CEIL),
        f32(N, 6, 8, 16), c, null, constant("scales", Tensor.ofFloats(new long[] {4}, new float[] {1, 1, 2, 2})));
    b.output(r);
    b.output(bb);
    b.output(mask);
    return b.build();
  }

  /** The comparison, logic, variadic, index and shape-building ops (every kind of each). */
  private void addedOps(Value c, Value g, Value scalar) {
    node(new Op.Elu(0.5f), f32(N, 16), g);
    node(new Op.Celu(2f), f32(N, 16), g);
    node(new Op.Selu(1.5f, -1.25f), f32(N, 16), g);
    node(new Op.ThresholdedRelu(Float.NEGATIVE_INFINITY), f32(N, 16), g);
    node(new Op.IsNaN(), t(DType.BOOL, N, 16), g);
    node(new Op.IsInf(true, false), t(DType.BOOL, N, 16), g);
    Value cond = null;
    for (Op.CompareOp k : Op.CompareOp.values()) {
      cond = node(new Op.Compare(k), t(DType.BOOL, N, 16), g, scalar);
    }
    for (Op.VariadicOp k : Op.VariadicOp.values()) {
      node(new Op.Variadic(k), f32(N, 16), g, scalar, g);
    }
    node(new Op.Where(), f32(N, 16), cond, g, scalar);
    for (Op.ArgOp k : Op.ArgOp.values()) {
      node(new Op.ArgReduce(k, -1, k == Op.ArgOp.MAX, k == Op.ArgOp.MIN), t(DType.I64, N, 1), g);
    }
    node(new Op.Hardmax(1, true), f32(N, 16), g);
    node(new Op.InstanceNormalization(1e-3f), f32(N, 6, 4, 8), c, scalar, scalar);
    node(new Op.Lrn(1e-4f, 0.75f, 2f, 3), f32(N, 6, 4, 8), c);
    Value shape2 = constant("shape2", Tensor.vector(2, 16));
    node(new Op.Expand(), f32(2, 16), g, shape2);
    node(new Op.Tile(), f32(N, 32), g, constant("repeats", Tensor.vector(1, 2)));
    node(new Op.ConstantOfShape(), f32(2, 16), shape2, scalar);
    node(new Op.Range(), f32(Dim.UNKNOWN), scalar, scalar, scalar);
    node(new Op.Size(), t(DType.I64), c);
    node(new Op.GatherElements(1), f32(2, 16), g, constant("idx", Tensor.ofLongs(new long[] {1, 1}, new long[] {0})));
    node(new Op.CumSum(true, false), f32(N, 16), g, constant("one", Tensor.ofLongs(new long[0], new long[] {1})));
    node(new Op.Trilu(false), f32(N, 16), g, (Value) null);
    node(new Op.DepthToSpace(2, Op.DepthToSpaceMode.CRD), f32(N, 1, 8, 16), c);
    node(new Op.SpaceToDepth(2), f32(N, 24, 2, 4), c);
    node(new Op.ResizeInterp(Op.InterpMode.CUBIC, Op.CoordMode.ALIGN_CORNERS, -0.5f, true), f32(N, 6, 8, 16), c, null,
        null, constant("sizes", Tensor.vector(1, 6, 8, 16)));
    node(new Op.NllLoss(Op.LossReduction.MEAN, true, -1), f32(), g, constant("target", Tensor.vector(0)), null);
    scatterAndQuant(c, g, scalar);
  }

  /** The scatter/gather family, top-k, one-hot, quantization, windows and friends. */
  private void scatterAndQuant(Value c, Value g, Value scalar) {
    Value idx = constant("nd.idx", Tensor.ofLongs(new long[] {1, 1}, new long[] {0}));
    node(new Op.Shrink(0.5f, 1.5f), f32(N, 16), g);
    node(new Op.EyeLike(DType.I32, -1), t(DType.I32, N, 16), g);
    Value vals = new Value("topk.values", f32(N, 3));
    Value inds = new Value("topk.indices", t(DType.I64, N, 3));
    b.node(new Node(new Op.TopK(-1, false, true), List.of(g, constant("k", Tensor.vector(3))), List.of(vals, inds), ""));
    node(new Op.OneHot(-2), f32(1, 4, 1), idx, constant("depth", Tensor.vector(4)), constant("onoff",
        Tensor.ofFloats(new long[] {2}, new float[] {0, 1})));
    node(new Op.GatherND(1), f32(N), g, idx);
    node(new Op.ScatterElements(1, Op.ScatterReduction.MUL), f32(N, 16), g, idx, g);
    node(new Op.ScatterND(Op.ScatterReduction.MAX), f32(N, 16), g, idx, scalar);
    Value q = node(new Op.QuantizeLinear(0), t(DType.I8, N, 16), g, scalar, constant("zp", Tensor.ofLongs(DType.I8,
        new long[0], new long[] {-3})));
    node(new Op.DequantizeLinear(1), f32(N, 16), q, scalar, null);
    Value y = new Value("dq.y", t(DType.U8, N, 16));
    Value ys = new Value("dq.scale", f32());
    Value yz = new Value("dq.zero_point", t(DType.U8));
    b.node(new Node(new Op.DynamicQuantizeLinear(), List.of(g), List.of(y, ys, yz), "dq"));
    for (Op.WindowKind k : Op.WindowKind.values()) {
      node(new Op.Window(k, k == Op.WindowKind.HANN, DType.F64), t(DType.F64, 10), constant("size." + k,
          Tensor.ofLongs(new long[0], new long[] {10})));
    }
    node(new Op.MeanVarianceNormalization(l(0, 2, 3)), f32(N, 6, 4, 8), c);
    for (Op.RnnKind k : Op.RnnKind.values()) {
      List<Value> outs = new ArrayList<>();
      outs.add(new Value(k + ".y", f32(5, 2, N, 4)));
      outs.add(new Value(k + ".y_h", f32(2, N, 4)));
      if (k == Op.RnnKind.LSTM) {
        outs.add(new Value(k + ".y_c", f32(2, N, 4)));
      }
      Op op = new Op.Recurrent(k, Op.RnnDirection.BIDIRECTIONAL, 4, k == Op.RnnKind.RNN ? 0f : 3.5f,
          k == Op.RnnKind.GRU, k == Op.RnnKind.LSTM, false);
      b.node(new Node(op, Arrays.asList(g, g, g, null, null, g), outs, "rnn/" + k));
    }
    Value i8 = input("q.a", t(DType.I8, N, 16));
    node(new Op.MatMulInteger(), t(DType.I32, N, N), i8, i8, null, constant("q.zp", Tensor.ofLongs(DType.I8,
        new long[0], new long[] {3})));
    node(new Op.NonZero(), t(DType.I64, 2, Dim.UNKNOWN), g);
    List<Value> uniq = new ArrayList<>();
    uniq.add(new Value("unique.y", f32(Dim.UNKNOWN, 16)));
    for (String o : List.of("indices", "inverse", "counts")) {
      uniq.add(new Value("unique." + o, t(DType.I64, o.equals("inverse") ? N : Dim.UNKNOWN)));
    }
    b.node(new Node(new Op.Unique(false, true, 0), List.of(g), uniq, "unique"));
    node(new Op.NonMaxSuppression(true), t(DType.I64, Dim.UNKNOWN, 3), input("nms.boxes", f32(1, N, 4)),
        input("nms.scores", f32(1, 2, N)), constant("nms.max", Tensor.vector(5)), null, scalar);
    node(new Op.Compress(true, -1), f32(N, Dim.UNKNOWN), g, constant("keep", Tensor.ofLongs(DType.BOOL,
        new long[] {2}, new long[] {1, 0})));
    node(new Op.MaxUnpool(l(2, 2), l(2, 2), l(0, 0, 1, 1)), f32(N, 6, 6, 14), c, input("unpool.i",
        t(DType.I64, N, 6, 4, 8)), null);
    node(new Op.GridSample(Op.GridMode.BICUBIC, Op.GridPadding.REFLECTION, true), f32(N, 6, 3, 3), c,
        input("grid", f32(N, 3, 3, 2)));
    node(new Op.ReverseSequence(0, 1), f32(N, 16), g, constant("lens", Tensor.vector(2)));
  }

  /** One constant of every dtype, with extreme values. */
  private void constants() {
    for (DType d : DType.values()) {
      Tensor t;
      if (d.isFloating()) {
        t = Tensor.ofFloats(d, new long[] {2, 3},
            new float[] {0.1f, -0.0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.intBitsToFloat(0x7fc00001), -7f});
      } else if (d == DType.BOOL) {
        t = Tensor.ofLongs(d, new long[] {3}, new long[] {1, 0, 1});
      } else {
        t = Tensor.ofLongs(d, new long[] {2, 2}, new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE});
      }
      constant("const." + d.text(), t);
    }
    constant("empty", Tensor.ofLongs(new long[] {0}, new long[0]));
  }
}
