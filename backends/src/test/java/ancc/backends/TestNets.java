package ancc.backends;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small hand-built modules with seeded random weights. */
final class TestNets {
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
  static Module convNet(long seed) {
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

  /** x[N,in] -> linear out x in (no bias) -> relu. */
  static Module wideLinear(int in, int out, long seed) {
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
}
