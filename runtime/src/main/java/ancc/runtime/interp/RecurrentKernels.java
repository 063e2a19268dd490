package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Op.RnnKind;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX RNN, GRU and LSTM with their default activations, in double precision. Gate order follows
 * ONNX: GRU z, r, h; LSTM i, o, f, c (peepholes i, o, f). Steps past a batch entry's sequence
 * length leave Y at zero and its final state at the last valid step.
 */
final class RecurrentKernels {
  private RecurrentKernels() {}

  /** Inputs as {@link Op.Recurrent} documents them (absent ones null). */
  static List<Tensor> run(Op.Recurrent op, List<Tensor> in) {
    Tensor x = Args.floating(Args.need(in, 0, "X"), "X");
    Tensor w = Args.need(in, 1, "W");
    Tensor r = Args.need(in, 2, "R");
    Tensor b = Args.opt(in, 3);
    Tensor lens = Args.opt(in, 4);
    Tensor h0 = Args.opt(in, 5);
    Tensor c0 = Args.opt(in, 6);
    Tensor p = Args.opt(in, 7);
    if (x.rank() != 3) {
      throw Args.bad(op.name() + " X must have rank 3 but has shape " + Args.shape(x.shape()));
    }
    int seq = (int) x.dim(op.batchFirst() ? 1 : 0);
    int batch = (int) x.dim(op.batchFirst() ? 0 : 1);
    int input = (int) x.dim(2);
    int h = (int) op.hiddenSize();
    int gates = op.kind() == RnnKind.RNN ? 1 : op.kind() == RnnKind.GRU ? 3 : 4;
    int dirs = op.direction() == Op.RnnDirection.BIDIRECTIONAL ? 2 : 1;
    if (w.size() != dirs * gates * h * input || r.size() != dirs * gates * h * h
        || (b != null && b.size() != dirs * 2 * gates * h)) {
      throw Args.bad(op.name() + " W, R or B does not match hidden_size " + h + " and input size " + input);
    }
    float[] y = new float[seq * dirs * batch * h];
    float[] yh = new float[dirs * batch * h];
    float[] yc = new float[dirs * batch * h];
    for (int d = 0; d < dirs; d++) {
      boolean reverse = op.direction() == Op.RnnDirection.REVERSE || d == 1;
      double[] hs = new double[batch * h];
      double[] cs = new double[batch * h];
      for (int i = 0; i < batch * h; i++) {
        hs[i] = h0 == null ? 0 : h0.getDouble(stateIndex(op, d, i / h, i % h, dirs, batch, h));
        cs[i] = c0 == null ? 0 : c0.getDouble(stateIndex(op, d, i / h, i % h, dirs, batch, h));
      }
      Cell cell = new Cell(op, w, r, b, p, d, gates, h, input);
      for (int bi = 0; bi < batch; bi++) {
        long len = lens == null ? seq : lens.getLong(bi);
        if (len < 0 || len > seq) {
          throw Args.bad(op.name() + " sequence length " + len + " is out of range for " + seq + " steps");
        }
        for (int s = 0; s < len; s++) {
          int t = reverse ? (int) len - 1 - s : s;
          double[] xt = new double[input];
          for (int i = 0; i < input; i++) {
            int at = op.batchFirst() ? (bi * seq + t) * input + i : (t * batch + bi) * input + i;
            xt[i] = x.floats()[at];
          }
          cell.step(xt, hs, cs, bi * h);
          for (int j = 0; j < h; j++) {
            int at = op.batchFirst() ? ((bi * seq + t) * dirs + d) * h + j : ((t * dirs + d) * batch + bi) * h + j;
            y[at] = (float) hs[bi * h + j];
          }
        }
      }
      for (int i = 0; i < batch * h; i++) {
        int at = stateIndex(op, d, i / h, i % h, dirs, batch, h);
        yh[at] = (float) hs[i];
        yc[at] = (float) cs[i];
      }
    }
    long[] yShape = op.batchFirst() ? new long[] {batch, seq, dirs, h} : new long[] {seq, dirs, batch, h};
    long[] sShape = op.batchFirst() ? new long[] {batch, dirs, h} : new long[] {dirs, batch, h};
    List<Tensor> out = new ArrayList<>();
    out.add(Args.floats(x.dtype(), yShape, y));
    out.add(Args.floats(x.dtype(), sShape, yh));
    if (op.kind() == RnnKind.LSTM) {
      out.add(Args.floats(x.dtype(), sShape, yc));
    }
    return out;
  }

  private static int stateIndex(Op.Recurrent op, int d, int b, int j, int dirs, int batch, int h) {
    return op.batchFirst() ? (b * dirs + d) * h + j : (d * batch + b) * h + j;
  }

  /** One direction's weights and the update of one batch entry's state by one time step. */
  private static final class Cell {
    private final Op.Recurrent op;
    private final double[][] w;
    private final double[][] r;
    private final double[] wb;
    private final double[] rb;
    private final double[] p;
    private final int h;

    Cell(Op.Recurrent op, Tensor wt, Tensor rt, Tensor bt, Tensor pt, int d, int gates, int h, int input) {
      this.op = op;
      this.h = h;
      int rows = gates * h;
      w = new double[rows][input];
      r = new double[rows][h];
      wb = new double[rows];
      rb = new double[rows];
      p = new double[3 * h];
      for (int k = 0; k < rows; k++) {
        for (int i = 0; i < input; i++) {
          w[k][i] = wt.getDouble((d * rows + k) * input + i);
        }
        for (int j = 0; j < h; j++) {
          r[k][j] = rt.getDouble((d * rows + k) * h + j);
        }
        if (bt != null) {
          wb[k] = bt.getDouble(d * 2 * rows + k);
          rb[k] = bt.getDouble(d * 2 * rows + rows + k);
        }
      }
      if (pt != null) {
        if (pt.size() < (d + 1) * 3 * h) {
          throw Args.bad("lstm P must have " + 3 * h + " values per direction");
        }
        for (int k = 0; k < 3 * h; k++) {
          p[k] = pt.getDouble(d * 3 * h + k);
        }
      }
    }

    private double dot(double[] row, double[] v, int off, int n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += row[i] * v[off + i];
      }
      return s;
    }

    private double clip(double v) {
      float c = op.clip();
      return c > 0 ? Math.max(-c, Math.min(c, v)) : v;
    }

    private static double sigmoid(double v) {
      return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

    /** Updates hs (and cs) at offset off from input xt. */
    void step(double[] xt, double[] hs, double[] cs, int off) {
      double[] prev = java.util.Arrays.copyOfRange(hs, off, off + h);
      double[] xw = new double[w.length];
      double[] hr = new double[w.length];
      for (int k = 0; k < w.length; k++) {
        xw[k] = dot(w[k], xt, 0, xt.length) + wb[k];
        hr[k] = dot(r[k], prev, 0, h) + rb[k];
      }
      for (int j = 0; j < h; j++) {
        switch (op.kind()) {
          case RNN:
            hs[off + j] = Math.tanh(clip(xw[j] + hr[j]));
            break;
          case GRU: {
            double z = sigmoid(clip(xw[j] + hr[j]));
            double rg = sigmoid(clip(xw[h + j] + hr[h + j]));
            double cand;
            if (op.linearBeforeReset()) {
              cand = xw[2 * h + j] + rg * hr[2 * h + j];
            } else {
              double s = 0;
              for (int i = 0; i < h; i++) {
                s += r[2 * h + j][i] * sigmoid(clip(xw[h + i] + hr[h + i])) * prev[i];
              }
              cand = xw[2 * h + j] + s + rb[2 * h + j];
            }
            hs[off + j] = (1 - z) * Math.tanh(clip(cand)) + z * prev[j];
            break;
          }
          case LSTM: {
            double c = cs[off + j];
            double i = sigmoid(clip(xw[j] + hr[j] + p[j] * c));
            double f = op.inputForget() ? 1 - i : sigmoid(clip(xw[2 * h + j] + hr[2 * h + j] + p[2 * h + j] * c));
            double g = Math.tanh(clip(xw[3 * h + j] + hr[3 * h + j]));
            double cn = f * c + i * g;
            double o = sigmoid(clip(xw[h + j] + hr[h + j] + p[h + j] * cn));
            cs[off + j] = cn;
            hs[off + j] = o * Math.tanh(cn);
            break;
          }
          default:
            throw new IllegalStateException("unhandled recurrent kind " + op.kind());
        }
      }
    }
  }
}
