package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.List;

/**
 * Linear quantization (per tensor or per axis), dequantization, dynamic u8 quantization, the
 * signal windows, shrink and mean-variance normalization.
 */
final class QuantKernels {
  private QuantKernels() {}

  /** saturate(rint(x / scale) + zero_point) in the zero point's type (u8 when absent). */
  static Tensor quantize(Tensor x, Tensor scale, Tensor zp, long axisAttr) {
    float[] a = Args.floating(x, "quantize_linear input").floats();
    DType t = zp == null ? DType.U8 : zp.dtype();
    long[] range = range(t);
    int[] param = paramIndex(x, scale, zp, axisAttr, "quantize_linear");
    long[] y = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      float s = (float) scale.getDouble(param[i]);
      double q = Math.rint(a[i] / s) + (zp == null ? 0 : zp.getLong(param[i]));
      y[i] = (long) Math.max(range[0], Math.min(range[1], q));
    }
    return Tensor.ofLongs(t, x.shape(), y);
  }

  /** (x - zero_point) * scale, in the scale's type. */
  static Tensor dequantize(Tensor x, Tensor scale, Tensor zp, long axisAttr) {
    if (x.isFloating()) {
      throw Args.bad("dequantize_linear input must be integer but is " + x.dtype().text());
    }
    int[] param = paramIndex(x, scale, zp, axisAttr, "dequantize_linear");
    float[] y = new float[x.size()];
    for (int i = 0; i < y.length; i++) {
      long z = zp == null ? 0 : zp.getLong(param[i]);
      y[i] = (float) ((x.longs()[i] - z) * (double) (float) scale.getDouble(param[i]));
    }
    return Args.floats(Args.floating(scale, "dequantize_linear scale").dtype(), x.shape(), y);
  }

  /** For each element of x, the index of its scale and zero point (0 per tensor, else its index along axis). */
  private static int[] paramIndex(Tensor x, Tensor scale, Tensor zp, long axisAttr, String what) {
    int[] p = new int[x.size()];
    if (zp != null && zp.size() != scale.size()) {
      throw Args.bad(what + " zero point has " + zp.size() + " elements but scale " + scale.size());
    }
    if (scale.size() == 1 && scale.rank() <= 1) {
      return p;
    }
    if (scale.rank() != 1) {
      throw Args.bad(what + " scale must be a scalar or 1-D but has shape " + Args.shape(scale.shape()));
    }
    int axis = Args.axis(axisAttr, x.rank(), what + " axis");
    if (x.dim(axis) != scale.size()) {
      throw Args.bad(what + " scale has " + scale.size() + " elements for axis size " + x.dim(axis));
    }
    int inner = (int) Args.prod(x.shape(), axis + 1, x.rank());
    for (int i = 0; i < p.length; i++) {
      p[i] = (int) ((i / inner) % scale.size());
    }
    return p;
  }

  private static long[] range(DType t) {
    switch (t) {
      case U8: return new long[] {0, 255};
      case I8: return new long[] {-128, 127};
      case U16: return new long[] {0, 65535};
      case I16: return new long[] {-32768, 32767};
      default: throw Args.bad("quantize_linear to " + t.text() + " is not supported");
    }
  }

  /** ONNX's DynamicQuantizeLinear, computed in float32 as its definition does. */
  static List<Tensor> dynamicQuantize(Tensor x) {
    float[] a = Args.floating(x, "dynamic_quantize_linear input").floats();
    float lo = 0f;
    float hi = 0f;
    for (float v : a) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    float scale = (hi - lo) / 255f;
    float zp = (float) Math.max(0, Math.min(255, Math.rint(0f - lo / scale)));
    long[] y = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = (long) Math.max(0, Math.min(255, Math.rint(a[i] / scale) + zp));
    }
    return List.of(Tensor.ofLongs(DType.U8, x.shape(), y), Tensor.ofFloats(new long[0], new float[] {scale}),
        Tensor.ofLongs(DType.U8, new long[0], new long[] {(long) zp}));
  }

  /** Hann, Hamming or Blackman window of the given length; periodic windows divide by size, symmetric by size - 1. */
  static Tensor window(Op.Window op, Tensor sizeT) {
    if (sizeT.size() != 1) {
      throw Args.bad("window size must be a scalar");
    }
    int n = Args.toInt(sizeT.getLong(0), "window size");
    double denom = op.periodic() ? n : n - 1;
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double c = 2 * Math.PI * i / denom;
      switch (op.kind()) {
        case HANN:
          double s = Math.sin(Math.PI * i / denom);
          y[i] = (float) (s * s);
          break;
        case HAMMING:
          y[i] = (float) (25.0 / 46 - (1 - 25.0 / 46) * Math.cos(c));
          break;
        case BLACKMAN:
          y[i] = (float) (0.42 - 0.5 * Math.cos(c) + 0.08 * Math.cos(2 * c));
          break;
        default:
          throw new IllegalStateException("unhandled window " + op.kind());
      }
    }
    return Args.floats(op.dtype(), new long[] {n}, y);
  }

  static Tensor shrink(Tensor x, float bias, float lambd) {
    float[] a = Args.floating(x, "shrink input").floats();
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] < -lambd ? a[i] + bias : a[i] > lambd ? a[i] - bias : 0f;
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }

  /** (x - mean) / (sqrt(mean(x^2) - mean^2) + 1e-9), the means over the axes. */
  static Tensor meanVarianceNormalization(Tensor x, List<Long> axes) {
    float[] a = Args.floating(x, "mean_variance_normalization input").floats();
    long[] shape = x.shape();
    boolean[] red = new boolean[shape.length];
    for (long ax : axes) {
      red[Args.axis(ax, shape.length, "mean_variance_normalization axis")] = true;
    }
    long[] kept = shape.clone();
    long count = 1;
    for (int d = 0; d < shape.length; d++) {
      if (red[d]) {
        kept[d] = 1;
        count *= shape[d];
      }
    }
    int[] map = Broadcast.indexMap(kept, shape);
    int n = Args.numel(kept);
    double[] sum = new double[n];
    double[] sq = new double[n];
    for (int i = 0; i < a.length; i++) {
      sum[map[i]] += a[i];
      sq[map[i]] += (double) a[i] * a[i];
    }
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      double mean = sum[map[i]] / count;
      double var = sq[map[i]] / count - mean * mean;
      y[i] = (float) ((a[i] - mean) / (Math.sqrt(Math.max(0, var)) + 1e-9));
    }
    return Args.floats(x.dtype(), shape, y);
  }
}
