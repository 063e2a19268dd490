package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.Arrays;

/** Exact integer matmul with zero points, and reverse_sequence. */
final class IntegerKernels {
  private IntegerKernels() {}

  static Tensor matmulInteger(Tensor a, Tensor b, Tensor azp, Tensor bzp) {
    if (a.isFloating() || b.isFloating()) {
      throw Args.bad("matmul_integer operands must be integers");
    }
    long[] sa = a.rank() == 1 ? new long[] {1, a.dim(0)} : a.shape();
    long[] sb = b.rank() == 1 ? new long[] {b.dim(0), 1} : b.shape();
    int m = (int) sa[sa.length - 2];
    int k = (int) sa[sa.length - 1];
    int n = (int) sb[sb.length - 1];
    if (sb[sb.length - 2] != k) {
      throw Args.bad("matmul_integer inner dimensions differ: " + Args.shape(a.shape()) + " x " + Args.shape(b.shape()));
    }
    long[] az = zeroPoints(azp, m, "a");
    long[] bz = zeroPoints(bzp, n, "b");
    long[] batchA = Arrays.copyOf(sa, sa.length - 2);
    long[] batchB = Arrays.copyOf(sb, sb.length - 2);
    long[] batch = Broadcast.shape(batchA, batchB);
    int[] mapA = Broadcast.indexMap(batchA, batch);
    int[] mapB = Broadcast.indexMap(batchB, batch);
    long[] x = a.longs();
    long[] w = b.longs();
    long[] y = new long[mapA.length * m * n];
    for (int bi = 0; bi < mapA.length; bi++) {
      int oa = mapA[bi] * m * k;
      int ob = mapB[bi] * k * n;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          long s = 0;
          for (int t = 0; t < k; t++) {
            s += (x[oa + i * k + t] - az[az.length == 1 ? 0 : i]) * (w[ob + t * n + j] - bz[bz.length == 1 ? 0 : j]);
          }
          y[(bi * m + i) * n + j] = Args.wrap(s, DType.I32);
        }
      }
    }
    long[] out = Arrays.copyOf(batch, batch.length + (a.rank() == 1 ? 0 : 1) + (b.rank() == 1 ? 0 : 1));
    int r = batch.length;
    if (a.rank() != 1) {
      out[r++] = m;
    }
    if (b.rank() != 1) {
      out[r] = n;
    }
    return Tensor.ofLongs(DType.I32, out, y);
  }

  private static long[] zeroPoints(Tensor zp, int count, String which) {
    if (zp == null) {
      return new long[] {0};
    }
    if (zp.size() != 1 && zp.size() != count) {
      throw Args.bad("matmul_integer " + which + "_zero_point has " + zp.size() + " values, expected 1 or " + count);
    }
    return Args.longs(zp.reshape(new long[] {zp.size()}), which + "_zero_point");
  }

  static Tensor reverseSequence(Tensor x, Tensor lens, long batchAxis, long timeAxis) {
    long[] shape = x.shape();
    int b = Args.axis(batchAxis, shape.length, "reverse_sequence batch_axis");
    int t = Args.axis(timeAxis, shape.length, "reverse_sequence time_axis");
    if (lens.size() != shape[b]) {
      throw Args.bad("reverse_sequence sequence_lens has " + lens.size() + " values for batch size " + shape[b]);
    }
    int[] src = new int[x.size()];
    int[] st = Args.strides(shape);
    int[] idx = new int[shape.length];
    for (int i = 0; i < src.length; i++) {
      IndexKernels.coords(i, shape, idx);
      long len = lens.getLong(idx[b]);
      if (len < 0 || len > shape[t]) {
        throw Args.bad("reverse_sequence length " + len + " is out of range for " + shape[t] + " steps");
      }
      int off = i;
      if (idx[t] < len) {
        off += (int) ((len - 1 - idx[t]) - idx[t]) * st[t];
      }
      src[i] = off;
    }
    return IndexKernels.take(x, shape, src);
  }
}
