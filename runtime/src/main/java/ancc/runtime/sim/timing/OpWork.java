package ancc.runtime.sim.timing;

import ancc.ir.graph.Op;
import ancc.ir.program.DigitalWork;
import ancc.ir.program.Instr;
import java.util.List;

/**
 * The arithmetic of a {@link Instr.Digital} instruction, from its operand shapes (docs/isa.md), by
 * the op's {@link DigitalWork}: MAC-array ops (conv, conv_transpose, gemm, matmul, linear, and the
 * recurrent layers rnn, gru, lstm) count multiply-accumulates (a recurrent layer also its gates'
 * element operations); other ops count element operations: one per output element for
 * element-wise ops, one per input element read for pooling, reductions, softmax and
 * normalizations, none for layout ops.
 */
public final class OpWork {
  private OpWork() {}

  /** Whether {@code op} runs on the MAC array. */
  public static boolean isMacOp(Op op) {
    return DigitalWork.of(op).usesMacArray();
  }

  /** Multiply-accumulates of a MAC-array op (0 for other ops). */
  public static long macs(Instr.Digital d, Shapes s) {
    DigitalWork work = DigitalWork.of(d.op());
    if (!work.usesMacArray()) {
      return 0;
    }
    List<String> in = d.inputs();
    long out = s.numel(d.outputs().get(0));
    long[] a = s.shape(in.get(0));
    long[] w = s.shape(in.get(1));
    return switch (work) {
      case CONV -> w.length == 0 || w[0] == 0 ? 0 : out * (s.numel(in.get(1)) / w[0]);
      case CONV_TRANSPOSE -> w.length == 0 || w[0] == 0 ? 0 : s.numel(in.get(0)) * (s.numel(in.get(1)) / w[0]);
      case GEMM -> out * (a.length < 2 ? 1 : a[1]);
      case GEMM_TRANSPOSED_A -> out * (a.length < 2 ? 1 : a[0]);
      case LINEAR -> out * (w.length == 0 ? 1 : w[w.length - 1]);
      case MATMUL -> out * (a.length == 0 ? 1 : a[a.length - 1]);
      case RECURRENT -> a.length == 0 || a[a.length - 1] == 0 ? 0
          : s.numel(in.get(0)) / a[a.length - 1] * (s.numel(in.get(1)) + s.numel(in.get(2)));
      case PER_INPUT, PER_OUTPUT, LAYOUT, VIEW -> 0;
    };
  }

  /**
   * Element operations of a recurrent layer's gates per element of Y (one hidden unit, one step,
   * one direction): RNN: the pre-activation sum and tanh (2); GRU: the update and reset gates' sums
   * and sigmoids (4), the hidden gate's product, sum and tanh (3), the blend (1 - z) cand + z h
   * (3): 10; LSTM: four pre-activation sums and activations (8), the cell update f c + i g (3),
   * tanh c and o x tanh c (2): 13. Peepholes' products and sums are not counted.
   */
  static long gateOps(Op.RnnKind kind) {
    return switch (kind) {
      case RNN -> 2;
      case GRU -> 10;
      case LSTM -> 13;
    };
  }

  /** Element operations of a non-MAC op or of a recurrent layer's gates (0 for other MAC-array ops and layout ops). */
  public static long elementOps(Instr.Digital d, Shapes s) {
    return switch (DigitalWork.of(d.op())) {
      case CONV, CONV_TRANSPOSE, GEMM, GEMM_TRANSPOSED_A, MATMUL, LINEAR, LAYOUT, VIEW -> 0;
      case RECURRENT -> s.numel(d.outputs().get(0)) * gateOps(((Op.Recurrent) d.op()).kind());
      case PER_INPUT -> s.numel(d.inputs().get(0));
      case PER_OUTPUT -> outputElements(d, s);
    };
  }

  private static long outputElements(Instr.Digital d, Shapes s) {
    long n = 0;
    for (String o : d.outputs()) {
      n += s.numel(o);
    }
    return n;
  }

  /** Whether {@code op} only moves or relabels data (no element operations). */
  public static boolean isLayout(Op op) {
    return DigitalWork.of(op).isLayout();
  }

  /** Whether {@code op} does one element operation per element of its first input. */
  public static boolean readsEveryInput(Op op) {
    return DigitalWork.of(op) == DigitalWork.PER_INPUT;
  }
}
