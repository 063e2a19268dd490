package ancc.runtime.interp;

import ancc.ir.graph.Tensor;

/** Batch and layer normalization, softmax and log-softmax; statistics accumulate in double. */
final class NormKernels {
  private NormKernels() {}

  /** Inference batch norm: (x - mean) / sqrt(var + eps) * scale + B per channel (dim 1). */
  static Tensor batchNorm(Tensor tx, Tensor scale, Tensor bias, Tensor mean, Tensor var, float eps) {
    Args.floating(tx, "batch_normalization X");
    if (tx.rank() < 1) {
      throw Args.bad("batch_normalization X must have rank >= 1");
    }
    int c = tx.rank() == 1 ? 1 : (int) tx.dim(1);
    Tensor[] params = {scale, bias, mean, var};
    String[] names = {"scale", "B", "mean", "var"};
    for (int i = 0; i < 4; i++) {
      Args.floating(params[i], "batch_normalization " + names[i]);
      if (params[i].size() != c) {
        throw Args.bad("batch_normalization " + names[i] + " has shape " + Args.shape(params[i].shape())
            + " but X has " + c + " channels");
      }
    }
    double[] mul = new double[c];
    double[] add = new double[c];
    for (int ch = 0; ch < c; ch++) {
      mul[ch] = scale.floats()[ch] / Math.sqrt((double) var.floats()[ch] + eps);
      add[ch] = bias.floats()[ch] - mean.floats()[ch] * mul[ch];
    }
    int batch = (int) tx.dim(0);
    int inner = tx.rank() <= 2 ? 1 : (int) Args.prod(tx.shape(), 2, tx.rank());
    float[] x = tx.floats();
    float[] y = new float[x.length];
    for (int n = 0; n < batch; n++) {
      for (int ch = 0; ch < c; ch++) {
        int b = (n * c + ch) * inner;
        double m = mul[ch];
        double a = add[ch];
        for (int i = 0; i < inner; i++) {
          y[b + i] = (float) (x[b + i] * m + a);
        }
      }
    }
    return Args.floats(tx.dtype(), tx.shape(), y);
  }

  /** Normalizes over dims [axis, rank), then multiplies by scale and adds B (both broadcast to X). */
  static Tensor layerNorm(Tensor tx, Tensor scale, Tensor bias, long axisAttr, float eps) {
    Args.floating(tx, "layer_normalization X");
    int axis = Args.axis(axisAttr, tx.rank(), "layer_normalization axis");
    long[] shape = tx.shape();
    int inner = (int) Args.prod(shape, axis, shape.length);
    int outer = inner == 0 ? 0 : tx.size() / inner;
    int[] sMap = broadcastTo(scale, shape, "scale");
    int[] bMap = bias == null ? null : broadcastTo(bias, shape, "B");
    float[] sc = scale.floats();
    float[] bi = bias == null ? null : bias.floats();
    float[] x = tx.floats();
    float[] y = new float[x.length];
    for (int o = 0; o < outer; o++) {
      int b = o * inner;
      double sum = 0;
      for (int i = 0; i < inner; i++) {
        sum += x[b + i];
      }
      double mean = sum / inner;
      double sq = 0;
      for (int i = 0; i < inner; i++) {
        double dv = x[b + i] - mean;
        sq += dv * dv;
      }
      double inv = 1.0 / Math.sqrt(sq / inner + eps);
      for (int i = 0; i < inner; i++) {
        int at = b + i;
        double v = (x[at] - mean) * inv * sc[sMap[at]];
        if (bi != null) {
          v += bi[bMap[at]];
        }
        y[at] = (float) v;
      }
    }
    return Args.floats(tx.dtype(), shape, y);
  }

  private static int[] broadcastTo(Tensor t, long[] shape, String what) {
    Args.floating(t, "layer_normalization " + what);
    long[] b = Broadcast.shape(t.shape(), shape);
    if (!java.util.Arrays.equals(b, shape)) {
      throw Args.bad("layer_normalization " + what + " of shape " + Args.shape(t.shape())
          + " does not broadcast to X " + Args.shape(shape));
    }
    return Broadcast.indexMap(t.shape(), shape);
  }

  /**
   * Softmax (or log-softmax) over one axis; with coerce2d over the flattened dims [axis, rank) as
   * in ONNX opsets before 13.
   */
  static Tensor softmax(Tensor tx, long axisAttr, boolean coerce2d, boolean log) {
    Args.floating(tx, (log ? "log_softmax" : "softmax") + " input");
    long[] shape = tx.shape();
    int r = shape.length;
    int axis = r == 0 ? 0 : Args.axis(axisAttr, r, "softmax axis");
    int outer = (int) Args.prod(shape, 0, axis);
    int n = coerce2d ? (int) Args.prod(shape, axis, r) : (r == 0 ? 1 : (int) shape[axis]);
    int inner = coerce2d ? 1 : (int) Args.prod(shape, Math.min(axis + 1, r), r);
    float[] x = tx.floats();
    float[] y = new float[x.length];
    for (int o = 0; o < outer; o++) {
      for (int in = 0; in < inner; in++) {
        int b = o * n * inner + in;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          max = Math.max(max, x[b + i * inner]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += Math.exp(x[b + i * inner] - max);
        }
        if (log) {
          double ls = Math.log(sum);
          for (int i = 0; i < n; i++) {
            y[b + i * inner] = (float) (x[b + i * inner] - max - ls);
          }
        } else {
          for (int i = 0; i < n; i++) {
            y[b + i * inner] = (float) (Math.exp(x[b + i * inner] - max) / sum);
          }
        }
      }
    }
    return Args.floats(tx.dtype(), shape, y);
  }
}
