package ancc.runtime.interp;

/**
 * numpy broadcasting: the result shape of two operands, per-operand strides that are zero along
 * broadcast dimensions, and a row-wise walk over the result (the innermost dimension is handed to
 * the caller as one contiguous run, so kernels loop over plain ints).
 */
final class Broadcast {
  private Broadcast() {}

  /** The broadcast shape of a and b; throws when a dimension pair is neither equal nor 1. */
  static long[] shape(long[] a, long[] b) {
    int r = Math.max(a.length, b.length);
    long[] out = new long[r];
    for (int i = 0; i < r; i++) {
      long da = i < r - a.length ? 1 : a[i - (r - a.length)];
      long db = i < r - b.length ? 1 : b[i - (r - b.length)];
      if (da == db || db == 1) {
        out[i] = da;
      } else if (da == 1) {
        out[i] = db;
      } else {
        throw Args.bad("cannot broadcast shapes " + Args.shape(a) + " and " + Args.shape(b));
      }
    }
    return out;
  }

  /** Strides (in elements) of an operand of shape in, aligned right against out; 0 on broadcast dims. */
  static int[] strides(long[] in, long[] out) {
    int[] own = Args.strides(in);
    int[] s = new int[out.length];
    int off = out.length - in.length;
    for (int i = 0; i < in.length; i++) {
      s[i + off] = in[i] == 1 && out[i + off] != 1 ? 0 : own[i];
    }
    return s;
  }

  /** Receives one contiguous run of the result: n elements starting at out, with operand offsets. */
  interface RowFn {
    void row(int out, int a, int sa, int b, int sb, int n);
  }

  /**
   * Walks the result of shape out row by row (the last dimension is the row). sa and sb are the
   * operands' broadcast strides (see {@link #strides}). A rank-0 result is one row of length 1.
   */
  static void rows(long[] out, int[] sa, int[] sb, RowFn fn) {
    int r = out.length;
    if (r == 0) {
      fn.row(0, 0, 0, 0, 0, 1);
      return;
    }
    int total = Args.numel(out);
    if (total == 0) {
      return;
    }
    int n = (int) out[r - 1];
    int lastA = sa[r - 1];
    int lastB = sb[r - 1];
    int[] idx = new int[r - 1];
    int offA = 0;
    int offB = 0;
    for (int o = 0; o < total; o += n) {
      fn.row(o, offA, lastA, offB, lastB, n);
      for (int d = r - 2; d >= 0; d--) {
        idx[d]++;
        offA += sa[d];
        offB += sb[d];
        if (idx[d] < out[d]) {
          break;
        }
        offA -= sa[d] * idx[d];
        offB -= sb[d] * idx[d];
        idx[d] = 0;
      }
    }
  }

  /** For every element of the result of shape out, the index of the element of in it reads. */
  static int[] indexMap(long[] in, long[] out) {
    int[] s = strides(in, out);
    int[] map = new int[Args.numel(out)];
    rows(out, s, s, (o, a, sa, b, sb, n) -> {
      for (int i = 0; i < n; i++) {
        map[o + i] = a + i * sa;
      }
    });
    return map;
  }
}
