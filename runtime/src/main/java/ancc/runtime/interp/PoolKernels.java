package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.List;

/** N-D max and average pooling (dilations, asymmetric pads, ceil mode) and the global pools. */
final class PoolKernels {
  private PoolKernels() {}

  /** Pooling geometry resolved against a concrete input. */
  private static final class Geometry {
    int planes;
    int[] in;
    int[] out;
    int[] k;
    int[] s;
    int[] dil;
    int[][] pads;
    long[] outShape;
    int pin;
    int pout;
    int[][] maps;
  }

  private static Geometry geometry(Tensor tx, List<Long> kernel, List<Long> strides, List<Long> pads,
      List<Long> dilations, boolean ceil, String what) {
    int d = tx.rank() - 2;
    if (d < 1) {
      throw Args.bad(what + " input must have rank >= 3 but has shape " + Args.shape(tx.shape()));
    }
    if (kernel.size() != d) {
      throw Args.bad(what + " kernel_shape " + kernel + " does not match " + d + " spatial dims");
    }
    Geometry g = new Geometry();
    g.k = Windows.attr(kernel, d, 1, "kernel_shape");
    g.s = Windows.attr(strides, d, 1, "strides");
    g.dil = Windows.attr(dilations, d, 1, "dilations");
    g.pads = Windows.pads(pads, d);
    g.in = new int[d];
    g.out = new int[d];
    g.outShape = new long[d + 2];
    g.outShape[0] = tx.dim(0);
    g.outShape[1] = tx.dim(1);
    for (int i = 0; i < d; i++) {
      g.in[i] = (int) tx.dim(i + 2);
      g.out[i] = Windows.outSize(g.in[i], g.pads[0][i], g.pads[1][i], g.k[i], g.s[i], g.dil[i], ceil, what);
      g.outShape[i + 2] = g.out[i];
    }
    g.planes = (int) (tx.dim(0) * tx.dim(1));
    g.pin = Windows.prod(g.in);
    g.pout = Windows.prod(g.out);
    g.maps = Windows.maps(g.out, g.in, g.k, g.s, g.pads[0], g.dil);
    return g;
  }

  /**
   * Per plane and output position, the first of the largest window values (a NaN wins), or
   * -infinity when no tap is inside the input. Computed as a branch-free Math.max fold over the
   * taps; that equals the sequential first-wins fold except where the result is NaN (whose bits
   * may differ) or a zero whose window has a -0 (Math.max prefers +0), and those positions are
   * recomputed sequentially ({@link #firstMax}). Planes without any sign bit set skip the zero check.
   */
  static Tensor maxPool(Op.MaxPool op, Tensor tx) {
    Tensor xf = tx.isFloating() ? tx : toFloat(tx);
    Geometry g = geometry(xf, op.kernelShape(), op.strides(), op.pads(), op.dilations(), op.ceilMode(), "max_pool");
    float[] x = xf.floats();
    float[] y = new float[Args.numel(g.outShape)];
    int[][] maps = g.maps;
    int pout = g.pout;
    int pin = g.pin;
    boolean[] inside = new boolean[maps.length];
    for (int t = 0; t < maps.length; t++) {
      int least = 0;
      for (int p = 0; p < pout; p++) {
        least = Math.min(least, maps[t][p]);
      }
      inside[t] = least >= 0;
    }
    Parallel.range(g.planes, Math.max(1, (1 << 14) / Math.max(1, pin)), (from, to) -> {
      for (int pl = from; pl < to; pl++) {
        int xb = pl * pin;
        int yb = pl * pout;
        int signs = 0;
        for (int i = 0; i < pin; i++) {
          signs |= Float.floatToRawIntBits(x[xb + i]);
        }
        java.util.Arrays.fill(y, yb, yb + pout, Float.NEGATIVE_INFINITY);
        for (int t = 0; t < maps.length; t++) {
          int[] map = maps[t];
          if (inside[t]) {
            for (int p = 0; p < pout; p++) {
              y[yb + p] = Math.max(y[yb + p], x[xb + map[p]]);
            }
          } else {
            for (int p = 0; p < pout; p++) {
              int idx = map[p];
              if (idx >= 0) {
                y[yb + p] = Math.max(y[yb + p], x[xb + idx]);
              }
            }
          }
        }
        boolean zeros = signs < 0;
        for (int p = 0; p < pout; p++) {
          float v = y[yb + p];
          if (v != v || zeros && v == 0f) {
            y[yb + p] = firstMax(x, xb, maps, p);
          }
        }
      }
    });
    Tensor r = Args.floats(tx.isFloating() ? tx.dtype() : ancc.ir.graph.DType.F32, g.outShape, y);
    return tx.isFloating() ? r : backToInt(r, tx);
  }

  /** The sequential max over the taps of output p: a later value wins only if larger, or NaN. */
  private static float firstMax(float[] x, int xb, int[][] maps, int p) {
    float m = Float.NEGATIVE_INFINITY;
    for (int[] map : maps) {
      int idx = map[p];
      if (idx >= 0) {
        float v = x[xb + idx];
        if (v > m || v != v) {
          m = v;
        }
      }
    }
    return m;
  }

  static Tensor averagePool(Op.AveragePool op, Tensor tx) {
    Args.floating(tx, "average_pool input");
    Geometry g = geometry(tx, op.kernelShape(), op.strides(), op.pads(), op.dilations(), op.ceilMode(),
        "average_pool");
    double[] divisor = divisors(g, op.countIncludePad());
    float[] x = tx.floats();
    float[] y = new float[Args.numel(g.outShape)];
    double[] acc = new double[g.pout];
    for (int pl = 0; pl < g.planes; pl++) {
      int xb = pl * g.pin;
      java.util.Arrays.fill(acc, 0.0);
      for (int[] map : g.maps) {
        for (int p = 0; p < g.pout; p++) {
          int idx = map[p];
          if (idx >= 0) {
            acc[p] += x[xb + idx];
          }
        }
      }
      int yb = pl * g.pout;
      for (int p = 0; p < g.pout; p++) {
        y[yb + p] = (float) (acc[p] / divisor[p]);
      }
    }
    return Args.floats(tx.dtype(), g.outShape, y);
  }

  /**
   * Per output position, the number of window taps counted by the average: those on real input
   * elements, or with countIncludePad those inside the padded input [-padBegin, in + padEnd) (taps
   * in the ceil-mode overhang past the end padding never count). Windows are separable, so the
   * count is a product of per-dim counts.
   */
  private static double[] divisors(Geometry g, boolean countIncludePad) {
    int d = g.in.length;
    int[][] perDim = new int[d][];
    for (int i = 0; i < d; i++) {
      int lo = countIncludePad ? -g.pads[0][i] : 0;
      int hi = countIncludePad ? g.in[i] + g.pads[1][i] : g.in[i];
      perDim[i] = new int[g.out[i]];
      for (int o = 0; o < g.out[i]; o++) {
        int cnt = 0;
        for (int kk = 0; kk < g.k[i]; kk++) {
          int t = o * g.s[i] - g.pads[0][i] + kk * g.dil[i];
          if (t >= lo && t < hi) {
            cnt++;
          }
        }
        perDim[i][o] = cnt;
      }
    }
    double[] div = new double[g.pout];
    int[] idx = new int[d];
    for (int p = 0; p < g.pout; p++) {
      double v = 1;
      for (int i = 0; i < d; i++) {
        v *= perDim[i][idx[i]];
      }
      div[p] = v;
      Windows.increment(idx, g.out);
    }
    return div;
  }

  static Tensor globalAveragePool(Tensor tx) {
    return global(tx, false);
  }

  static Tensor globalMaxPool(Tensor tx) {
    return global(tx, true);
  }

  private static Tensor global(Tensor tx, boolean max) {
    String what = max ? "global_max_pool" : "global_average_pool";
    Args.floating(tx, what + " input");
    if (tx.rank() < 2) {
      throw Args.bad(what + " input must have rank >= 2 but has shape " + Args.shape(tx.shape()));
    }
    long[] outShape = tx.shape();
    for (int i = 2; i < outShape.length; i++) {
      outShape[i] = 1;
    }
    int planes = (int) (tx.dim(0) * tx.dim(1));
    int size = (int) Args.prod(tx.shape(), 2, tx.rank());
    float[] x = tx.floats();
    float[] y = new float[planes];
    for (int pl = 0; pl < planes; pl++) {
      int b = pl * size;
      if (max) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
          float v = x[b + i];
          if (v > m || v != v) {
            m = v;
          }
        }
        y[pl] = m;
      } else {
        double s = 0;
        for (int i = 0; i < size; i++) {
          s += x[b + i];
        }
        y[pl] = (float) (s / size);
      }
    }
    return Args.floats(tx.dtype(), outShape, y);
  }

  private static Tensor toFloat(Tensor t) {
    long[] l = t.longs();
    float[] f = new float[l.length];
    for (int i = 0; i < l.length; i++) {
      if (Math.abs(l[i]) > (1L << 24)) {
        throw Args.bad("max_pool on " + t.dtype().text() + " values beyond 2^24 is not supported");
      }
      f[i] = l[i];
    }
    return Tensor.ofFloats(t.shape(), f);
  }

  private static Tensor backToInt(Tensor r, Tensor like) {
    float[] f = r.floats();
    long[] l = new long[f.length];
    for (int i = 0; i < f.length; i++) {
      l[i] = (long) f[i];
    }
    return Tensor.ofLongs(like.dtype(), r.shape(), l);
  }
}
