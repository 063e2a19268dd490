package ancc.ir.graph.shape;

import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What shape inference of one node can see: the node, the tensors of its constant inputs, and
 * the symbolic values of small integer inputs (see {@link ShapeValues}). Also builds the
 * diagnostics, which always name the node.
 */
public final class ShapeContext {
  private final Node node;
  private final Function<Value, Tensor> consts;
  private final Function<Value, List<SymInt>> shapeValues;

  public ShapeContext(Node node, Function<Value, Tensor> consts, Function<Value, List<SymInt>> shapeValues) {
    this.node = node;
    this.consts = consts == null ? v -> null : consts;
    this.shapeValues = shapeValues == null ? v -> null : shapeValues;
  }

  public Node node() {
    return node;
  }

  public int inputCount() {
    return node.inputs().size();
  }

  public boolean has(int i) {
    return node.input(i) != null;
  }

  /** Type of required input i. */
  public TensorType in(int i) {
    Value v = node.input(i);
    if (v == null) {
      throw fail("missing required input " + i);
    }
    return v.type();
  }

  /** Constant tensor of input i, or null. */
  public Tensor constant(int i) {
    Value v = node.input(i);
    return v == null ? null : consts.apply(v);
  }

  /** Values of constant integer input i as longs, or null if absent or not constant. */
  public long[] constLongs(int i) {
    Tensor t = constant(i);
    if (t == null) {
      return null;
    }
    long[] out = new long[t.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = t.getLong(k);
    }
    return out;
  }

  /** Symbolic elements of input i: from a constant, else from shape-value propagation, else null. */
  public List<SymInt> symbolic(int i) {
    Value v = node.input(i);
    if (v == null) {
      return null;
    }
    Tensor t = consts.apply(v);
    if (t != null) {
      List<SymInt> out = new ArrayList<>(t.size());
      for (int k = 0; k < t.size(); k++) {
        out.add(SymInt.of(t.getLong(k)));
      }
      return out;
    }
    return shapeValues.apply(v);
  }

  public InvalidInputException fail(String problem) {
    return new InvalidInputException(node.describe() + ": " + problem);
  }

  public UnsupportedOpException unsupported(String problem) {
    return new UnsupportedOpException(node.op().name(), node.describe() + ": " + problem);
  }

  /** axis normalized into [0, rank) (or [0, rank] when {@code inclusive}), else an error. */
  public int axis(long axis, int rank, boolean inclusive, String what) {
    int hi = inclusive ? rank + 1 : rank;
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= hi) {
      throw fail(what + " " + axis + " is out of range for rank " + rank);
    }
    return (int) a;
  }

  /** Requires input i to have rank r. */
  public void requireRank(int i, int r, String what) {
    if (in(i).rank() != r) {
      throw fail(what + " must have rank " + r + " but is " + in(i));
    }
  }

  /** Requires two dims to be equal when both are fixed. */
  public void requireSame(Dim a, Dim b, String problem) {
    if (a.isFixed() && b.isFixed() && a.size() != b.size()) {
      throw fail(problem);
    }
  }

  /** The more precise of two dims that must be equal (fixed beats symbolic beats unknown). */
  public Dim merge(Dim a, Dim b, String problem) {
    requireSame(a, b, problem);
    if (a.isFixed()) {
      return a;
    }
    if (b.isFixed()) {
      return b;
    }
    return a instanceof Dim.Sym ? a : b;
  }

  public static TensorType type(DType dtype, List<Dim> dims) {
    return new TensorType(dtype, dims);
  }
}
