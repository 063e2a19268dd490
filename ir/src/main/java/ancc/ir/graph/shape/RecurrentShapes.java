package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Output types of the recurrent layers (RNN, GRU, LSTM). */
public final class RecurrentShapes {
  private RecurrentShapes() {}

  /** Y [seq, dirs, batch, hidden] (batch-first: [batch, seq, dirs, hidden]), Y_h and Y_c [dirs, batch, hidden]. */
  public static List<TensorType> recurrent(ShapeContext c, Op.Recurrent op) {
    TensorType x = ElementShapes.floatingSame(c);
    if (x.rank() != 3) {
      throw c.fail("X " + x + " must have rank 3");
    }
    int gates = op.kind() == Op.RnnKind.RNN ? 1 : op.kind() == Op.RnnKind.GRU ? 3 : 4;
    long h = op.hiddenSize();
    if (h < 1) {
      throw c.fail("hidden_size " + h + " must be positive");
    }
    Dim dirs = Dim.of(op.direction() == Op.RnnDirection.BIDIRECTIONAL ? 2 : 1);
    Dim seq = x.dim(op.batchFirst() ? 1 : 0);
    Dim batch = x.dim(op.batchFirst() ? 0 : 1);
    Dim in = x.dim(2);
    check(c, 1, "W", x, List.of(dirs, Dim.of(gates * h), in));
    check(c, 2, "R", x, List.of(dirs, Dim.of(gates * h), Dim.of(h)));
    if (c.has(3)) {
      check(c, 3, "B", x, List.of(dirs, Dim.of(2 * gates * h)));
    }
    if (c.has(4)) {
      TensorType lens = c.in(4);
      if (lens.dtype().isFloating() || lens.rank() != 1) {
        throw c.fail("sequence_lens " + lens + " must be a 1-D integer tensor");
      }
      c.requireSame(lens.dim(0), batch, "sequence_lens " + lens + " does not match batch " + batch);
    }
    List<Dim> state = op.batchFirst() ? List.of(batch, dirs, Dim.of(h)) : List.of(dirs, batch, Dim.of(h));
    for (int i = 5; i < Math.min(7, c.inputCount()); i++) {
      if (c.has(i)) {
        check(c, i, i == 5 ? "initial_h" : "initial_c", x, state);
      }
    }
    if (c.has(7)) {
      check(c, 7, "P", x, List.of(dirs, Dim.of(3 * h)));
    }
    List<Dim> y = op.batchFirst() ? List.of(batch, seq, dirs, Dim.of(h)) : List.of(seq, dirs, batch, Dim.of(h));
    List<TensorType> out = new ArrayList<>();
    out.add(x.withDims(y));
    out.add(x.withDims(state));
    if (op.kind() == Op.RnnKind.LSTM) {
      out.add(x.withDims(state));
    }
    return out;
  }

  private static void check(ShapeContext c, int i, String what, TensorType x, List<Dim> want) {
    TensorType t = c.in(i);
    if (t.dtype() != x.dtype() || t.rank() != want.size()) {
      throw c.fail(what + " " + t + " must be " + x.dtype().text() + Dims.text(want));
    }
    for (int d = 0; d < want.size(); d++) {
      c.requireSame(t.dim(d), want.get(d), what + " " + t + " must be " + x.dtype().text() + Dims.text(want));
    }
  }
}
