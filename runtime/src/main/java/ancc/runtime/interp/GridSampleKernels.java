package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Op.GridMode;
import ancc.ir.graph.Op.GridPadding;
import ancc.ir.graph.Tensor;

/**
 * grid_sample with PyTorch's semantics: a grid location is unnormalized to pixel coordinates;
 * bilinear and nearest apply the padding mode to that coordinate (border clamps it, reflection
 * mirrors it at the edges) and read zero outside the image; bicubic applies the padding mode to
 * each of its 4 x 4 taps. Nearest rounds half to even.
 */
final class GridSampleKernels {
  private static final double CUBIC_A = -0.75;

  private GridSampleKernels() {}

  static Tensor gridSample(Op.GridSample op, Tensor x, Tensor grid) {
    float[] a = Args.floating(x, "grid_sample X").floats();
    float[] g = grid.floats();
    if (x.rank() != 4 || grid.rank() != 4 || grid.dim(3) != 2 || grid.dim(0) != x.dim(0)) {
      throw Args.bad("grid_sample X " + Args.shape(x.shape()) + " and grid " + Args.shape(grid.shape())
          + " must be [N,C,H,W] and [N,Hout,Wout,2]");
    }
    int n = (int) x.dim(0);
    int c = (int) x.dim(1);
    int h = (int) x.dim(2);
    int w = (int) x.dim(3);
    int ho = (int) grid.dim(1);
    int wo = (int) grid.dim(2);
    float[] y = new float[n * c * ho * wo];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < ho; i++) {
        for (int j = 0; j < wo; j++) {
          int gi = ((b * ho + i) * wo + j) * 2;
          double sx = unnormalize(g[gi], w, op.alignCorners());
          double sy = unnormalize(g[gi + 1], h, op.alignCorners());
          for (int ch = 0; ch < c; ch++) {
            int plane = (b * c + ch) * h * w;
            y[((b * c + ch) * ho + i) * wo + j] = (float) sample(op, a, plane, h, w, sx, sy);
          }
        }
      }
    }
    return Args.floats(x.dtype(), new long[] {n, c, ho, wo}, y);
  }

  private static double unnormalize(double v, int size, boolean alignCorners) {
    return alignCorners ? (v + 1) / 2 * (size - 1) : ((v + 1) * size - 1) / 2;
  }

  private static double sample(Op.GridSample op, float[] a, int plane, int h, int w, double sx, double sy) {
    if (op.mode() == GridMode.BICUBIC) {
      return bicubic(op, a, plane, h, w, sx, sy);
    }
    double px = pad(op, sx, w);
    double py = pad(op, sy, h);
    if (op.mode() == GridMode.NEAREST) {
      return read(a, plane, h, w, (long) Math.rint(px), (long) Math.rint(py));
    }
    long x0 = (long) Math.floor(px);
    long y0 = (long) Math.floor(py);
    double fx = px - x0;
    double fy = py - y0;
    return read(a, plane, h, w, x0, y0) * (1 - fx) * (1 - fy) + read(a, plane, h, w, x0 + 1, y0) * fx * (1 - fy)
        + read(a, plane, h, w, x0, y0 + 1) * (1 - fx) * fy + read(a, plane, h, w, x0 + 1, y0 + 1) * fx * fy;
  }

  private static double bicubic(Op.GridSample op, float[] a, int plane, int h, int w, double sx, double sy) {
    long x0 = (long) Math.floor(sx);
    long y0 = (long) Math.floor(sy);
    double[] wx = InterpResizeKernels.cubic(sx - x0, CUBIC_A);
    double[] wy = InterpResizeKernels.cubic(sy - y0, CUBIC_A);
    double s = 0;
    for (int dy = 0; dy < 4; dy++) {
      for (int dx = 0; dx < 4; dx++) {
        long tx = (long) pad(op, x0 - 1 + dx, w);
        long ty = (long) pad(op, y0 - 1 + dy, h);
        s += wx[dx] * wy[dy] * read(a, plane, h, w, tx, ty);
      }
    }
    return s;
  }

  /** The coordinate after the padding mode: unchanged (zeros), clamped (border) or mirrored (reflection). */
  private static double pad(Op.GridSample op, double v, int size) {
    if (op.padding() == GridPadding.BORDER) {
      return clamp(v, size);
    }
    if (op.padding() == GridPadding.REFLECTION) {
      double r = op.alignCorners() ? reflect(v, 0, 2.0 * (size - 1)) : reflect(v, -1, 2.0 * size - 1);
      return clamp(r, size);
    }
    return v;
  }

  private static double clamp(double v, int size) {
    return Math.min(size - 1, Math.max(0, v));
  }

  /** Mirrors v into [twiceLow / 2, twiceHigh / 2]. */
  private static double reflect(double v, double twiceLow, double twiceHigh) {
    if (twiceLow == twiceHigh) {
      return 0;
    }
    double min = twiceLow / 2;
    double span = (twiceHigh - twiceLow) / 2;
    double d = Math.abs(v - min);
    double extra = d % span;
    long flips = (long) Math.floor(d / span);
    return flips % 2 == 0 ? extra + min : span - extra + min;
  }

  private static double read(float[] a, int plane, int h, int w, long x, long y) {
    return x < 0 || y < 0 || x >= w || y >= h ? 0 : a[plane + (int) y * w + (int) x];
  }
}
