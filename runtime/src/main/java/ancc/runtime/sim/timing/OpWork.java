package ancc.runtime.sim.timing;

import ancc.ir.graph.Op;
import ancc.ir.program.Instr;
import java.util.List;

/**
 * The arithmetic of a {@link Instr.Digital} instruction, from its operand shapes (docs/isa.md):
 * MAC-array ops (conv, conv_transpose, gemm, matmul, linear) count multiply-accumulates; other ops
 * count element operations: one per output element for element-wise ops, one per input element
 * read for pooling, reductions, softmax and normalizations, none for layout ops.
 */
public final class OpWork {
  private OpWork() {}

  /** Whether {@code op} runs on the MAC array. */
  public static boolean isMacOp(Op op) {
    return op instanceof Op.Conv || op instanceof Op.ConvTranspose || op instanceof Op.Gemm
        || op instanceof Op.MatMul || op instanceof Op.Linear;
  }

  /** Multiply-accumulates of a MAC-array op (0 for other ops). */
  public static long macs(Instr.Digital d, Shapes s) {
    Op op = d.op();
    if (!isMacOp(op)) {
      return 0;
    }
    List<String> in = d.inputs();
    long out = s.numel(d.outputs().get(0));
    long[] a = s.shape(in.get(0));
    long[] w = s.shape(in.get(1));
    if (op instanceof Op.Conv) {
      return w.length == 0 || w[0] == 0 ? 0 : out * (s.numel(in.get(1)) / w[0]);
    } else if (op instanceof Op.ConvTranspose) {
      return w.length == 0 || w[0] == 0 ? 0 : s.numel(in.get(0)) * (s.numel(in.get(1)) / w[0]);
    } else if (op instanceof Op.Gemm g) {
      long k = a.length < 2 ? 1 : (g.transA() ? a[0] : a[1]);
      return out * k;
    } else if (op instanceof Op.Linear) {
      return out * (w.length == 0 ? 1 : w[w.length - 1]);
    }
    return out * (a.length == 0 ? 1 : a[a.length - 1]);
  }

  /** Element operations of a non-MAC op (0 for MAC-array ops and layout ops). */
  public static long elementOps(Instr.Digital d, Shapes s) {
    Op op = d.op();
    if (isMacOp(op) || isLayout(op)) {
      return 0;
    }
    if (readsEveryInput(op)) {
      return s.numel(d.inputs().get(0));
    }
    long n = 0;
    for (String o : d.outputs()) {
      n += s.numel(o);
    }
    return n;
  }

  /** Whether {@code op} only moves or relabels data (no element operations). */
  public static boolean isLayout(Op op) {
    return op instanceof Op.Flatten || op instanceof Op.Reshape || op instanceof Op.Transpose
        || op instanceof Op.Concat || op instanceof Op.Split || op instanceof Op.Slice || op instanceof Op.Squeeze
        || op instanceof Op.Unsqueeze || op instanceof Op.Identity || op instanceof Op.Dropout
        || op instanceof Op.Shape || op instanceof Op.Size || op instanceof Op.Expand || op instanceof Op.Tile
        || op instanceof Op.Gather || op instanceof Op.GatherElements || op instanceof Op.GatherND
        || op instanceof Op.DepthToSpace || op instanceof Op.SpaceToDepth || op instanceof Op.Pad;
  }

  /** Whether {@code op} does one element operation per element of its first input. */
  public static boolean readsEveryInput(Op op) {
    return op instanceof Op.MaxPool || op instanceof Op.AveragePool || op instanceof Op.GlobalAveragePool
        || op instanceof Op.GlobalMaxPool || op instanceof Op.BatchNormalization
        || op instanceof Op.LayerNormalization || op instanceof Op.InstanceNormalization
        || op instanceof Op.MeanVarianceNormalization || op instanceof Op.Lrn || op instanceof Op.Softmax
        || op instanceof Op.LogSoftmax || op instanceof Op.Hardmax || op instanceof Op.Reduce
        || op instanceof Op.ArgReduce || op instanceof Op.TopK || op instanceof Op.CumSum;
  }
}
