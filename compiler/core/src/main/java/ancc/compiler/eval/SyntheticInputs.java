package ancc.compiler.eval;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded synthetic inputs for a model, one tensor per graph input, that respect each input's
 * element type and range ({@code docs/cli.md}, "Data"):
 *
 * <ul>
 *   <li>floating inputs: standard normal;
 *   <li>integer inputs that index a {@code Gather} table (token ids into an embedding, possibly
 *       through Cast, Reshape, Unsqueeze, Squeeze, Flatten, Identity): uniform in [0, vocab), vocab the
 *       smallest such table's size along the gathered axis;
 *   <li>integer or boolean masks (an input whose name contains "mask", or whose uses are only
 *       Where, Mul, Sub, Add, Cast, Unsqueeze, Reshape, Equal, Not, comparisons): all ones;
 *   <li>other integer inputs: uniform in [0, {@value #DEFAULT_INT_RANGE}).
 * </ul>
 *
 * <p>Dims: the batch (dim 0) is {@code n}, fixed dims as declared, and every other symbolic dim
 * (a sequence length S, say) is {@value #DEFAULT_SYMBOLIC_DIM}; a symbolic dim of the same name
 * gets the same size in every input.
 */
public final class SyntheticInputs {
  /** Size of a symbolic dim after the batch in synthetic inputs (e.g. the sequence length). */
  public static final int DEFAULT_SYMBOLIC_DIM = 16;
  /** Range of synthetic integer inputs that neither index a table nor look like masks. */
  public static final long DEFAULT_INT_RANGE = 2;

  private static final Set<Op.BinaryOp> MASK_ARITHMETIC = java.util.EnumSet.of(Op.BinaryOp.MUL, Op.BinaryOp.SUB,
      Op.BinaryOp.ADD, Op.BinaryOp.AND, Op.BinaryOp.OR);

  private SyntheticInputs() {}

  /** What an integer input holds. */
  public enum Kind { FLOAT, IDS, MASK, INTEGER }

  /** Inputs for every graph input of {@code m}: {@code n} samples, seed {@code seed}. */
  public static Dataset of(Module m, int n, long seed) {
    List<String> names = m.inputs().stream().map(Value::name).toList();
    List<Tensor> tensors = new java.util.ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (Value in : m.inputs()) {
      long[] shape = shape(in.type(), n);
      tensors.add(switch (kind(m, in)) {
        case FLOAT -> normal(in.type().dtype(), shape, rnd);
        case MASK -> filled(in.type().dtype(), shape, 1);
        case IDS -> uniform(in.type().dtype(), shape, vocab(m, in), rnd);
        case INTEGER -> uniform(in.type().dtype(), shape, DEFAULT_INT_RANGE, rnd);
      });
    }
    return new Dataset(names, tensors, new long[n]);
  }

  /** One line on what the synthetic inputs of {@code m} hold, e.g. {@code ids: token ids in [0, 1000)}. */
  public static String describe(Module m) {
    List<String> parts = new java.util.ArrayList<>();
    for (Value in : m.inputs()) {
      Kind k = kind(m, in);
      parts.add(in.name() + ": " + switch (k) {
        case FLOAT -> "standard normal";
        case MASK -> "all ones (a mask)";
        case IDS -> "token ids in [0, " + vocab(m, in) + ")";
        case INTEGER -> "integers in [0, " + DEFAULT_INT_RANGE + ")";
      });
    }
    return String.join("; ", parts);
  }

  /** The shape of {@code n} synthetic samples of {@code t}. */
  static long[] shape(TensorType t, int n) {
    long[] shape = new long[t.rank()];
    for (int i = 0; i < shape.length; i++) {
      Dim d = t.dim(i);
      shape[i] = i == 0 ? n : d.isFixed() ? d.size() : DEFAULT_SYMBOLIC_DIM;
    }
    return shape;
  }

  /** What {@code in} holds, from its type, its name and its uses. */
  public static Kind kind(Module m, Value in) {
    if (in.type().dtype().isFloating()) {
      return Kind.FLOAT;
    }
    if (in.type().dtype() == DType.BOOL || in.name().toLowerCase(Locale.ROOT).contains("mask")) {
      return Kind.MASK;
    }
    if (vocab(m, in) > 0) {
      return Kind.IDS;
    }
    return onlyMaskUses(m, in) ? Kind.MASK : Kind.INTEGER;
  }

  /** The smallest table size {@code in} indexes through a Gather, or 0 when it indexes none. */
  public static long vocab(Module m, Value in) {
    long vocab = 0;
    for (Value v : passThrough(m, in)) {
      for (Node node : m.nodes()) {
        if (node.op() instanceof Op.Gather g && node.inputs().size() > 1 && node.input(1) == v) {
          TensorType table = node.input(0).type();
          int axis = (int) (g.axis() < 0 ? g.axis() + table.rank() : g.axis());
          if (axis >= 0 && axis < table.rank() && table.dim(axis).isFixed()) {
            long size = table.dim(axis).size();
            vocab = vocab == 0 ? size : Math.min(vocab, size);
          }
        }
      }
    }
    return vocab;
  }

  /** {@code in} and the values that carry its numbers unchanged (casts, reshapes). */
  private static Set<Value> passThrough(Module m, Value in) {
    Set<Value> seen = new HashSet<>();
    Deque<Value> todo = new ArrayDeque<>(List.of(in));
    while (!todo.isEmpty()) {
      Value v = todo.pop();
      if (!seen.add(v)) {
        continue;
      }
      for (Node node : m.nodes()) {
        boolean keeps = node.op() instanceof Op.Cast || node.op() instanceof Op.Reshape
            || node.op() instanceof Op.Unsqueeze || node.op() instanceof Op.Squeeze
            || node.op() instanceof Op.Flatten || node.op() instanceof Op.Identity;
        if (keeps && !node.inputs().isEmpty() && node.input(0) == v) {
          todo.add(node.output());
        }
      }
    }
    return seen;
  }

  /** Whether every use of {@code in} (through casts and reshapes) is a masking pattern. */
  private static boolean onlyMaskUses(Module m, Value in) {
    Set<Value> values = passThrough(m, in);
    boolean used = false;
    for (Node node : m.nodes()) {
      boolean reads = node.inputs().stream().anyMatch(values::contains);
      if (!reads || values.contains(node.output())) {
        continue;
      }
      used = true;
      boolean masking = node.op() instanceof Op.Where || node.op() instanceof Op.Compare
          || node.op() instanceof Op.Unary u && u.kind() == Op.UnaryOp.NOT
          || node.op() instanceof Op.Binary b && MASK_ARITHMETIC.contains(b.kind());
      if (!masking) {
        return false;
      }
    }
    return used;
  }

  private static Tensor normal(DType dtype, long[] shape, SplittableRandom rnd) {
    float[] x = new float[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < x.length; i++) {
      double u = 1.0 - rnd.nextDouble();
      x[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble()));
    }
    return Tensor.ofFloats(dtype, shape, x);
  }

  private static Tensor filled(DType dtype, long[] shape, long value) {
    long[] x = new long[Math.toIntExact(Tensor.numel(shape))];
    java.util.Arrays.fill(x, value);
    return Tensor.ofLongs(dtype, shape, x);
  }

  private static Tensor uniform(DType dtype, long[] shape, long range, SplittableRandom rnd) {
    long[] x = new long[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextLong(range);
    }
    return Tensor.ofLongs(dtype, shape, x);
  }
}
