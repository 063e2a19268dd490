package ancc.backends.cim;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent layer (ONNX RNN, GRU, LSTM as {@link Op.Recurrent}) seen as the weight matrices the
 * CIM backends map: per direction the input weights W [gates x H][I] and the recurrent weights R
 * [gates x H][H] (for a GRU without {@code linear_before_reset} R is two matrices, the update and
 * reset gates' [2H][H] and the hidden gate's [H][H], which multiply different vectors). The
 * sequence length must be fixed by the input shape; sequence_lens must be absent or a constant
 * equal to it for every batch entry; B and P must be constants.
 *
 * @param x the input X [seq, batch, I] ({@code batchFirst}: [batch, seq, I])
 * @param w W as [dirs][gates H][I], row-major
 * @param r R as [dirs][gates H][H]
 * @param b B as [dirs][2 gates H] (Wb then Rb), or null
 * @param peep P as [dirs][3H] (i, o, f), or null
 * @param initialH initial_h, or null (zero state)
 * @param initialC initial_c (LSTM), or null
 */
public record RecurrentNode(Node node, Op.Recurrent op, Value x, int seq, int input, int hidden, int gates, int dirs,
    float[] w, float[] r, float[] b, float[] peep, Value initialH, Value initialC) {

  /** The result of {@link #analyze}: a recurrent node the arrays can hold, or why not. */
  public record Analysis(RecurrentNode node, String reason) {
    public boolean ok() {
      return node != null;
    }
  }

  /** One weight matrix of a direction: outputs [outStart, +outputs) of W or R, its inputs, and its weights. */
  record Matrix(String name, int outputs, int inputs, float[] weights) {}

  /** The node as recurrent matrices, or why the arrays cannot hold it. */
  public static Analysis analyze(Node node, Module m) {
    if (!(node.op() instanceof Op.Recurrent op)) {
      return no(node.op().name() + " is not a recurrent layer");
    }
    Tensor w = m.constant(node.input(1));
    Tensor r = m.constant(node.input(2));
    if (w == null || r == null || !w.isFloating() || !r.isFloating()) {
      return no("its W and R are not constant floating tensors");
    }
    TensorType xt = node.input(0).type();
    int seqAxis = op.batchFirst() ? 1 : 0;
    if (xt.rank() != 3 || !xt.dim(seqAxis).isFixed() || !xt.dim(2).isFixed()) {
      return no("its sequence length is not fixed by the input shape " + xt
          + " (arrays run a fixed number of steps; give the model a static sequence length)");
    }
    int seq = Math.toIntExact(xt.dim(seqAxis).size());
    int input = Math.toIntExact(xt.dim(2).size());
    int hidden = Math.toIntExact(op.hiddenSize());
    int gates = op.kind() == Op.RnnKind.RNN ? 1 : op.kind() == Op.RnnKind.GRU ? 3 : 4;
    int dirs = op.direction() == Op.RnnDirection.BIDIRECTIONAL ? 2 : 1;
    if (seq < 1) {
      return no("its sequence length is " + seq);
    }
    float[] bias = null;
    if (node.input(3) != null) {
      Tensor bt = m.constant(node.input(3));
      if (bt == null || !bt.isFloating()) {
        return no("its bias B is not a constant floating tensor");
      }
      bias = bt.floats();
    }
    if (node.input(4) != null) {
      Tensor lens = m.constant(node.input(4));
      if (lens == null) {
        return no("its sequence_lens is not a constant (steps past a sequence's end cannot be skipped on arrays)");
      }
      for (int i = 0; i < lens.size(); i++) {
        if (lens.getLong(i) != seq) {
          return no("its sequence_lens " + lens.getLong(i) + " differs from the " + seq
              + " steps of the input (only full-length sequences run on arrays)");
        }
      }
    }
    float[] peep = null;
    if (op.kind() == Op.RnnKind.LSTM && node.input(7) != null) {
      Tensor pt = m.constant(node.input(7));
      if (pt == null || !pt.isFloating()) {
        return no("its peepholes P are not a constant floating tensor");
      }
      peep = pt.floats();
    }
    Value h0 = node.input(5);
    Value c0 = op.kind() == Op.RnnKind.LSTM ? node.input(6) : null;
    return new Analysis(new RecurrentNode(node, op, node.input(0), seq, input, hidden, gates, dirs, w.floats(),
        r.floats(), bias, peep, h0, c0), null);
  }

  private static Analysis no(String reason) {
    return new Analysis(null, reason);
  }

  /** Whether R is split in two (a GRU whose hidden gate multiplies r x h_{t-1}, not h_{t-1}). */
  boolean splitR() {
    return op.kind() == Op.RnnKind.GRU && !op.linearBeforeReset();
  }

  /** W of direction d: [gates H][I]. */
  Matrix inputMatrix(int d) {
    int rows = gates * hidden;
    float[] m = new float[rows * input];
    System.arraycopy(w, d * rows * input, m, 0, m.length);
    return new Matrix("d" + d + ".w", rows, input, m);
  }

  /** R of direction d: one [gates H][H] matrix, or the [2H][H] and [H][H] parts of a GRU without linear_before_reset. */
  List<Matrix> recurrentMatrices(int d) {
    int rows = gates * hidden;
    int base = d * rows * hidden;
    List<Matrix> out = new ArrayList<>();
    if (splitR()) {
      out.add(new Matrix("d" + d + ".rzr", 2 * hidden, hidden, slice(r, base, 2 * hidden * hidden)));
      out.add(new Matrix("d" + d + ".rh", hidden, hidden, slice(r, base + 2 * hidden * hidden, hidden * hidden)));
    } else {
      out.add(new Matrix("d" + d + ".r", rows, hidden, slice(r, base, rows * hidden)));
    }
    return out;
  }

  /**
   * The bias dequantize adds to x_t W^T of direction d: Wb + Rb, except a GRU with
   * linear_before_reset keeps the hidden gate's Rb for r x (h R_h^T + Rb_h) ({@link #hiddenGateBias}).
   * Null without B.
   */
  float[] inputBias(int d) {
    if (b == null) {
      return null;
    }
    int rows = gates * hidden;
    float[] out = new float[rows];
    for (int k = 0; k < rows; k++) {
      boolean keepRb = op.kind() == Op.RnnKind.GRU && op.linearBeforeReset() && k >= 2 * hidden;
      out[k] = b[d * 2 * rows + k] + (keepRb ? 0f : b[d * 2 * rows + rows + k]);
    }
    return out;
  }

  /**
   * The bias dequantize adds to h_{t-1} R^T of direction d: 0 for the update and reset gates and
   * Rb_h for the hidden gate of a GRU with linear_before_reset (which r multiplies with the
   * product); null otherwise (the rest of Rb is in {@link #inputBias}).
   */
  float[] recurrentBias(int d) {
    float[] rb = hiddenGateBias(d);
    if (rb == null) {
      return null;
    }
    float[] out = new float[gates * hidden];
    System.arraycopy(rb, 0, out, 2 * hidden, hidden);
    return out;
  }

  /** Rb of the hidden gate of a GRU with linear_before_reset for direction d ([H]), or null. */
  float[] hiddenGateBias(int d) {
    if (b == null || op.kind() != Op.RnnKind.GRU || !op.linearBeforeReset()) {
      return null;
    }
    int rows = gates * hidden;
    return slice(b, d * 2 * rows + rows + 2 * hidden, hidden);
  }

  /** P of direction d for gate k (0 i, 1 o, 2 f) as [H], or null. */
  float[] peephole(int d, int k) {
    return peep == null ? null : slice(peep, d * 3 * hidden + k * hidden, hidden);
  }

  /** Weights held on arrays: every direction's W and R. */
  long weights() {
    return (long) w.length + r.length;
  }

  private static float[] slice(float[] a, int from, int n) {
    float[] out = new float[n];
    System.arraycopy(a, from, out, 0, n);
    return out;
  }
}
