package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;
import java.util.ArrayList;
import java.util.List;

/**
 * Dimension arithmetic with symbolic sizes.
 *
 * <p>Broadcasting rule for one pair of dims (numpy semantics, extended to symbols): equal dims
 * (same size or same symbol) stay; a fixed 1 yields the other dim; a fixed size n != 1 against a
 * symbol or unknown yields n (at run time the symbol must be n or 1, and either way the result is
 * n); two different fixed sizes, neither 1, are an error; two different symbols, or a symbol and
 * an unknown, yield unknown (either may be 1).
 */
public final class Dims {
  private Dims() {}

  /** Broadcast of two dims, or null if they are incompatible fixed sizes. */
  public static Dim broadcast(Dim a, Dim b) {
    if (a.equals(b)) {
      return a;
    }
    if (isOne(a)) {
      return b;
    }
    if (isOne(b)) {
      return a;
    }
    if (a.isFixed() && b.isFixed()) {
      return null;
    }
    if (a.isFixed()) {
      return a;
    }
    if (b.isFixed()) {
      return b;
    }
    return Dim.UNKNOWN;
  }

  /** numpy broadcast of two shapes (right-aligned); returns null and fills nothing on a mismatch. */
  public static List<Dim> broadcast(List<Dim> a, List<Dim> b, int[] badAxis) {
    int r = Math.max(a.size(), b.size());
    List<Dim> out = new ArrayList<>(r);
    for (int i = 0; i < r; i++) {
      int ia = i - (r - a.size());
      int ib = i - (r - b.size());
      Dim da = ia >= 0 ? a.get(ia) : Dim.of(1);
      Dim db = ib >= 0 ? b.get(ib) : Dim.of(1);
      Dim d = broadcast(da, db);
      if (d == null) {
        if (badAxis != null) {
          badAxis[0] = i;
        }
        return null;
      }
      out.add(d);
    }
    return out;
  }

  public static boolean isOne(Dim d) {
    return d instanceof Dim.Fixed f && f.size() == 1;
  }

  /**
   * Product of dims: fixed when all are fixed; a single symbol times fixed 1s stays that symbol;
   * a fixed 0 anywhere gives 0; anything else is unknown.
   */
  public static Dim product(List<Dim> dims) {
    long p = 1;
    Dim nonFixed = null;
    int nonFixedCount = 0;
    for (Dim d : dims) {
      if (d.isFixed()) {
        if (d.size() == 0) {
          return Dim.of(0);
        }
        p = saturatingMul(p, d.size());
      } else {
        nonFixed = d;
        nonFixedCount++;
      }
    }
    if (nonFixedCount == 0) {
      return Dim.of(p);
    }
    if (nonFixedCount == 1 && p == 1 && nonFixed instanceof Dim.Sym) {
      return nonFixed;
    }
    return Dim.UNKNOWN;
  }

  /** a * b, saturating at Long.MAX_VALUE (both non-negative). */
  public static long saturatingMul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  /** Number of elements of a static shape, saturating; -1 if any dim is not fixed. */
  public static long staticCount(List<Dim> dims) {
    long n = 1;
    for (Dim d : dims) {
      if (!d.isFixed()) {
        return -1;
      }
      n = saturatingMul(n, d.size());
    }
    return n;
  }

  public static List<Dim> fixed(long... sizes) {
    List<Dim> out = new ArrayList<>(sizes.length);
    for (long s : sizes) {
      out.add(Dim.of(s));
    }
    return out;
  }

  public static List<Dim> unknown(int rank) {
    List<Dim> out = new ArrayList<>(rank);
    for (int i = 0; i < rank; i++) {
      out.add(Dim.UNKNOWN);
    }
    return out;
  }

  /** Text of a shape for messages, e.g. {@code [N,3,224,224]}. */
  public static String text(List<Dim> dims) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < dims.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(dims.get(i));
    }
    return sb.append(']').toString();
  }
}
