package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
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
 * Propagated ops: Shape, Gather (axis 0, constant indices), Unsqueeze, Squeeze, Reshape,
 * Flatten, Identity, Dropout, Cast, Concat, Slice (constant indices), and Add/Sub/Mul/Div.
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
    Op op = node.op();
    List<SymInt> out = null;
    if (op instanceof Op.Shape s) {
      List<Dim> dims = node.input(0).type().dims();
      int r = dims.size();
      out = new ArrayList<>();
      for (long i = LayoutShapes.clampAxis(s.start(), r); i < LayoutShapes.clampAxis(s.end(), r); i++) {
        out.add(SymInt.ofDim(dims.get((int) i)));
      }
    } else if (op instanceof Op.Unsqueeze || op instanceof Op.Squeeze || op instanceof Op.Reshape
        || op instanceof Op.Flatten || op instanceof Op.Identity || op instanceof Op.Dropout
        || op instanceof Op.Cast) {
      out = get.apply(node.input(0));
    } else if (op instanceof Op.Gather g) {
      out = gather(g, get.apply(node.input(0)), get.apply(node.input(1)), node.input(0).type());
    } else if (op instanceof Op.Concat) {
      out = new ArrayList<>();
      for (Value v : node.inputs()) {
        List<SymInt> part = get.apply(v);
        if (part == null) {
          return null;
        }
        out.addAll(part);
      }
    } else if (op instanceof Op.Slice) {
      out = slice(node, get);
    } else if (op instanceof Op.Binary b) {
      out = binary(b.kind(), get.apply(node.input(0)), get.apply(node.input(1)));
    } else {
      out = built(node, get);
    }
    long n = Dims.staticCount(node.output().type().dims());
    return out != null && out.size() == n ? out : null;
  }

  private static List<SymInt> gather(Op.Gather g, List<SymInt> data, List<SymInt> idx, TensorType dataType) {
    if (data == null || idx == null || dataType.rank() != 1 || (g.axis() != 0 && g.axis() != -1)) {
      return null;
    }
    List<SymInt> out = new ArrayList<>();
    for (SymInt i : idx) {
      if (!i.isConst()) {
        return null;
      }
      long k = i.value() < 0 ? i.value() + data.size() : i.value();
      if (k < 0 || k >= data.size()) {
        return null;
      }
      out.add(data.get((int) k));
    }
    return out;
  }

  private static List<SymInt> slice(Node node, Function<Value, List<SymInt>> get) {
    List<SymInt> data = get.apply(node.input(0));
    List<SymInt> starts = get.apply(node.input(1));
    List<SymInt> ends = get.apply(node.input(2));
    List<SymInt> axes = node.input(3) == null ? List.of(SymInt.of(0)) : get.apply(node.input(3));
    List<SymInt> steps = node.input(4) == null ? List.of(SymInt.of(1)) : get.apply(node.input(4));
    if (data == null || starts == null || ends == null || axes == null || steps == null
        || starts.size() != 1 || ends.size() != 1 || axes.size() != 1 || steps.size() != 1
        || !starts.get(0).isConst() || !ends.get(0).isConst() || !steps.get(0).isConst()
        || !axes.get(0).isConst() || (axes.get(0).value() != 0 && axes.get(0).value() != -1)) {
      return null;
    }
    long n = data.size();
    long step = steps.get(0).value();
    if (step == 0) {
      return null;
    }
    long start = SliceShapes.sliceStart(n, starts.get(0).value(), step);
    long len = SliceShapes.sliceLength(n, starts.get(0).value(), ends.get(0).value(), step);
    List<SymInt> out = new ArrayList<>();
    for (long i = 0; i < len; i++) {
      out.add(data.get((int) (start + i * step)));
    }
    return out;
  }

  private static List<SymInt> binary(Op.BinaryOp kind, List<SymInt> a, List<SymInt> b) {
    if (a == null || b == null || (a.size() != b.size() && a.size() != 1 && b.size() != 1)) {
      return null;
    }
    int n = Math.max(a.size(), b.size());
    List<SymInt> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SymInt x = a.get(a.size() == 1 ? 0 : i);
      SymInt y = b.get(b.size() == 1 ? 0 : i);
      out.add(apply(kind, x, y));
    }
    return out;
  }

  private static SymInt apply(Op.BinaryOp kind, SymInt x, SymInt y) {
    if (x.isConst() && y.isConst()) {
      long a = x.value();
      long b = y.value();
      switch (kind) {
        case ADD: return SymInt.of(a + b);
        case SUB: return SymInt.of(a - b);
        case MUL: return SymInt.of(a * b);
        case DIV: return b == 0 ? SymInt.UNKNOWN : SymInt.of(a / b);
        default: return SymInt.UNKNOWN;
      }
    }
    boolean additive = kind == Op.BinaryOp.ADD || kind == Op.BinaryOp.SUB;
    boolean arithmetic = additive || kind == Op.BinaryOp.MUL || kind == Op.BinaryOp.DIV || kind == Op.BinaryOp.POW;
    if (!arithmetic) {
      return SymInt.UNKNOWN;
    }
    if (y.isConst() && y.value() == (additive ? 0 : 1)) {
      return x; // x + 0, x - 0, x * 1, x / 1, x ^ 1
    }
    boolean xNeutral = (kind == Op.BinaryOp.ADD && x.value() == 0) || (kind == Op.BinaryOp.MUL && x.value() == 1);
    if (x.isConst() && xNeutral) {
      return y;
    }
    return SymInt.UNKNOWN;
  }

  /** Size of a static tensor, ConstantOfShape of a known length, Range of known scalars, Neg. */
  private static List<SymInt> built(Node node, Function<Value, List<SymInt>> get) {
    Op op = node.op();
    if (op instanceof Op.Unary u && u.kind() == Op.UnaryOp.NEG) {
      List<SymInt> x = get.apply(node.input(0));
      if (x == null) {
        return null;
      }
      List<SymInt> out = new ArrayList<>();
      for (SymInt v : x) {
        out.add(v.isConst() ? SymInt.of(-v.value()) : SymInt.UNKNOWN);
      }
      return out;
    }
    if (op instanceof Op.Size) {
      long n = Dims.staticCount(node.input(0).type().dims());
      return n < 0 ? null : List.of(SymInt.of(n));
    }
    if (op instanceof Op.ConstantOfShape) {
      List<SymInt> value = get.apply(node.input(1));
      long n = Dims.staticCount(node.output().type().dims());
      if (value == null || value.size() != 1 || n < 0 || n > MAX_ELEMENTS) {
        return null;
      }
      List<SymInt> out = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        out.add(value.get(0));
      }
      return out;
    }
    if (op instanceof Op.Range) {
      long[] v = new long[3];
      for (int i = 0; i < 3; i++) {
        List<SymInt> x = get.apply(node.input(i));
        if (x == null || x.size() != 1 || !x.get(0).isConst()) {
          return null;
        }
        v[i] = x.get(0).value();
      }
      if (v[2] == 0) {
        return null;
      }
      long n = IndexShapes.rangeLength(v[0], v[1], v[2]);
      if (n > MAX_ELEMENTS) {
        return null;
      }
      List<SymInt> out = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        out.add(SymInt.of(v[0] + i * v[2]));
      }
      return out;
    }
    return null;
  }
}
