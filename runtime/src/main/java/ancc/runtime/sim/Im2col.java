package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Instr;

/**
 * The im2col instruction: src [N, C, spatial...] -> [N * Q, C * prod(kernel)], rows in (n,
 * output position) order, columns in (c, kernel offset) order, zero outside the input. A table
 * from (output position, kernel offset) to the input's spatial offset (or -1 in the padding) is
 * built once and applied to every (n, c) plane; along the last spatial axis most rows are the
 * previous row slid over ({@link Rows}).
 */
final class Im2col {
  private Im2col() {}

  static Tensor apply(Instr.Im2col in, Tensor src, String where) {
    int sr = in.kernelShape().size();
    if (src.rank() != sr + 2) {
      throw new InvalidInputException(where + ": source has shape " + java.util.Arrays.toString(src.shape())
          + " but the kernel has " + sr + " spatial axes");
    }
    int n = (int) src.dim(0);
    int c = (int) src.dim(1);
    int[] size = new int[sr];
    int[] k = new int[sr];
    int[] out = new int[sr];
    int spatial = 1;
    int kk = 1;
    int q = 1;
    for (int i = 0; i < sr; i++) {
      size[i] = (int) src.dim(2 + i);
      k[i] = in.kernelShape().get(i).intValue();
      long dil = in.dilations().get(i);
      long span = dil * (k[i] - 1) + 1;
      long padded = size[i] + in.pads().get(i) + in.pads().get(sr + i);
      if (padded < span) {
        throw new InvalidInputException(where + ": kernel extent " + span + " exceeds padded input size " + padded
            + " on spatial axis " + i);
      }
      out[i] = (int) ((padded - span) / in.strides().get(i) + 1);
      spatial *= size[i];
      kk *= k[i];
      q *= out[i];
    }
    int[] table = table(in, sr, size, k, out, q, kk);
    float[] s = floats(src);
    int cols = c * kk;
    float[] d = new float[Math.multiplyExact(Math.multiplyExact(n, q), cols)];
    Rows rows = sr == 0 ? new Rows(table, c, q, kk, spatial, 1, 0, 1)
        : new Rows(table, c, q, kk, spatial, out[sr - 1], slide(in, sr, k[sr - 1]), k[sr - 1]);
    Blocks.range(n, Math.max(1, Arith.GRAIN / Math.max(1, q * cols)), (from, to) -> rows.copy(s, d, from, to));
    return Tensor.ofFloats(new long[] {(long) n * q, cols}, d);
  }

  /**
   * How far a row slides along the last spatial axis, or 0 when it does not: output x + 1 at
   * kernel offset kx reads the input that output x reads at kx + stride / dilation (used when
   * the stride is a multiple of the dilation and that shift is at most a third of the kernel's
   * taps along the axis).
   */
  private static int slide(Instr.Im2col in, int sr, int kw) {
    long st = in.strides().get(sr - 1);
    long dil = in.dilations().get(sr - 1);
    if (st <= 0 || dil <= 0 || st % dil != 0) {
      return 0;
    }
    // sliding pays off when at most a third of the taps need the table
    return 3 * (st / dil) <= kw ? (int) (st / dil) : 0;
  }

  /**
   * Writes im2col rows. The first row of each output line (and every row when rows do not slide)
   * comes from the table; a later row is the row before it shifted left by {@code shift}
   * elements, a contiguous copy, after which only the last {@code shift} taps of every kernel
   * run along the last axis are read from the table (the shift carries the other taps, and
   * moves the first taps of each run into the previous run's last places, which are rewritten).
   */
  private static final class Rows {
    private final int[] table;
    private final int c;
    private final int q;
    private final int kk;
    private final int spatial;
    private final int ow;
    private final int shift;
    private final int[] fresh;

    Rows(int[] table, int c, int q, int kk, int spatial, int ow, int shift, int kw) {
      this.table = table;
      this.c = c;
      this.q = q;
      this.kk = kk;
      this.spatial = spatial;
      this.ow = ow;
      this.shift = shift;
      this.fresh = new int[shift == 0 ? 0 : kk / kw * shift];
      int at = 0;
      for (int j = 0; j < kk && shift > 0; j++) {
        if (j % kw >= kw - shift) {
          fresh[at++] = j;
        }
      }
    }

    /** Writes the im2col rows of images from .. to - 1. */
    void copy(float[] s, float[] d, int from, int to) {
      if (shift == 0) {
        gather(s, d, table, from, to, c, q, kk, spatial);
        return;
      }
      int cols = c * kk;
      for (int b = from; b < to; b++) {
        for (int p = 0; p < q; p++) {
          int t = p * kk;
          int row = (b * q + p) * cols;
          boolean slides = p % ow != 0;
          if (slides) {
            System.arraycopy(d, row - cols + shift, d, row, cols - shift);
          }
          for (int ch = 0; ch < c; ch++) {
            int plane = (b * c + ch) * spatial;
            int at = row + ch * kk;
            if (slides) {
              for (int j : fresh) {
                int off = table[t + j];
                d[at + j] = off < 0 ? 0f : s[plane + off];
              }
            } else {
              for (int j = 0; j < kk; j++) {
                int off = table[t + j];
                d[at + j] = off < 0 ? 0f : s[plane + off];
              }
            }
          }
        }
      }
    }
  }

  /** Writes the im2col rows of images from .. to - 1, every tap from the table. */
  private static void gather(float[] s, float[] d, int[] table, int from, int to, int c, int q, int kk, int spatial) {
    int cols = c * kk;
    for (int b = from; b < to; b++) {
      for (int p = 0; p < q; p++) {
        int t = p * kk;
        int row = (b * q + p) * cols;
        for (int ch = 0; ch < c; ch++) {
          int plane = (b * c + ch) * spatial;
          int at = row + ch * kk;
          for (int j = 0; j < kk; j++) {
            int off = table[t + j];
            d[at + j] = off < 0 ? 0f : s[plane + off];
          }
        }
      }
    }
  }

  /** Spatial input offset of each (output position, kernel offset), -1 in the padding. */
  private static int[] table(Instr.Im2col in, int sr, int[] size, int[] k, int[] out, int q, int kk) {
    int[] table = new int[q * kk];
    int[] pos = new int[sr];
    int[] off = new int[sr];
    for (int p = 0; p < q; p++) {
      int rem = p;
      for (int i = sr - 1; i >= 0; i--) {
        pos[i] = rem % out[i];
        rem /= out[i];
      }
      for (int j = 0; j < kk; j++) {
        int r = j;
        for (int i = sr - 1; i >= 0; i--) {
          off[i] = r % k[i];
          r /= k[i];
        }
        int flat = 0;
        boolean inside = true;
        for (int i = 0; i < sr; i++) {
          long x = pos[i] * in.strides().get(i) - in.pads().get(i) + off[i] * in.dilations().get(i);
          if (x < 0 || x >= size[i]) {
            inside = false;
            break;
          }
          flat = flat * size[i] + (int) x;
        }
        table[p * kk + j] = inside ? flat : -1;
      }
    }
    return table;
  }

  static float[] floats(Tensor t) {
    if (t.isFloating()) {
      return t.floats();
    }
    long[] l = t.longs();
    float[] f = new float[l.length];
    for (int i = 0; i < l.length; i++) {
      f[i] = l[i];
    }
    return f;
  }
}
