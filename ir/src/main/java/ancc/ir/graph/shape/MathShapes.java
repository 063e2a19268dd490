package ancc.ir.graph.shape;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Output types of arithmetic, matrix products, normalization, reductions and resize. */
public final class MathShapes {
  private MathShapes() {}

  /** numpy-broadcasting binary op; operands must share an element type unless {@code mixedTypes}. */
  public static TensorType binary(ShapeContext c, boolean mixedTypes) {
    TensorType a = c.in(0);
    TensorType b = c.in(1);
    if (!mixedTypes && a.dtype() != b.dtype()) {
      throw c.fail("operand element types " + a.dtype().text() + " and " + b.dtype().text() + " differ");
    }
    return new TensorType(a.dtype(), broadcast(c, a, b));
  }

  static List<Dim> broadcast(ShapeContext c, TensorType a, TensorType b) {
    int[] bad = new int[1];
    List<Dim> out = Dims.broadcast(a.dims(), b.dims(), bad);
    if (out == null) {
      throw c.fail("shapes " + Dims.text(a.dims()) + " and " + Dims.text(b.dims())
          + " do not broadcast (axis " + bad[0] + ")");
    }
    return out;
  }

  /** Y has X's type; {@code other} must broadcast to X without changing it (PRelu slope, Gemm C). */
  static void unidirectional(ShapeContext c, List<Dim> target, TensorType other, String what) {
    int[] bad = new int[1];
    List<Dim> out = Dims.broadcast(target, other.dims(), bad);
    if (out == null || out.size() != target.size()) {
      throw c.fail(what + " " + Dims.text(other.dims()) + " does not broadcast to " + Dims.text(target));
    }
    for (int i = 0; i < out.size(); i++) {
      Dim t = target.get(i);
      if (t.isFixed() && out.get(i).isFixed() && t.size() != out.get(i).size()) {
        throw c.fail(what + " " + Dims.text(other.dims()) + " does not broadcast to " + Dims.text(target));
      }
    }
  }

  public static TensorType prelu(ShapeContext c) {
    TensorType x = c.in(0);
    unidirectional(c, x.dims(), c.in(1), "slope");
    return x;
  }

  public static TensorType clip(ShapeContext c) {
    TensorType x = c.in(0);
    for (int i = 1; i <= 2; i++) {
      if (c.has(i)) {
        long n = Dims.staticCount(c.in(i).dims());
        if (n != 1) {
          throw c.fail((i == 1 ? "min " : "max ") + c.in(i) + " must be a scalar");
        }
      }
    }
    return x;
  }

  public static TensorType gemm(ShapeContext c, Op.Gemm op) {
    TensorType a = c.in(0);
    TensorType b = c.in(1);
    c.requireRank(0, 2, "A");
    c.requireRank(1, 2, "B");
    Dim m = op.transA() ? a.dim(1) : a.dim(0);
    Dim ka = op.transA() ? a.dim(0) : a.dim(1);
    Dim kb = op.transB() ? b.dim(1) : b.dim(0);
    Dim n = op.transB() ? b.dim(0) : b.dim(1);
    c.requireSame(ka, kb, "inner dimensions " + ka + " (A) and " + kb + " (B) differ");
    List<Dim> out = List.of(m, n);
    if (c.has(2)) {
      unidirectional(c, out, c.in(2), "C");
    }
    return new TensorType(a.dtype(), out);
  }

  public static TensorType matmul(ShapeContext c) {
    TensorType a = c.in(0);
    TensorType b = c.in(1);
    if (a.rank() == 0 || b.rank() == 0) {
      throw c.fail("operands " + a + " and " + b + " must have rank 1 or more");
    }
    List<Dim> ad = new ArrayList<>(a.dims());
    List<Dim> bd = new ArrayList<>(b.dims());
    boolean aVec = ad.size() == 1;
    boolean bVec = bd.size() == 1;
    if (aVec) {
      ad.add(0, Dim.of(1));
    }
    if (bVec) {
      bd.add(Dim.of(1));
    }
    Dim ka = ad.get(ad.size() - 1);
    Dim kb = bd.get(bd.size() - 2);
    c.requireSame(ka, kb, "inner dimensions " + ka + " (A " + a + ") and " + kb + " (B " + b + ") differ");
    List<Dim> batchA = ad.subList(0, ad.size() - 2);
    List<Dim> batchB = bd.subList(0, bd.size() - 2);
    List<Dim> out = Dims.broadcast(batchA, batchB, null);
    if (out == null) {
      throw c.fail("batch dims " + Dims.text(batchA) + " and " + Dims.text(batchB) + " do not broadcast");
    }
    out = new ArrayList<>(out);
    if (!aVec) {
      out.add(ad.get(ad.size() - 2));
    }
    if (!bVec) {
      out.add(bd.get(bd.size() - 1));
    }
    return new TensorType(a.dtype(), out);
  }

  public static TensorType linear(ShapeContext c) {
    TensorType x = c.in(0);
    if (x.rank() < 1) {
      throw c.fail("input " + x + " must have rank 1 or more");
    }
    c.requireRank(1, 2, "weight");
    TensorType w = c.in(1);
    Dim k = x.dim(x.rank() - 1);
    c.requireSame(k, w.dim(1), "input features " + k + " do not match weight columns " + w.dim(1));
    if (c.has(2)) {
      c.requireRank(2, 1, "bias");
      c.requireSame(c.in(2).dim(0), w.dim(0), "bias length " + c.in(2).dim(0) + " does not match weight rows " + w.dim(0));
    }
    List<Dim> out = new ArrayList<>(x.dims().subList(0, x.rank() - 1));
    out.add(w.dim(0));
    return new TensorType(x.dtype(), out);
  }

  public static TensorType batchNorm(ShapeContext c) {
    TensorType x = c.in(0);
    if (x.rank() < 2) {
      throw c.fail("input " + x + " must have rank 2 or more ([N, C, ...])");
    }
    String[] names = {"scale", "B", "mean", "var"};
    for (int i = 1; i <= 4; i++) {
      TensorType p = c.in(i);
      if (p.rank() != 1) {
        throw c.fail(names[i - 1] + " " + p + " must be 1-D");
      }
      c.requireSame(p.dim(0), x.dim(1), names[i - 1] + " length " + p.dim(0) + " does not match channels " + x.dim(1));
    }
    return x;
  }

  public static TensorType layerNorm(ShapeContext c, Op.LayerNormalization op) {
    TensorType x = c.in(0);
    int axis = c.axis(op.axis(), x.rank(), false, "axis");
    List<Dim> normalized = x.dims().subList(axis, x.rank());
    unidirectional(c, normalized, c.in(1), "scale");
    if (c.has(2)) {
      unidirectional(c, normalized, c.in(2), "B");
    }
    return x;
  }

  public static TensorType softmaxAxis(ShapeContext c, long axis) {
    TensorType x = c.in(0);
    if (x.rank() > 0) {
      c.axis(axis, x.rank(), false, "axis");
    }
    return x;
  }

  public static TensorType reduce(ShapeContext c, Op.Reduce op) {
    TensorType x = c.in(0);
    int r = x.rank();
    long[] axes = c.has(1) ? c.constLongs(1) : new long[0];
    if (axes == null) {
      if (op.keepdims()) {
        return new TensorType(x.dtype(), Dims.unknown(r));
      }
      int n = LayoutShapes.axesLength(c);
      if (n == 0 && op.noopWithEmptyAxes()) {
        return x;
      }
      return new TensorType(x.dtype(), Dims.unknown(n == 0 ? 0 : r - n));
    }
    if (axes.length == 0 && op.noopWithEmptyAxes()) {
      return x;
    }
    boolean[] reduced = new boolean[r];
    if (axes.length == 0) {
      java.util.Arrays.fill(reduced, true);
    }
    for (long a : axes) {
      int ax = c.axis(a, r, false, "reduce axis");
      if (reduced[ax] && axes.length > 0) {
        throw c.fail("reduce axis " + a + " is repeated");
      }
      reduced[ax] = true;
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      if (!reduced[i]) {
        out.add(x.dim(i));
      } else if (op.keepdims()) {
        out.add(Dim.of(1));
      }
    }
    return new TensorType(x.dtype(), out);
  }

  public static TensorType resize(ShapeContext c) {
    TensorType x = c.in(0);
    int r = x.rank();
    Tensor scales = c.has(2) ? c.constant(2) : null;
    boolean scalesGiven = c.has(2) && !(scales != null && scales.size() == 0);
    boolean sizesGiven = c.has(3);
    if (scalesGiven == sizesGiven) {
      if (sizesGiven) {
        throw c.fail("give either scales or sizes, not both");
      }
      throw c.fail("needs scales or sizes");
    }
    if (sizesGiven) {
      List<SymInt> sizes = c.symbolic(3);
      if (sizes == null) {
        return new TensorType(x.dtype(), Dims.unknown(r));
      }
      if (sizes.size() != r) {
        throw c.fail("sizes has " + sizes.size() + " values for rank " + r);
      }
      List<Dim> out = new ArrayList<>();
      for (SymInt s : sizes) {
        if (s.isConst() && s.value() < 0) {
          throw c.fail("size " + s.value() + " is negative");
        }
        out.add(s.toDim());
      }
      return new TensorType(x.dtype(), out);
    }
    if (scales == null) {
      return new TensorType(x.dtype(), Dims.unknown(r));
    }
    if (scales.size() != r) {
      throw c.fail("scales has " + scales.size() + " values for rank " + r);
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      double s = scales.getDouble(i);
      if (!(s > 0)) {
        throw c.fail("scale " + s + " must be positive");
      }
      Dim d = x.dim(i);
      if (d.isFixed()) {
        out.add(Dim.of((long) Math.floor(d.size() * s)));
      } else {
        out.add(s == 1.0 ? d : Dim.UNKNOWN);
      }
    }
    return new TensorType(x.dtype(), out);
  }

  public static TensorType cast(ShapeContext c, DType to) {
    return c.in(0).withDtype(to);
  }
}
