package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op.CompareOp;
import ancc.ir.graph.Op.VariadicOp;
import ancc.ir.graph.Tensor;
import java.util.List;

/** Broadcasting comparisons (bool results), where, and the variadic max, min, sum and mean. */
final class SelectKernels {
  private SelectKernels() {}

  static Tensor compare(CompareOp kind, Tensor a, Tensor b) {
    long[] out = Broadcast.shape(a.shape(), b.shape());
    int[] sa = Broadcast.strides(a.shape(), out);
    int[] sb = Broadcast.strides(b.shape(), out);
    long[] y = new long[Args.numel(out)];
    boolean floating = a.isFloating() || b.isFloating();
    boolean unsigned = a.dtype() == DType.U64;
    Broadcast.rows(out, sa, sb, (o, ia, da, ib, db, len) -> {
      for (int i = 0; i < len; i++) {
        int c;
        boolean nan = false;
        if (floating) {
          double p = a.getDouble(ia + i * da);
          double q = b.getDouble(ib + i * db);
          nan = p != p || q != q;
          c = Double.compare(p, q);
          if (p == q) {
            c = 0; // -0.0 == 0.0
          }
        } else {
          long p = a.longs()[ia + i * da];
          long q = b.longs()[ib + i * db];
          c = unsigned ? Long.compareUnsigned(p, q) : Long.compare(p, q);
        }
        y[o + i] = !nan && holds(kind, c) ? 1 : 0;
      }
    });
    return Tensor.ofLongs(DType.BOOL, out, y);
  }

  private static boolean holds(CompareOp kind, int c) {
    switch (kind) {
      case EQUAL: return c == 0;
      case GREATER: return c > 0;
      case LESS: return c < 0;
      case GREATER_OR_EQUAL: return c >= 0;
      case LESS_OR_EQUAL: return c <= 0;
      default: throw new IllegalStateException("unhandled comparison " + kind);
    }
  }

  /** cond ? x : y, all three broadcast. */
  static Tensor where(Tensor cond, Tensor x, Tensor y) {
    long[] xy = Broadcast.shape(x.shape(), y.shape());
    long[] out = Broadcast.shape(cond.shape(), xy);
    int[] mc = Broadcast.indexMap(cond.shape(), out);
    int[] mx = Broadcast.indexMap(x.shape(), out);
    int[] my = Broadcast.indexMap(y.shape(), out);
    long[] c = cond.longs();
    int n = mc.length;
    if (x.isFloating()) {
      float[] a = x.floats();
      float[] b = y.floats();
      float[] r = new float[n];
      for (int i = 0; i < n; i++) {
        r[i] = c[mc[i]] != 0 ? a[mx[i]] : b[my[i]];
      }
      return Tensor.ofFloats(x.dtype(), out, r);
    }
    long[] a = x.longs();
    long[] b = y.longs();
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = c[mc[i]] != 0 ? a[mx[i]] : b[my[i]];
    }
    return Tensor.ofLongs(x.dtype(), out, r);
  }

  /** Elementwise max, min (NaN propagates), sum or mean of the broadcast inputs. */
  static Tensor variadic(VariadicOp kind, List<Tensor> in) {
    long[] out = in.get(0).shape();
    for (Tensor t : in) {
      out = Broadcast.shape(out, t.shape());
    }
    int n = Args.numel(out);
    Tensor first = in.get(0);
    if (first.isFloating()) {
      double[] acc = new double[n];
      for (int k = 0; k < in.size(); k++) {
        Tensor t = in.get(k);
        int[] map = Broadcast.indexMap(t.shape(), out);
        for (int i = 0; i < n; i++) {
          double v = t.getDouble(map[i]);
          acc[i] = k == 0 ? v : combine(kind, acc[i], v);
        }
      }
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = (float) (kind == VariadicOp.MEAN ? acc[i] / in.size() : acc[i]);
      }
      return Tensor.ofFloats(first.dtype(), out, y);
    }
    long[] acc = new long[n];
    for (int k = 0; k < in.size(); k++) {
      Tensor t = in.get(k);
      int[] map = Broadcast.indexMap(t.shape(), out);
      for (int i = 0; i < n; i++) {
        long v = t.longs()[map[i]];
        acc[i] = k == 0 ? v : combineLong(kind, acc[i], v);
      }
    }
    for (int i = 0; i < n; i++) {
      acc[i] = Args.wrap(kind == VariadicOp.MEAN ? acc[i] / in.size() : acc[i], first.dtype());
    }
    return Tensor.ofLongs(first.dtype(), out, acc);
  }

  private static double combine(VariadicOp kind, double a, double v) {
    switch (kind) {
      case MAX: return a != a || v != v ? Double.NaN : Math.max(a, v);
      case MIN: return a != a || v != v ? Double.NaN : Math.min(a, v);
      case SUM:
      case MEAN: return a + v;
      default: throw new IllegalStateException("unhandled variadic op " + kind);
    }
  }

  private static long combineLong(VariadicOp kind, long a, long v) {
    switch (kind) {
      case MAX: return Math.max(a, v);
      case MIN: return Math.min(a, v);
      case SUM:
      case MEAN: return a + v;
      default: throw new IllegalStateException("unhandled variadic op " + kind);
    }
  }
}
