package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;

/**
 * N-D convolution (im2col + matrix product per image and group) and transposed convolution
 * (matrix product + col2im scatter). Sums accumulate in double.
 */
final class ConvKernels {
  private ConvKernels() {}

  static Tensor conv(Op.Conv op, Tensor tx, Tensor tw, Tensor tb) {
    Args.floating(tx, "conv X");
    Args.floating(tw, "conv W");
    int d = tx.rank() - 2;
    if (d < 1 || tw.rank() != tx.rank()) {
      throw Args.bad("conv X " + Args.shape(tx.shape()) + " and W " + Args.shape(tw.shape())
          + " need equal ranks >= 3");
    }
    int batch = (int) tx.dim(0);
    int c = (int) tx.dim(1);
    int m = (int) tw.dim(0);
    int g = (int) op.group();
    if (g <= 0 || c % g != 0 || m % g != 0 || tw.dim(1) * g != c) {
      throw Args.bad("conv X has " + c + " channels but W " + Args.shape(tw.shape()) + " with group " + g
          + " expects " + tw.dim(1) * g);
    }
    int cg = c / g;
    int mg = m / g;
    int[] in = spatial(tx);
    int[] k = spatial(tw);
    int[] s = Windows.attr(op.strides(), d, 1, "strides");
    int[] dil = Windows.attr(op.dilations(), d, 1, "dilations");
    int[][] pads = Windows.pads(op.pads(), d);
    int[] out = new int[d];
    long[] outShape = new long[d + 2];
    outShape[0] = batch;
    outShape[1] = m;
    for (int i = 0; i < d; i++) {
      out[i] = Windows.outSize(in[i], pads[0][i], pads[1][i], k[i], s[i], dil[i], false, "conv");
      outShape[i + 2] = out[i];
    }
    float[] bias = bias(tb, m, "conv");
    int pin = Windows.prod(in);
    int pout = Windows.prod(out);
    int kp = Windows.prod(k);
    int kc = cg * kp;
    boolean pointwise = kp == 1 && pin == pout;
    for (int i = 0; i < d && pointwise; i++) {
      pointwise = s[i] == 1 && pads[0][i] == 0;
    }
    int[][] maps = pointwise ? null : Windows.maps(out, in, k, s, pads[0], dil);
    float[] x = tx.floats();
    float[] w = tw.floats();
    float[] y = new float[Args.numel(outShape)];
    float[] col = pointwise ? null : new float[Args.numel(new long[] {kc, pout})];
    double[] acc = new double[Args.numel(new long[] {mg, pout})];
    for (int n = 0; n < batch; n++) {
      for (int gi = 0; gi < g; gi++) {
        int xBase = (n * c + gi * cg) * pin;
        if (pointwise) {
          MatMulKernels.multiply(w, gi * mg * kc, kc, 1, x, xBase, pin, 1, mg, kc, pout, acc);
        } else {
          for (int ci = 0; ci < cg; ci++) {
            int cBase = xBase + ci * pin;
            for (int kk = 0; kk < kp; kk++) {
              int[] map = maps[kk];
              int row = (ci * kp + kk) * pout;
              for (int p = 0; p < pout; p++) {
                int idx = map[p];
                col[row + p] = idx < 0 ? 0f : x[cBase + idx];
              }
            }
          }
          MatMulKernels.multiply(w, gi * mg * kc, kc, 1, col, 0, pout, 1, mg, kc, pout, acc);
        }
        for (int mi = 0; mi < mg; mi++) {
          int oc = gi * mg + mi;
          int yBase = (n * m + oc) * pout;
          double b = bias == null ? 0.0 : bias[oc];
          for (int p = 0; p < pout; p++) {
            y[yBase + p] = (float) (acc[mi * pout + p] + b);
          }
        }
      }
    }
    return Args.floats(tx.dtype(), outShape, y);
  }

  /**
   * Transposed convolution: every input element scatters X[n,c,i] * W[c,m,k] to output position
   * i*stride - padBegin + k*dilation; output size stride*(in-1) + outputPadding + (k-1)*dilation + 1
   * - padBegin - padEnd.
   */
  static Tensor convTranspose(Op.ConvTranspose op, Tensor tx, Tensor tw, Tensor tb) {
    Args.floating(tx, "conv_transpose X");
    Args.floating(tw, "conv_transpose W");
    int d = tx.rank() - 2;
    if (d < 1 || tw.rank() != tx.rank()) {
      throw Args.bad("conv_transpose X " + Args.shape(tx.shape()) + " and W " + Args.shape(tw.shape())
          + " need equal ranks >= 3");
    }
    int batch = (int) tx.dim(0);
    int c = (int) tx.dim(1);
    int g = (int) op.group();
    if (g <= 0 || c % g != 0 || tw.dim(0) != c) {
      throw Args.bad("conv_transpose X has " + c + " channels but W " + Args.shape(tw.shape()) + " with group "
          + g + " expects " + tw.dim(0));
    }
    int cg = c / g;
    int mg = (int) tw.dim(1);
    int m = mg * g;
    int[] in = spatial(tx);
    int[] k = spatial(tw);
    int[] s = Windows.attr(op.strides(), d, 1, "strides");
    int[] dil = Windows.attr(op.dilations(), d, 1, "dilations");
    int[] opad = Windows.attr(op.outputPadding(), d, 0, "output_padding");
    int[][] pads = Windows.pads(op.pads(), d);
    int[] out = new int[d];
    long[] outShape = new long[d + 2];
    outShape[0] = batch;
    outShape[1] = m;
    for (int i = 0; i < d; i++) {
      long o = (long) s[i] * (in[i] - 1) + opad[i] + (long) (k[i] - 1) * dil[i] + 1 - pads[0][i] - pads[1][i];
      if (o <= 0 || o > Integer.MAX_VALUE) {
        throw Args.bad("conv_transpose output size " + o + " along spatial dim " + i + " is invalid");
      }
      out[i] = (int) o;
      outShape[i + 2] = o;
    }
    float[] bias = bias(tb, m, "conv_transpose");
    int pin = Windows.prod(in);
    int pout = Windows.prod(out);
    int kp = Windows.prod(k);
    int rows = mg * kp;
    int[][] maps = Windows.maps(in, out, k, s, pads[0], dil);
    float[] x = tx.floats();
    float[] w = tw.floats();
    float[] y = new float[Args.numel(outShape)];
    double[] col = new double[Args.numel(new long[] {rows, pin})];
    double[] acc = new double[Args.numel(new long[] {mg, pout})];
    for (int n = 0; n < batch; n++) {
      for (int gi = 0; gi < g; gi++) {
        // col[(m,k), i] = sum_c W[gi*cg + c, m, k] * X[n, gi*cg + c, i]
        MatMulKernels.multiply(w, gi * cg * rows, 1, rows, x, (n * c + gi * cg) * pin, pin, 1, rows, cg, pin, col);
        java.util.Arrays.fill(acc, 0.0);
        for (int mi = 0; mi < mg; mi++) {
          for (int kk = 0; kk < kp; kk++) {
            int[] map = maps[kk];
            int src = (mi * kp + kk) * pin;
            int dst = mi * pout;
            for (int p = 0; p < pin; p++) {
              int idx = map[p];
              if (idx >= 0) {
                acc[dst + idx] += col[src + p];
              }
            }
          }
        }
        for (int mi = 0; mi < mg; mi++) {
          int oc = gi * mg + mi;
          int yBase = (n * m + oc) * pout;
          double b = bias == null ? 0.0 : bias[oc];
          for (int p = 0; p < pout; p++) {
            y[yBase + p] = (float) (acc[mi * pout + p] + b);
          }
        }
      }
    }
    return Args.floats(tx.dtype(), outShape, y);
  }

  private static float[] bias(Tensor tb, int m, String what) {
    if (tb == null) {
      return null;
    }
    Args.floating(tb, what + " B");
    if (tb.size() != m) {
      throw Args.bad(what + " B has shape " + Args.shape(tb.shape()) + " but there are " + m + " output channels");
    }
    return tb.floats();
  }

  /** The spatial dims (from index 2 on) of an [N, C, spatial...] tensor. */
  private static int[] spatial(Tensor t) {
    int[] dims = new int[t.rank() - 2];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = (int) t.dim(i + 2);
    }
    return dims;
  }
}
