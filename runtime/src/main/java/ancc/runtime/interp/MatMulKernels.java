package ancc.runtime.interp;

import ancc.ir.graph.Tensor;
import java.util.Arrays;

/**
 * Matrix products: numpy matmul, ONNX Gemm, and ancc's linear layer, all through {@link PackedGemm}
 * (sums accumulate in double, over k in order).
 */
final class MatMulKernels {
  private MatMulKernels() {}

  /**
   * acc[i*n + j] = sum_kk A(i,kk) * B(kk,j) for an m x k matrix A and a k x n matrix B given by
   * offsets and (row, column) strides, so transposed operands need no copy (through
   * {@link PackedGemm}: each sum in double over kk in order).
   */
  static void multiply(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
      int m, int k, int n, double[] acc) {
    PackedGemm.run(1, m, k, n, new PackedGemm.Matrix(a, p -> aOff, ars, acs), PackedGemm.strided(b, p -> bOff, brs, bcs),
        (p, i, j0, nb, row) -> System.arraycopy(row, 0, acc, i * n + j0, nb));
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
    PackedGemm.run(nb, m, k, n, new PackedGemm.Matrix(a, bi -> mapA[bi] * m * k, k, 1),
        PackedGemm.strided(b, bi -> mapB[bi] * k * n, n, 1), (bi, i, j0, cols, row) -> {
          int o = (bi * m + i) * n + j0;
          for (int j = 0; j < cols; j++) {
            y[o + j] = (float) row[j];
          }
        });
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
    long[] out = {m, n};
    float[] y = new float[Args.numel(out)];
    int[] map;
    float[] c;
    if (tc != null && beta != 0f) {
      Args.floating(tc, "gemm C");
      long[] bs = Broadcast.shape(tc.shape(), out);
      if (!Arrays.equals(bs, out)) {
        throw Args.bad("gemm C of shape " + Args.shape(tc.shape()) + " does not broadcast to " + Args.shape(out));
      }
      map = Broadcast.indexMap(tc.shape(), out);
      c = tc.floats();
    } else {
      map = null;
      c = null;
    }
    PackedGemm.run(1, m, k, n, new PackedGemm.Matrix(ta.floats(), p -> 0, transA ? 1 : lda, transA ? lda : 1),
        PackedGemm.strided(tb.floats(), p -> 0, transB ? 1 : ldb, transB ? ldb : 1), (p, i, j0, cols, row) -> {
          int o = i * n + j0;
          for (int j = 0; j < cols; j++) {
            y[o + j] = map == null ? (float) (alpha * row[j]) : (float) (alpha * row[j] + (double) beta * c[map[o + j]]);
          }
        });
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
    float[] y = new float[Args.numel(new long[] {rows, n})];
    float[] bv = bias;
    PackedGemm.run(1, rows, k, n, new PackedGemm.Matrix(tx.floats(), p -> 0, k, 1),
        PackedGemm.strided(tw.floats(), p -> 0, 1, k), (p, r, j0, cols, row) -> {
          int o = r * n + j0;
          for (int j = 0; j < cols; j++) {
            y[o + j] = (float) (bv == null ? row[j] : row[j] + bv[j0 + j]);
          }
        });
    long[] out = sx.clone();
    out[out.length - 1] = n;
    return Args.floats(tx.dtype(), out, y);
  }
}
