package ancc.runtime.interp;

import ancc.ir.graph.Tensor;
import java.util.Arrays;

/** Matrix products: numpy matmul, ONNX Gemm, and ancc's linear layer. Sums accumulate in double. */
final class MatMulKernels {
  private MatMulKernels() {}

  /**
   * acc[i*n + j] = sum_kk A(i,kk) * B(kk,j) for an m x k matrix A and a k x n matrix B given by
   * offsets and (row, column) strides, so transposed operands need no copy.
   */
  static void multiply(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
      int m, int k, int n, double[] acc) {
    if (bcs == 1) {
      int i0 = 0;
      for (; i0 + 4 <= m; i0 += 4) {
        multiplyRows4(a, aOff + i0 * ars, ars, acs, b, bOff, brs, k, n, acc, i0 * n);
      }
      for (int i = i0; i < m; i++) {
        int row = i * n;
        Arrays.fill(acc, row, row + n, 0.0);
        for (int kk = 0; kk < k; kk++) {
          double av = a[aOff + i * ars + kk * acs];
          int bo = bOff + kk * brs;
          for (int j = 0; j < n; j++) {
            acc[row + j] += av * b[bo + j];
          }
        }
      }
    } else if (brs == 1 && acs == 1) {
      for (int i = 0; i < m; i++) {
        int ao = aOff + i * ars;
        for (int j = 0; j < n; j++) {
          int bo = bOff + j * bcs;
          double s = 0;
          for (int kk = 0; kk < k; kk++) {
            s += (double) a[ao + kk] * b[bo + kk];
          }
          acc[i * n + j] = s;
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        int row = i * n;
        Arrays.fill(acc, row, row + n, 0.0);
        for (int kk = 0; kk < k; kk++) {
          double av = a[aOff + i * ars + kk * acs];
          int bo = bOff + kk * brs;
          for (int j = 0; j < n; j++) {
            acc[row + j] += av * b[bo + j * bcs];
          }
        }
      }
    }
  }

  /** Four rows of A at once against contiguous rows of B: each B element is loaded once per four rows. */
  private static void multiplyRows4(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int k,
      int n, double[] acc, int row) {
    int r0 = row;
    int r1 = row + n;
    int r2 = row + 2 * n;
    int r3 = row + 3 * n;
    Arrays.fill(acc, r0, r0 + 4 * n, 0.0);
    for (int kk = 0; kk < k; kk++) {
      int ak = aOff + kk * acs;
      double a0 = a[ak];
      double a1 = a[ak + ars];
      double a2 = a[ak + 2 * ars];
      double a3 = a[ak + 3 * ars];
      int bo = bOff + kk * brs;
      for (int j = 0; j < n; j++) {
        double bv = b[bo + j];
        acc[r0 + j] += a0 * bv;
        acc[r1 + j] += a1 * bv;
        acc[r2 + j] += a2 * bv;
        acc[r3 + j] += a3 * bv;
      }
    }
  }

  /** numpy matmul: batch dims broadcast; a 1-D A is [1,K] and a 1-D B is [K,1], the unit dim then dropped. */
  static Tensor matmul(Tensor ta, Tensor tb) {
    Args.floating(ta, "matmul A");
    Args.floating(tb, "matmul B");
    long[] sa = ta.shape();
    long[] sb = tb.shape();
    if (sa.length == 0 || sb.length == 0) {
      throw Args.bad("matmul operands must have rank >= 1 but got " + Args.shape(sa) + " and " + Args.shape(sb));
    }
    boolean aVec = sa.length == 1;
    boolean bVec = sb.length == 1;
    long[] a2 = aVec ? new long[] {1, sa[0]} : sa;
    long[] b2 = bVec ? new long[] {sb[0], 1} : sb;
    int m = (int) a2[a2.length - 2];
    int k = (int) a2[a2.length - 1];
    int kb = (int) b2[b2.length - 2];
    int n = (int) b2[b2.length - 1];
    if (k != kb) {
      throw Args.bad("matmul inner dimensions differ: " + Args.shape(sa) + " x " + Args.shape(sb));
    }
    long[] batchA = Arrays.copyOf(a2, a2.length - 2);
    long[] batchB = Arrays.copyOf(b2, b2.length - 2);
    long[] batch = Broadcast.shape(batchA, batchB);
    int[] mapA = Broadcast.indexMap(batchA, batch);
    int[] mapB = Broadcast.indexMap(batchB, batch);
    int nb = mapA.length;
    float[] a = ta.floats();
    float[] b = tb.floats();
    float[] y = new float[Args.numel(new long[] {nb, m, n})];
    double[] acc = new double[m * n];
    for (int bi = 0; bi < nb; bi++) {
      multiply(a, mapA[bi] * m * k, k, 1, b, mapB[bi] * k * n, n, 1, m, k, n, acc);
      int base = bi * m * n;
      for (int i = 0; i < m * n; i++) {
        y[base + i] = (float) acc[i];
      }
    }
    int r = batch.length;
    long[] out;
    if (aVec && bVec) {
      out = batch;
    } else if (aVec) {
      out = Arrays.copyOf(batch, r + 1);
      out[r] = n;
    } else if (bVec) {
      out = Arrays.copyOf(batch, r + 1);
      out[r] = m;
    } else {
      out = Arrays.copyOf(batch, r + 2);
      out[r] = m;
      out[r + 1] = n;
    }
    return Args.floats(ta.dtype(), out, y);
  }

  /** Y = alpha * op(A) * op(B) + beta * C, with C broadcast to [M,N]. */
  static Tensor gemm(Tensor ta, Tensor tb, Tensor tc, float alpha, float beta, boolean transA, boolean transB) {
    Args.floating(ta, "gemm A");
    Args.floating(tb, "gemm B");
    if (ta.rank() != 2 || tb.rank() != 2) {
      throw Args.bad("gemm operands must be 2-D but got " + Args.shape(ta.shape()) + " and " + Args.shape(tb.shape()));
    }
    int m = (int) (transA ? ta.dim(1) : ta.dim(0));
    int k = (int) (transA ? ta.dim(0) : ta.dim(1));
    int kb = (int) (transB ? tb.dim(1) : tb.dim(0));
    int n = (int) (transB ? tb.dim(0) : tb.dim(1));
    if (k != kb) {
      throw Args.bad("gemm inner dimensions differ: " + Args.shape(ta.shape()) + (transA ? "^T" : "") + " x "
          + Args.shape(tb.shape()) + (transB ? "^T" : ""));
    }
    int lda = (int) ta.dim(1);
    int ldb = (int) tb.dim(1);
    double[] acc = new double[Args.numel(new long[] {m, n})];
    multiply(ta.floats(), 0, transA ? 1 : lda, transA ? lda : 1,
        tb.floats(), 0, transB ? 1 : ldb, transB ? ldb : 1, m, k, n, acc);
    long[] out = {m, n};
    float[] y = new float[acc.length];
    if (tc != null && beta != 0f) {
      Args.floating(tc, "gemm C");
      long[] bs = Broadcast.shape(tc.shape(), out);
      if (!Arrays.equals(bs, out)) {
        throw Args.bad("gemm C of shape " + Args.shape(tc.shape()) + " does not broadcast to " + Args.shape(out));
      }
      int[] map = Broadcast.indexMap(tc.shape(), out);
      float[] c = tc.floats();
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) (alpha * acc[i] + (double) beta * c[map[i]]);
      }
    } else {
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) (alpha * acc[i]);
      }
    }
    return Args.floats(ta.dtype(), out, y);
  }

  /** Y[..., n] = sum_k X[..., k] * W[n, k] + B[n]. */
  static Tensor linear(Tensor tx, Tensor tw, Tensor tbias) {
    Args.floating(tx, "linear X");
    Args.floating(tw, "linear W");
    long[] sx = tx.shape();
    if (sx.length == 0 || tw.rank() != 2 || tw.dim(1) != sx[sx.length - 1]) {
      throw Args.bad("linear X " + Args.shape(sx) + " does not match W " + Args.shape(tw.shape()) + " ([N,K])");
    }
    int k = (int) tw.dim(1);
    int n = (int) tw.dim(0);
    int rows = k == 0 ? Args.numel(Arrays.copyOf(sx, sx.length - 1)) : tx.size() / k;
    float[] bias = null;
    if (tbias != null) {
      Args.floating(tbias, "linear B");
      if (tbias.size() != n) {
        throw Args.bad("linear B has shape " + Args.shape(tbias.shape()) + " but W has " + n + " rows");
      }
      bias = tbias.floats();
    }
    double[] acc = new double[Args.numel(new long[] {rows, n})];
    multiply(tx.floats(), 0, k, 1, tw.floats(), 0, 1, k, rows, k, n, acc);
    float[] y = new float[acc.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        double v = acc[r * n + j];
        y[r * n + j] = (float) (bias == null ? v : v + bias[j]);
      }
    }
    long[] out = sx.clone();
    out[out.length - 1] = n;
    return Args.floats(tx.dtype(), out, y);
  }
}
