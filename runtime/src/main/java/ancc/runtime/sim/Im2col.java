package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Instr;

/**
 * The im2col instruction: src [N, C, spatial...] -> [N * Q, C * prod(kernel)], rows in (n,
 * output position) order, columns in (c, kernel offset) order, zero outside the input. A table
 * from (output position, kernel offset) to the input's spatial offset (or -1 in the padding) is
 * built once and applied to every (n, c) plane.
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
    int rowsPerImage = q;
    int taps = kk;
    int planeSize = spatial;
    Blocks.range(n, Math.max(1, Arith.GRAIN / Math.max(1, q * cols)),
        (from, to) -> copy(s, d, table, from, to, c, rowsPerImage, taps, planeSize));
    return Tensor.ofFloats(new long[] {(long) n * q, cols}, d);
  }

  /** Writes the im2col rows of images from .. to - 1. */
  private static void copy(float[] s, float[] d, int[] table, int from, int to, int c, int q, int kk, int spatial) {
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
