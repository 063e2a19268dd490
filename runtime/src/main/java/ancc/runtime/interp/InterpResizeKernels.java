package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;

/**
 * Linear and cubic Resize, one axis at a time (the interpolation is separable). Each output
 * coordinate maps back to the input by the coordinate transformation mode; the taps around it
 * (2 for linear, 4 for cubic) read the input clamped to its edges, or with excludeOutside only the
 * taps inside it, their weights renormalized. An input coordinate that is an integer takes that
 * element exactly. align_corners maps with the unrounded resized length (in * scale).
 */
final class InterpResizeKernels {
  private InterpResizeKernels() {}

  static Tensor resize(Op.ResizeInterp op, Tensor x, Tensor scalesT, Tensor sizesT) {
    Args.floating(x, "resize input");
    long[] shape = x.shape();
    double[] scale = new double[shape.length];
    long[] out = ResizeKernels.outputShape(x, scalesT, sizesT, scale);
    float[] data = x.floats();
    for (int a = 0; a < shape.length; a++) {
      if (out[a] == shape[a] && scale[a] == 1.0) {
        continue;
      }
      data = alongAxis(op, data, shape, a, Args.toInt(out[a], "resize output size"), scale[a]);
      shape[a] = out[a];
    }
    return Args.floats(x.dtype(), shape, data);
  }

  private static float[] alongAxis(Op.ResizeInterp op, float[] data, long[] shape, int axis, int outLen, double scale) {
    int n = (int) shape[axis];
    int outer = (int) Args.prod(shape, 0, axis);
    int inner = (int) Args.prod(shape, axis + 1, shape.length);
    int taps = op.mode() == Op.InterpMode.LINEAR ? 2 : 4;
    int[][] idx = new int[outLen][taps];
    double[][] w = new double[outLen][taps];
    for (int o = 0; o < outLen; o++) {
      double src = source(op.coordinateTransformationMode(), o, scale, n, outLen);
      double f = Math.floor(src);
      double ratio = src - f;
      long base = (long) f;
      if (ratio == 0) {
        base -= 1;
        ratio = 1;
      }
      long first = op.mode() == Op.InterpMode.LINEAR ? base : base - 1;
      double[] c = op.mode() == Op.InterpMode.LINEAR ? new double[] {1 - ratio, ratio} : cubic(ratio, op.cubicCoeffA());
      double sum = 0;
      for (int k = 0; k < taps; k++) {
        long i = first + k;
        boolean inside = i >= 0 && i < n;
        w[o][k] = op.excludeOutside() && !inside ? 0 : c[k];
        sum += w[o][k];
        idx[o][k] = (int) Math.max(0, Math.min(n - 1, i));
      }
      if (op.excludeOutside() && sum != 0) {
        for (int k = 0; k < taps; k++) {
          w[o][k] /= sum;
        }
      }
    }
    float[] y = new float[outer * outLen * inner];
    for (int p = 0; p < outer; p++) {
      for (int o = 0; o < outLen; o++) {
        for (int q = 0; q < inner; q++) {
          double v = 0;
          for (int k = 0; k < taps; k++) {
            v += w[o][k] * data[(p * n + idx[o][k]) * inner + q];
          }
          y[(p * outLen + o) * inner + q] = (float) v;
        }
      }
    }
    return y;
  }

  /**
   * As {@link ResizeKernels#source}, except that align_corners uses the unrounded resized length
   * n * scale (with sizes given, scale is size / n), as ONNX's reference does.
   */
  private static double source(Op.CoordMode mode, int o, double scale, int n, int outLen) {
    if (mode == Op.CoordMode.ALIGN_CORNERS) {
      double resized = n * scale;
      return resized == 1 ? 0.0 : o * (n - 1) / (resized - 1);
    }
    return ResizeKernels.source(o, scale, n, outLen, mode);
  }

  /** Weights of the taps at distances 1 + r, r, 1 - r, 2 - r from the source coordinate. */
  static double[] cubic(double r, double a) {
    double s = 1 - r;
    return new double[] {
      ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
      ((a + 2) * r - (a + 3)) * r * r + 1,
      ((a + 2) * s - (a + 3)) * s * s + 1,
      ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a
    };
  }
}
