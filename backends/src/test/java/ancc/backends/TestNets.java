package ancc.backends;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.ShapeInference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small hand-built modules with seeded random weights. */
public final class TestNets {
  private TestNets() {}

  static TensorType f32(Object... dims) {
    Dim[] ds = new Dim[dims.length];
    for (int i = 0; i < dims.length; i++) {
      ds[i] = dims[i] instanceof String s ? Dim.sym(s) : Dim.of(((Number) dims[i]).longValue());
    }
    return new TensorType(DType.F32, Arrays.asList(ds));
  }

  static Tensor random(SplittableRandom rnd, double scale, long... shape) {
    float[] d = new float[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
    }
    return Tensor.ofFloats(shape, d);
  }

  /** x[N,1,8,8] -> conv 4x1x3x3 pad 1 (+bias) -> relu -> max_pool 2 -> flatten -> linear 10x64 (+bias). */
  public static Module convNet(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Module.Builder b = Module.builder("convnet");
    Value x = new Value("x", f32("N", 1, 8, 8));
    Value w1 = new Value("conv.w", f32(4, 1, 3, 3));
    Value b1 = new Value("conv.b", f32(4));
    Value w2 = new Value("fc.w", f32(10, 64));
    Value b2 = new Value("fc.b", f32(10));
    b.input(x);
    b.constant(w1, random(rnd, 0.5, 4, 1, 3, 3));
    b.constant(b1, random(rnd, 0.1, 4));
    b.constant(w2, random(rnd, 0.2, 10, 64));
    b.constant(b2, random(rnd, 0.1, 10));
    Value c = new Value("c", f32("N", 4, 8, 8));
    Value r = new Value("r", f32("N", 4, 8, 8));
    Value p = new Value("p", f32("N", 4, 4, 4));
    Value f = new Value("f", f32("N", 64));
    Value y = new Value("y", f32("N", 10));
    b.node(new Node(new Op.Conv(List.of(1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(1L, 1L), 1), List.of(x, w1, b1), c,
        "conv1"));
    b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(c), r, "relu1"));
    b.node(new Node(new Op.MaxPool(List.of(2L, 2L), List.of(2L, 2L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), false),
        List.of(r), p, "pool1"));
    b.node(new Node(new Op.Flatten(1), List.of(p), f, "flatten"));
    b.node(new Node(new Op.Linear(), List.of(f, w2, b2), y, "fc"));
    b.output(y);
    return b.build();
  }

  /**
   * x[batch,4,16,16] -> conv 8x4x3x3 pad 1 (+bias) -> [relu ->] conv 8x8x3x3 pad 1: two streamed
   * convolutions; {@code batch} is "N" (symbolic) or a number (static).
   */
  public static Module convChain(Object batch, boolean relu, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Module.Builder b = Module.builder("convchain");
    Value x = new Value("x", f32(batch, 4, 16, 16));
    Value w1 = new Value("c1.w", f32(8, 4, 3, 3));
    Value b1 = new Value("c1.b", f32(8));
    Value w2 = new Value("c2.w", f32(8, 8, 3, 3));
    b.input(x);
    b.constant(w1, random(rnd, 0.3, 8, 4, 3, 3));
    b.constant(b1, random(rnd, 0.1, 8));
    b.constant(w2, random(rnd, 0.2, 8, 8, 3, 3));
    Op.Conv conv = new Op.Conv(List.of(1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(1L, 1L), 1);
    Value c1 = new Value("c1", f32(batch, 8, 16, 16));
    b.node(new Node(conv, List.of(x, w1, b1), c1, "c1"));
    Value mid = c1;
    if (relu) {
      mid = new Value("r1", f32(batch, 8, 16, 16));
      b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(c1), mid, "relu1"));
    }
    Value y = new Value("y", f32(batch, 8, 16, 16));
    b.node(new Node(conv, Arrays.asList(mid, w2, null), y, "c2"));
    b.output(y);
    return b.build();
  }

  /** x[N,in] -> linear out x in (no bias) -> relu. */
  public static Module wideLinear(int in, int out, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Module.Builder b = Module.builder("wide");
    Value x = new Value("x", f32("N", in));
    Value w = new Value("w", f32(out, in));
    Value y = new Value("y", f32("N", out));
    Value r = new Value("r", f32("N", out));
    b.input(x);
    b.constant(w, random(rnd, 0.1, out, in));
    b.node(new Node(new Op.Linear(), Arrays.asList(x, w, null), y, "big"));
    b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(y), r, "relu"));
    b.output(r);
    return b.build();
  }

  /**
   * One small module per op kind the backends map or the testdata models use: conv (plain, grouped,
   * depthwise, strided), linear, gemm (transB with a per-channel bias; transA with alpha, beta and
   * a non-constant C), matmul, and the digital ops relu, max_pool, average_pool,
   * global_average_pool, flatten, reshape, add and concat. Seeded random weights.
   */
  public static List<Module> opZoo() {
    SplittableRandom rnd = new SplittableRandom(11);
    List<Module> out = new ArrayList<>();
    List<Long> one = List.of(1L, 1L);
    List<Long> pad1 = List.of(1L, 1L, 1L, 1L);
    out.add(single("conv", rnd, new Op.Conv(one, pad1, one, 1), f32("N", 3, 8, 8), new long[] {6, 3, 3, 3}, true));
    out.add(single("grouped", rnd, new Op.Conv(one, pad1, one, 2), f32("N", 4, 8, 8), new long[] {6, 2, 3, 3}, true));
    out.add(single("depthwise", rnd, new Op.Conv(one, pad1, one, 4), f32("N", 4, 8, 8), new long[] {4, 1, 3, 3},
        false));
    out.add(single("strided", rnd, new Op.Conv(List.of(2L, 2L), List.of(0L, 0L, 0L, 0L), one, 1), f32("N", 2, 9, 9),
        new long[] {5, 2, 3, 3}, true));
    out.add(single("linear", rnd, new Op.Linear(), f32("N", 40), new long[] {12, 40}, true));
    out.add(single("gemm", rnd, new Op.Gemm(1f, 1f, false, true), f32("N", 24), new long[] {10, 24}, true));
    out.add(single("matmul", rnd, new Op.MatMul(), f32("N", 24), new long[] {24, 7}, false));
    out.add(gemmWithC(rnd));
    out.add(digitalChain());
    return out;
  }

  /** x -> OP(x, w[, b]) with a constant weight of {@code wShape} (and a bias of its dim 0). */
  private static Module single(String name, SplittableRandom rnd, Op op, TensorType xt, long[] wShape, boolean bias) {
    Module.Builder b = Module.builder(name);
    Value x = new Value("x", xt);
    b.input(x);
    Value w = new Value(name + ".w", f32(Arrays.stream(wShape).boxed().toArray()));
    b.constant(w, random(rnd, 0.3, wShape));
    List<Value> ins = new ArrayList<>(List.of(x, w));
    if (bias) {
      long m = op instanceof Op.Gemm g && !g.transB() ? wShape[1] : wShape[0];
      Value bv = new Value(name + ".b", f32(m));
      b.constant(bv, random(rnd, 0.1, m));
      ins.add(bv);
    }
    return finish(b, new Node(op, ins, new Value(name + ".y", TensorType.of(DType.F32)), name), b.constants());
  }

  /** y = 0.5 x^T W^T + 2 C with x [24, N] (transA) and a non-constant C [N, 10]. */
  private static Module gemmWithC(SplittableRandom rnd) {
    Module.Builder b = Module.builder("gemm_c");
    Value x = new Value("x", f32(24, 4));
    Value c = new Value("c", f32(4, 10));
    Value w = new Value("gc.w", f32(10, 24));
    b.input(x);
    b.input(c);
    b.constant(w, random(rnd, 0.3, 10, 24));
    return finish(b, new Node(new Op.Gemm(0.5f, 2f, true, true), List.of(x, w, c),
        new Value("gc.y", TensorType.of(DType.F32)), "gemm_c"), b.constants());
  }

  /** relu -> max_pool -> average_pool -> add (of two branches) -> concat -> global_average_pool -> flatten -> reshape. */
  private static Module digitalChain() {
    Module.Builder b = Module.builder("digital");
    Value x = new Value("x", f32("N", 4, 8, 8));
    b.input(x);
    List<Long> two = List.of(2L, 2L);
    List<Long> none = List.of(0L, 0L, 0L, 0L);
    Value r = add(b, new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(x), out("r"), "relu"));
    Value mp = add(b, new Node(new Op.MaxPool(two, two, none, List.of(1L, 1L), false), List.of(r), out("mp"), "max"));
    Value ap = add(b, new Node(new Op.AveragePool(two, two, none, List.of(1L, 1L), false, false), List.of(x), out("ap"),
        "avg"));
    Value s = add(b, new Node(new Op.Binary(Op.BinaryOp.ADD), List.of(mp, ap), out("s"), "add"));
    Value cat = add(b, new Node(new Op.Concat(1), List.of(s, mp), out("cat"), "concat"));
    Value g = add(b, new Node(new Op.GlobalAveragePool(), List.of(cat), out("g"), "gap"));
    Value f = add(b, new Node(new Op.Flatten(1), List.of(g), out("f"), "flatten"));
    Value shape = new Value("shape", new TensorType(DType.I64, List.of(Dim.of(3))));
    b.constant(shape, Tensor.vector(-1, 2, 4));
    Value y = add(b, new Node(new Op.Reshape(false), List.of(f, shape), out("y"), "reshape"));
    b.output(y);
    return b.build();
  }

  private static Value out(String name) {
    return new Value(name, TensorType.of(DType.F32));
  }

  /** Adds {@code n} with its output typed by shape inference; returns the typed output. */
  private static Value add(Module.Builder b, Node n) {
    java.util.Map<Value, Tensor> consts = b.constants();
    TensorType t = ShapeInference.infer(n, consts::get).get(0);
    Value typed = new Value(n.output().name(), t);
    b.node(n.withOutputs(List.of(typed)));
    return typed;
  }

  private static Module finish(Module.Builder b, Node n, java.util.Map<Value, Tensor> consts) {
    b.output(add(b, n));
    return b.build();
  }

  /** Largest |a - b| over the elements of two tensors of one shape. */
  static double maxError(Tensor a, Tensor b) {
    double e = 0;
    for (int i = 0; i < a.size(); i++) {
      e = Math.max(e, Math.abs(a.floats()[i] - b.floats()[i]));
    }
    return e;
  }

  /** Largest |a| over the elements. */
  static double maxAbs(Tensor a) {
    double m = 0;
    for (float v : a.floats()) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
