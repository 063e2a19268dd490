package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * How each op propagates {@link ShapeValues}: the elements of a node's first output from the shape
 * values of its inputs, or null when they cannot be derived (every op but the few listed on
 * {@link ShapeValues} is {@link #untracked}). A visitor, so a new op must say whether it propagates.
 */
final class ShapeValueRules implements Op.Visitor<List<SymInt>, ShapeValueRules.Site> {
  static final ShapeValueRules INSTANCE = new ShapeValueRules();

  /** The node, and the shape values of its inputs ({@code get} returns null for an unknown or absent input). */
  record Site(Node node, Function<Value, List<SymInt>> get) {
    List<SymInt> get(int i) {
      return get.apply(node.input(i));
    }

    List<SymInt> first() {
      return get(0);
    }
  }

  private ShapeValueRules() {}

  /** The op's output elements are not followed. */
  private static List<SymInt> untracked() {
    return null;
  }

  public List<SymInt> visit(Op.Conv o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ConvTranspose o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Gemm o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.MatMul o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Linear o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Binary o, Site s) { return binary(o.kind(), s.get(0), s.get(1)); }

  public List<SymInt> visit(Op.Unary o, Site s) {
    if (o.kind() != Op.UnaryOp.NEG) {
      return untracked();
    }
    List<SymInt> x = s.get(0);
    if (x == null) {
      return null;
    }
    List<SymInt> out = new ArrayList<>();
    for (SymInt v : x) {
      out.add(v.isConst() ? SymInt.of(-v.value()) : SymInt.UNKNOWN);
    }
    return out;
  }

  public List<SymInt> visit(Op.LeakyRelu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.PRelu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Clip o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.HardSigmoid o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Softmax o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.LogSoftmax o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.MaxPool o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.AveragePool o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.GlobalAveragePool o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.GlobalMaxPool o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.BatchNormalization o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.LayerNormalization o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Flatten o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Reshape o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Transpose o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Concat o, Site s) {
    List<SymInt> out = new ArrayList<>();
    for (Value v : s.node.inputs()) {
      List<SymInt> part = s.get.apply(v);
      if (part == null) {
        return null;
      }
      out.addAll(part);
    }
    return out;
  }

  public List<SymInt> visit(Op.Split o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Slice o, Site s) { return slice(s.node, s.get); }

  public List<SymInt> visit(Op.Squeeze o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Unsqueeze o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Pad o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Dropout o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Identity o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Shape o, Site s) {
    List<Dim> dims = s.node.input(0).type().dims();
    int r = dims.size();
    List<SymInt> out = new ArrayList<>();
    for (long i = LayoutShapes.clampAxis(o.start(), r); i < LayoutShapes.clampAxis(o.end(), r); i++) {
      out.add(SymInt.ofDim(dims.get((int) i)));
    }
    return out;
  }

  public List<SymInt> visit(Op.Gather o, Site s) {
    return gather(o, s.get(0), s.get(1), s.node.input(0).type());
  }

  public List<SymInt> visit(Op.Cast o, Site s) { return s.first(); }

  public List<SymInt> visit(Op.Reduce o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Resize o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Elu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Celu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Selu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ThresholdedRelu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.IsNaN o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.IsInf o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Compare o, Site s) {
    return elementwise(s.get(0), s.get(1), (x, y) -> compare(o.kind(), x, y));
  }

  public List<SymInt> visit(Op.Variadic o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Where o, Site s) {
    List<SymInt> cond = s.get(0);
    List<SymInt> x = s.get(1);
    List<SymInt> y = s.get(2);
    if (cond == null || x == null || y == null) {
      return null;
    }
    int n = Math.max(cond.size(), Math.max(x.size(), y.size()));
    List<SymInt> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SymInt c = broadcastAt(cond, i, n);
      SymInt a = broadcastAt(x, i, n);
      SymInt b = broadcastAt(y, i, n);
      if (c == null || a == null || b == null) {
        return null;
      }
      out.add(c.isConst() ? (c.value() != 0 ? a : b) : a.equals(b) ? a : SymInt.UNKNOWN);
    }
    return out;
  }

  public List<SymInt> visit(Op.ArgReduce o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Hardmax o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.InstanceNormalization o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Lrn o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Expand o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Tile o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ConstantOfShape o, Site s) {
    List<SymInt> value = s.get(1);
    long n = Dims.staticCount(s.node.output().type().dims());
    if (value == null || value.size() != 1 || n < 0 || n > ShapeValues.MAX_ELEMENTS) {
      return null;
    }
    List<SymInt> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(value.get(0));
    }
    return out;
  }

  public List<SymInt> visit(Op.Range o, Site s) {
    long[] v = new long[3];
    for (int i = 0; i < 3; i++) {
      List<SymInt> x = s.get(i);
      if (x == null || x.size() != 1 || !x.get(0).isConst()) {
        return null;
      }
      v[i] = x.get(0).value();
    }
    if (v[2] == 0) {
      return null;
    }
    long n = IndexShapes.rangeLength(v[0], v[1], v[2]);
    if (n > ShapeValues.MAX_ELEMENTS) {
      return null;
    }
    List<SymInt> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(SymInt.of(v[0] + i * v[2]));
    }
    return out;
  }

  public List<SymInt> visit(Op.Size o, Site s) {
    long n = Dims.staticCount(s.node.input(0).type().dims());
    return n < 0 ? null : List.of(SymInt.of(n));
  }

  public List<SymInt> visit(Op.GatherElements o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.CumSum o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Trilu o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.DepthToSpace o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.SpaceToDepth o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ResizeInterp o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.NllLoss o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Shrink o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.EyeLike o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.TopK o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.OneHot o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.GatherND o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ScatterElements o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ScatterND o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.QuantizeLinear o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.DequantizeLinear o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.DynamicQuantizeLinear o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Window o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.MeanVarianceNormalization o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Recurrent o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.MatMulInteger o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.ReverseSequence o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.GridSample o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.NonZero o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Compress o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.MaxUnpool o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.NonMaxSuppression o, Site s) { return untracked(); }

  public List<SymInt> visit(Op.Unique o, Site s) { return untracked(); }

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

  /** Element {@code i} of {@code v} broadcast to {@code n} elements, or null if it does not broadcast. */
  private static SymInt broadcastAt(List<SymInt> v, int i, int n) {
    return v.size() == 1 ? v.get(0) : v.size() == n ? v.get(i) : null;
  }

  /**
   * A comparison as 1 or 0 when the order of {@code x} and {@code y} is known: both constant, the
   * same symbol, or a symbol (a dimension, so at least 0) against a negative constant, as in
   * torch's {@code expand(n, -1, -1)}, exported as Where(Equal(shape, -1), 1, shape).
   */
  private static SymInt compare(Op.CompareOp kind, SymInt x, SymInt y) {
    Integer order = null;
    if (x.isConst() && y.isConst()) {
      order = Long.compare(x.value(), y.value());
    } else if (x.isSym() && x.equals(y)) {
      order = 0;
    } else if (x.isSym() && y.isConst() && y.value() < 0) {
      order = 1;
    } else if (y.isSym() && x.isConst() && x.value() < 0) {
      order = -1;
    }
    if (order == null) {
      return SymInt.UNKNOWN;
    }
    boolean r = switch (kind) {
      case EQUAL -> order == 0;
      case GREATER -> order > 0;
      case LESS -> order < 0;
      case GREATER_OR_EQUAL -> order >= 0;
      case LESS_OR_EQUAL -> order <= 0;
    };
    return SymInt.of(r ? 1 : 0);
  }

  private static List<SymInt> binary(Op.BinaryOp kind, List<SymInt> a, List<SymInt> b) {
    return elementwise(a, b, (x, y) -> apply(kind, x, y));
  }

  /** {@code f} of the elements of {@code a} and {@code b} broadcast (one element, or equal lengths), or null. */
  private static List<SymInt> elementwise(List<SymInt> a, List<SymInt> b, BinaryOperator<SymInt> f) {
    if (a == null || b == null || (a.size() != b.size() && a.size() != 1 && b.size() != 1)) {
      return null;
    }
    int n = Math.max(a.size(), b.size());
    List<SymInt> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(f.apply(a.get(a.size() == 1 ? 0 : i), b.get(b.size() == 1 ? 0 : i)));
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
}
