package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;

/**
 * N-D convolution (a matrix product per group through {@link PackedGemm}, im2col done by its
 * packer) and transposed convolution (matrix product + col2im scatter). Sums accumulate in double.
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
    float[] y = new float[Args.numel(outShape)];
    if (cg == 1 && d == 2 && !pointwise) {
      depthwise2d(x, tw.floats(), bias, y, batch, c, m, mg, in, out, k, s, pads[0], dil);
      return Args.floats(tx.dtype(), outShape, y);
    }
    // one product per group: W_g [mg, cg*kp] x columns [cg*kp, batch*pout] (column n*pout + p is
    // output position p of image n), the columns gathered straight into the packed panels
    PackedGemm.run(g, mg, kc, Args.numel(new long[] {batch, pout}), new PackedGemm.Matrix(tw.floats(), gi -> gi * mg * kc, kc, 1),
        (gi, k0, rows, j0, nb, panel) -> {
          for (int r = 0; r < rows; r++) {
            int ci = (k0 + r) / kp;
            int[] map = maps == null ? null : maps[k0 + r - ci * kp];
            double[] dst = panel[r];
            int img = j0 / pout;
            int p = j0 - img * pout;
            for (int j = 0; j < nb; ) {
              int len = Math.min(nb - j, pout - p);
              int base = (img * c + gi * cg + ci) * pin;
              if (map == null) {
                for (int t = 0; t < len; t++) {
                  dst[j + t] = x[base + p + t];
                }
              } else {
                for (int t = 0; t < len; t++) {
                  int idx = map[p + t];
                  dst[j + t] = idx < 0 ? 0.0 : x[base + idx];
                }
              }
              j += len;
              img++;
              p = 0;
            }
          }
        },
        (gi, mi, j0, nb, row) -> {
          int oc = gi * mg + mi;
          double b = bias == null ? 0.0 : bias[oc];
          int img = j0 / pout;
          int p = j0 - img * pout;
          for (int j = 0; j < nb; ) {
            int len = Math.min(nb - j, pout - p);
            int yBase = (img * m + oc) * pout + p;
            for (int t = 0; t < len; t++) {
              y[yBase + t] = (float) (row[j + t] + b);
            }
            j += len;
            img++;
            p = 0;
          }
        });
    return Args.floats(tx.dtype(), outShape, y);
  }

  /**
   * A 2-D convolution whose every output channel reads one input channel (depthwise, with channel
   * multiplier {@code mg}). A packed matrix product would multiply a 1 x kp panel per plane, all
   * packing and no arithmetic; here each output row adds, tap by tap, a weight times a run of its
   * input row, the run's ends found once per tap so the inner loop has no bounds test. Each output
   * element still starts at +0.0 and adds its in-range taps in kernel order, in double: the bits of
   * the packed product (padding taps add +-0.0 there, nothing here). Planes are the parallel items,
   * so the bits do not depend on the thread count.
   */
  private static void depthwise2d(float[] x, float[] w, float[] bias, float[] y, int batch, int c, int m, int mg,
      int[] in, int[] out, int[] k, int[] s, int[] padBegin, int[] dil) {
    int ih = in[0];
    int iw = in[1];
    int oh = out[0];
    int ow = out[1];
    int kh = k[0];
    int kw = k[1];
    Parallel.forEach(batch * m, plane -> {
      int img = plane / m;
      int oc = plane - img * m;
      int xBase = (img * c + oc / mg) * ih * iw;
      int wBase = oc * kh * kw;
      double b = bias == null ? 0.0 : bias[oc];
      double[] acc = new double[ow];
      for (int r = 0; r < oh; r++) {
        java.util.Arrays.fill(acc, 0.0);
        for (int a = 0; a < kh; a++) {
          int row = r * s[0] - padBegin[0] + a * dil[0];
          if (row < 0 || row >= ih) {
            continue;
          }
          int rowBase = xBase + row * iw;
          for (int e = 0; e < kw; e++) {
            double wt = w[wBase + a * kw + e];
            int shift = e * dil[1] - padBegin[1]; // input column of output column q: q * s + shift
            int lo = shift >= 0 ? 0 : (-shift + s[1] - 1) / s[1];
            int hi = Math.min(ow, iw - shift <= 0 ? 0 : (iw - shift - 1) / s[1] + 1);
            if (s[1] == 1) {
              int off = rowBase + shift;
              for (int q = lo; q < hi; q++) {
                acc[q] += wt * x[off + q];
              }
            } else {
              for (int q = lo; q < hi; q++) {
                acc[q] += wt * x[rowBase + q * s[1] + shift];
              }
            }
          }
        }
        int yBase = (plane * oh + r) * ow;
        for (int q = 0; q < ow; q++) {
          y[yBase + q] = (float) (acc[q] + b);
        }
      }
    });
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
