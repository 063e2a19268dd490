package ancc.runtime.sim;

/**
 * The MVM hot loop: out[v][c] = sum_r in[v * inStride + inOffset + r] * w[r][c] over a block of
 * vectors, in float32, for a [rows, cols] row-major weight block (one array's cells, at most a few
 * hundred KiB, which stays in cache across the vectors).
 *
 * <p>HotSpot vectorizes loops over contiguous arrays but not floating-point reductions (it may not
 * reorder the sum), so the kernels keep a non-reduction loop innermost over contiguous memory:
 * <ul>
 *   <li>{@link #multiply}, {@code cols >= }{@value #NARROW}: vector, row, column; each input scales
 *       one contiguous weight row into the vector's contiguous output row (an axpy), four vectors
 *       and two rows at a time, so each weight load feeds four multiply-adds and each partial sum
 *       is loaded and stored once per two rows (the two rows are still added in order);
 *   <li>{@link #multiply}, fewer columns: the vector-major kernel {@link #narrow};
 *   <li>{@link #multiplySparse}: one vector at a time, skipping zero inputs (bit planes).
 * </ul>
 * Each output element is summed over r in increasing order, and the kernel is chosen by shape
 * alone, so results do not depend on how vectors are split into blocks or on run order.
 */
final class MatMul {
  /** Below this many columns the vector-major kernel ({@link #narrow}) is used. */
  static final int NARROW = 32;
  /** Vectors per transposed block of the narrow kernel. */
  private static final int VB = 64;

  private MatMul() {}

  /**
   * The same product for few columns (conv layers with few output channels), where a column loop
   * is too short to vectorize: a block of {@value #VB} vectors is transposed to [rows][VB] so the
   * innermost loop runs over the block's vectors (contiguous), out^T[c][v] += w[r][c] * x^T[r][v],
   * then transposed back. Four rows per pass over the block, added in order, so each partial sum
   * is loaded and stored once per four rows. Sums over r in increasing order, as the wide kernel.
   */
  private static void narrow(float[] in, int inStride, int inOffset, int v0, int v1, float[][] w, int rows, int cols,
      float[] out) {
    float[][] xt = new float[rows][VB];
    float[][] ot = new float[cols][VB];
    for (int b0 = v0; b0 < v1; b0 += VB) {
      int nb = Math.min(VB, v1 - b0);
      for (int v = 0; v < nb; v++) {
        int base = (b0 + v) * inStride + inOffset;
        for (int r = 0; r < rows; r++) {
          xt[r][v] = in[base + r];
        }
      }
      for (float[] o : ot) {
        java.util.Arrays.fill(o, 0f);
      }
      int r = 0;
      for (; r + 4 <= rows; r += 4) {
        float[] x0 = xt[r];
        float[] x1 = xt[r + 1];
        float[] x2 = xt[r + 2];
        float[] x3 = xt[r + 3];
        float[] w0 = w[r];
        float[] w1 = w[r + 1];
        float[] w2 = w[r + 2];
        float[] w3 = w[r + 3];
        for (int c = 0; c < cols; c++) {
          float a = w0[c];
          float b = w1[c];
          float e = w2[c];
          float f = w3[c];
          float[] o = ot[c];
          for (int v = 0; v < VB; v++) {
            float t = o[v];
            t += a * x0[v];
            t += b * x1[v];
            t += e * x2[v];
            t += f * x3[v];
            o[v] = t;
          }
        }
      }
      for (; r < rows; r++) {
        float[] x = xt[r];
        float[] wr = w[r];
        for (int c = 0; c < cols; c++) {
          float wv = wr[c];
          float[] o = ot[c];
          for (int v = 0; v < VB; v++) {
            o[v] += wv * x[v];
          }
        }
      }
      for (int v = 0; v < nb; v++) {
        int o = (b0 - v0 + v) * cols;
        for (int c = 0; c < cols; c++) {
          out[o + c] = ot[c][v];
        }
      }
    }
  }

  /**
   * Computes vectors {@code v0 .. v1-1}: out[(v - v0) * cols + c] = sum_r in[v * inStride +
   * inOffset + r] * w[r][c]. out is overwritten. The weights come as one array per row and the
   * four vectors of a pass accumulate in rows of their own, so that every array of the innermost
   * loop is indexed from 0 (the JIT vectorizes such loops; loads and stores at differing offsets
   * into one array it does not).
   */
  static void multiply(float[] in, int inStride, int inOffset, int v0, int v1, float[][] w, int rows, int cols,
      float[] out) {
    if (cols < NARROW) {
      narrow(in, inStride, inOffset, v0, v1, w, rows, cols, out);
      return;
    }
    float[] s0 = new float[cols];
    float[] s1 = new float[cols];
    float[] s2 = new float[cols];
    float[] s3 = new float[cols];
    int v = v0;
    for (; v + 4 <= v1; v += 4) {
      java.util.Arrays.fill(s0, 0f);
      java.util.Arrays.fill(s1, 0f);
      java.util.Arrays.fill(s2, 0f);
      java.util.Arrays.fill(s3, 0f);
      int b0 = v * inStride + inOffset;
      int b1 = b0 + inStride;
      int b2 = b1 + inStride;
      int b3 = b2 + inStride;
      int r = 0;
      for (; r + 2 <= rows; r += 2) {
        float a0 = in[b0 + r];
        float a1 = in[b1 + r];
        float a2 = in[b2 + r];
        float a3 = in[b3 + r];
        float c0 = in[b0 + r + 1];
        float c1 = in[b1 + r + 1];
        float c2 = in[b2 + r + 1];
        float c3 = in[b3 + r + 1];
        if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f && c0 == 0f && c1 == 0f && c2 == 0f && c3 == 0f) {
          continue;
        }
        float[] wr = w[r];
        float[] wq = w[r + 1];
        for (int c = 0; c < cols; c++) {
          float x = wr[c];
          float y = wq[c];
          float t0 = s0[c];
          float t1 = s1[c];
          float t2 = s2[c];
          float t3 = s3[c];
          t0 += a0 * x;
          t1 += a1 * x;
          t2 += a2 * x;
          t3 += a3 * x;
          t0 += c0 * y;
          t1 += c1 * y;
          t2 += c2 * y;
          t3 += c3 * y;
          s0[c] = t0;
          s1[c] = t1;
          s2[c] = t2;
          s3[c] = t3;
        }
      }
      for (; r < rows; r++) {
        float a0 = in[b0 + r];
        float a1 = in[b1 + r];
        float a2 = in[b2 + r];
        float a3 = in[b3 + r];
        if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
          continue;
        }
        float[] wr = w[r];
        for (int c = 0; c < cols; c++) {
          float wv = wr[c];
          s0[c] += a0 * wv;
          s1[c] += a1 * wv;
          s2[c] += a2 * wv;
          s3[c] += a3 * wv;
        }
      }
      int o0 = (v - v0) * cols;
      System.arraycopy(s0, 0, out, o0, cols);
      System.arraycopy(s1, 0, out, o0 + cols, cols);
      System.arraycopy(s2, 0, out, o0 + 2 * cols, cols);
      System.arraycopy(s3, 0, out, o0 + 3 * cols, cols);
    }
    for (; v < v1; v++) {
      java.util.Arrays.fill(s0, 0f);
      int base = v * inStride + inOffset;
      for (int r = 0; r < rows; r++) {
        float a = in[base + r];
        if (a == 0f) {
          continue;
        }
        float[] wr = w[r];
        for (int c = 0; c < cols; c++) {
          s0[c] += a * wr[c];
        }
      }
      System.arraycopy(s0, 0, out, (v - v0) * cols, cols);
    }
  }

  /** The rows of a [rows, cols] row-major block as arrays of their own (the layout {@link #multiply} takes). */
  static float[][] rows(float[] w, int rows, int cols) {
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = java.util.Arrays.copyOfRange(w, r * cols, (r + 1) * cols);
    }
    return out;
  }

  /**
   * The product one vector at a time, skipping zero inputs: for sparse drives (bit planes, whose
   * inputs are mostly 0 or +-1), where the dense kernels would multiply mostly by zero.
   */
  static void multiplySparse(float[] in, int inStride, int inOffset, int v0, int v1, float[] w, int rows, int cols,
      float[] out) {
    java.util.Arrays.fill(out, 0, (v1 - v0) * cols, 0f);
    for (int v = v0; v < v1; v++) {
      addVector(in, v * inStride + inOffset, w, rows, cols, out, (v - v0) * cols);
    }
  }

  /** out[o + c] += sum_r in[base + r] * w[r * cols + c], skipping zero inputs. */
  private static void addVector(float[] in, int base, float[] w, int rows, int cols, float[] out, int o) {
    for (int r = 0; r < rows; r++) {
      float a = in[base + r];
      if (a == 0f) {
        continue;
      }
      int wr = r * cols;
      for (int c = 0; c < cols; c++) {
        out[o + c] += a * w[wr + c];
      }
    }
  }
}
