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
    Value r = node(new Op.Resize(Op.CoordMode.TF_HALF_PIXEL_FOR_NN, Op.NearestMode.ROUND_PREFER_CEIL),
        f32(N, 6, 8, 16), c, null, constant("scales", Tensor.ofFloats(new long[] {4}, new float[] {1, 1, 2, 2})));
    b.output(r);
    b.output(bb);
    b.output(mask);
    return b.build();
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
