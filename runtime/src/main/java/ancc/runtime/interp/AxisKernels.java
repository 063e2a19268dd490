package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op.ArgOp;
import ancc.ir.graph.Tensor;

/**
 * Kernels that scan one axis, viewing the input as [outer, n, inner]: arg max/min, cumulative
 * sum, hardmax, instance normalization and local response normalization.
 */
final class AxisKernels {
  private AxisKernels() {}

  /** Index of the first (or last) extreme value along axis; a NaN counts as the extreme. */
  static Tensor argReduce(ArgOp kind, Tensor x, long axisAttr, boolean keepdims, boolean last) {
    long[] in = x.shape();
    int r = in.length;
    int axis = Args.axis(axisAttr, Math.max(1, r), "arg axis");
    long n = r == 0 ? 1 : in[axis];
    if (n == 0) {
      throw Args.bad("arg reduction over an empty axis");
    }
    int inner = r == 0 ? 1 : (int) Args.prod(in, axis + 1, r);
    int outer = r == 0 ? 1 : (int) Args.prod(in, 0, axis);
    long[] y = new long[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * (int) n * inner + i;
        double best = x.getDouble(base);
        long bestAt = 0;
        for (int k = 1; k < n; k++) {
          double v = x.getDouble(base + k * inner);
          if (best != best && !last) {
            break;
          }
          boolean better = kind == ArgOp.MAX ? v > best : v < best;
          boolean tie = v == best || (v != v && best != best);
          if (better || v != v || (last && tie)) {
            best = v;
            bestAt = k;
          }
        }
        y[o * inner + i] = bestAt;
      }
    }
    long[] out;
    if (r == 0) {
      out = new long[0];
    } else if (keepdims) {
      out = in.clone();
      out[axis] = 1;
    } else {
      out = new long[r - 1];
      for (int d = 0, j = 0; d < r; d++) {
        if (d != axis) {
          out[j++] = in[d];
        }
      }
    }
    return Tensor.ofLongs(DType.I64, out, y);
  }

  /** Cumulative sum along the axis operand; exclusive skips the current element, reverse runs backwards. */
  static Tensor cumSum(Tensor x, Tensor axisT, boolean exclusive, boolean reverse) {
    if (axisT.size() != 1) {
      throw Args.bad("cum_sum axis must be a scalar but has shape " + Args.shape(axisT.shape()));
    }
    long[] in = x.shape();
    int axis = Args.axis(axisT.getLong(0), in.length, "cum_sum axis");
    int n = (int) in[axis];
    int inner = (int) Args.prod(in, axis + 1, in.length);
    int outer = (int) Args.prod(in, 0, axis);
    double[] y = new double[x.size()];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double acc = 0;
        for (int s = 0; s < n; s++) {
          int k = reverse ? n - 1 - s : s;
          int at = (o * n + k) * inner + i;
          double v = x.getDouble(at);
          if (exclusive) {
            y[at] = acc;
            acc += v;
          } else {
            acc += v;
            y[at] = acc;
          }
        }
      }
    }
    if (x.isFloating()) {
      float[] f = new float[y.length];
      for (int i = 0; i < y.length; i++) {
        f[i] = (float) y[i];
      }
      return Tensor.ofFloats(x.dtype(), in, f);
    }
    long[] l = new long[y.length];
    for (int i = 0; i < y.length; i++) {
      l[i] = Args.wrap((long) y[i], x.dtype());
    }
    return Tensor.ofLongs(x.dtype(), in, l);
  }

  /** 1 at the first maximum of each row, 0 elsewhere; rows as for softmax. */
  static Tensor hardmax(Tensor x, long axisAttr, boolean coerce2d) {
    float[] a = Args.floating(x, "hardmax input").floats();
    long[] in = x.shape();
    int r = in.length;
    if (r == 0) {
      return Tensor.ofFloats(x.dtype(), in, new float[] {1f});
    }
    int axis = Args.axis(axisAttr, r, "hardmax axis");
    int n = (int) (coerce2d ? Args.prod(in, axis, r) : in[axis]);
    int inner = coerce2d ? 1 : (int) Args.prod(in, axis + 1, r);
    int outer = n == 0 || inner == 0 ? 0 : a.length / (n * inner);
    float[] y = new float[a.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        int best = 0;
        for (int k = 1; k < n; k++) {
          if (a[base + k * inner] > a[base + best * inner]) {
            best = k;
          }
        }
        y[base + best * inner] = 1f;
      }
    }
    return Args.floats(x.dtype(), in, y);
  }

  /** (x - mean) / sqrt(var + eps) * scale[c] + B[c], statistics over the spatial dims of each (n, c). */
  static Tensor instanceNorm(Tensor x, Tensor scale, Tensor bias, float eps) {
    float[] a = Args.floating(x, "instance_normalization input").floats();
    if (x.rank() < 3) {
      throw Args.bad("instance_normalization input must have rank 3 or more but has shape " + Args.shape(x.shape()));
    }
    int c = (int) x.dim(1);
    if (scale.size() != c || bias.size() != c) {
      throw Args.bad("instance_normalization scale and B must have " + c + " elements");
    }
    int inner = (int) Args.prod(x.shape(), 2, x.rank());
    int rows = inner == 0 ? 0 : a.length / inner;
    float[] y = new float[a.length];
    for (int row = 0; row < rows; row++) {
      int b = row * inner;
      double sum = 0;
      for (int i = 0; i < inner; i++) {
        sum += a[b + i];
      }
      double mean = sum / inner;
      double sq = 0;
      for (int i = 0; i < inner; i++) {
        double d = a[b + i] - mean;
        sq += d * d;
      }
      double mul = scale.getDouble(row % c) / Math.sqrt(sq / inner + eps);
      double add = bias.getDouble(row % c);
      for (int i = 0; i < inner; i++) {
        y[b + i] = (float) ((a[b + i] - mean) * mul + add);
      }
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }

  /** y = x / (bias + alpha / size * sum of x^2 over channels [c - floor((size-1)/2), c + ceil((size-1)/2)])^beta. */
  static Tensor lrn(Tensor x, float alpha, float beta, float bias, long size) {
    float[] a = Args.floating(x, "lrn input").floats();
    if (x.rank() < 2) {
      throw Args.bad("lrn input must have rank 2 or more but has shape " + Args.shape(x.shape()));
    }
    if (size < 1) {
      throw Args.bad("lrn size " + size + " must be positive");
    }
    int c = (int) x.dim(1);
    int inner = (int) Args.prod(x.shape(), 2, x.rank());
    int batch = (int) x.dim(0);
    long lo = (size - 1) / 2;
    long hi = size - 1 - lo;
    float[] y = new float[a.length];
    for (int n = 0; n < batch; n++) {
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < inner; i++) {
          double sq = 0;
          for (long k = Math.max(0, ch - lo); k <= Math.min(c - 1, ch + hi); k++) {
            double v = a[(n * c + (int) k) * inner + i];
            sq += v * v;
          }
          int at = (n * c + ch) * inner + i;
          y[at] = (float) (a[at] / Math.pow(bias + alpha / size * sq, beta));
        }
      }
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }
}
