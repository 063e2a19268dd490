package ancc.ir.graph.shape;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Symbolic values of small integer tensors ("shape values"). Exporters compute shapes at run
 * time: PyTorch's {@code x.view(x.size(0), -1)} becomes Shape -> Gather -> Unsqueeze -> Concat
 * -> Reshape. Following those ops element by element, with a tensor's dims read by Shape as
 * their elements (fixed sizes as constants, symbols such as {@code N} as symbols), tells the
 * Reshape its target {@code [N, -1]}, so its output is typed {@code f32[N,400]} rather than
 * unknown. A constant-folding pass can use {@link #toTensor} when every element is constant.
 *
 * <p>Only integer tensors of rank 0 or 1 with at most {@link #MAX_ELEMENTS} elements are tracked.
 * Propagated ops ({@link ShapeValueRules}): Shape, Gather (axis 0, constant indices), Unsqueeze,
 * Squeeze, Reshape, Flatten, Identity, Dropout, Cast, Concat, Slice (constant indices),
 * Add/Sub/Mul/Div, Neg, Size of a static tensor, ConstantOfShape of a known length, Range of
 * known scalars, comparisons whose order is known (constants, the same symbol, or a symbol against a
 * negative constant: a symbol is a dimension, never negative) and Where of a known condition or of
 * equal branches.
 */
public final class ShapeValues {
  public static final int MAX_ELEMENTS = 64;

  private ShapeValues() {}

  /** Whether values of this type are tracked. */
  public static boolean tracked(TensorType t) {
    if (t.dtype().isFloating() || t.rank() > 1) {
      return false;
    }
    long n = Dims.staticCount(t.dims());
    return n >= 0 && n <= MAX_ELEMENTS;
  }

  /** The elements of a small integer constant, or null if it is not tracked. */
  public static List<SymInt> ofConstant(Tensor t) {
    if (t == null || !tracked(t.type())) {
      return null;
    }
    List<SymInt> out = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) {
      out.add(SymInt.of(t.getLong(i)));
    }
    return out;
  }

  /** The constant tensor of type {@code type} holding {@code elems}, or null unless all are constant. */
  public static Tensor toTensor(List<SymInt> elems, TensorType type) {
    if (elems == null || type.dtype().isFloating() || !type.isStatic()) {
      return null;
    }
    long[] data = new long[elems.size()];
    for (int i = 0; i < data.length; i++) {
      if (!elems.get(i).isConst()) {
        return null;
      }
      data[i] = elems.get(i).value();
    }
    return Tensor.ofLongs(type.dtype(), type.shape(), data);
  }

  /** Shape values of every tracked value of {@code m} that can be derived (constants included). */
  public static Map<Value, List<SymInt>> compute(Module m) {
    Map<Value, List<SymInt>> known = new HashMap<>();
    for (Map.Entry<Value, Tensor> e : m.constants().entrySet()) {
      List<SymInt> v = ofConstant(e.getValue());
      if (v != null) {
        known.put(e.getKey(), v);
      }
    }
    for (Node n : m.nodes()) {
      List<SymInt> v = propagate(n, m::constant, known::get);
      if (v != null) {
        known.put(n.output(), v);
      }
    }
    return known;
  }

  /**
   * The elements of {@code node}'s first output, given the constants and the already known shape
   * values of its inputs ({@code known} may return null), or null when they cannot be derived.
   */
  public static List<SymInt> propagate(Node node, Function<Value, Tensor> consts,
      Function<Value, List<SymInt>> known) {
    if (!tracked(node.output().type())) {
      return null;
    }
    Function<Value, List<SymInt>> get = v -> {
      if (v == null) {
        return null;
      }
      Tensor t = consts.apply(v);
      return t != null ? ofConstant(t) : known.apply(v);
    };
    List<SymInt> out = node.op().accept(ShapeValueRules.INSTANCE, new ShapeValueRules.Site(node, get));
    long n = Dims.staticCount(node.output().type().dims());
    return out != null && out.size() == n ? out : null;
  }
}
