package ancc.ir.program;

import ancc.ir.graph.Op;

/**
 * What the digital units of a tile do for the graph op of a {@code digital} instruction
 * (docs/isa.md, "digital"). MAC-array ops count multiply-accumulates on a digital tile's MAC
 * array; the constant says where the reduction length K comes from. Other ops count element
 * operations: one per element of the first input read ({@link #PER_INPUT}: pooling, reductions,
 * softmax, normalizations), one per output element ({@link #PER_OUTPUT}: element-wise ops and
 * activations), or none: {@link #LAYOUT} ops only move data, {@link #VIEW} ops (reshape-like)
 * only relabel it. Every op is classified by a visitor, so a new op does not compile until it is.
 */
public enum DigitalWork {
  /** MACs = output elements x prod(W.shape[1:]). */
  CONV,
  /** MACs = input elements x prod(W.shape[1:]). */
  CONV_TRANSPOSE,
  /** MACs = output elements x A's dim 1 (1 for A of rank below 2). */
  GEMM,
  /** Gemm with transA: MACs = output elements x A's dim 0. */
  GEMM_TRANSPOSED_A,
  /** MACs = output elements x A's last dim (1 for a scalar A). */
  MATMUL,
  /** MACs = output elements x W's last dim (1 for a scalar W). */
  LINEAR,
  /**
   * A recurrent layer (RNN, GRU, LSTM): MACs = steps x batch x (W + R elements of all directions),
   * every step multiplying x_t by W and h_{t-1} by R; plus the gates' element operations, per
   * element of Y: 2 for an RNN (sum, tanh), 10 for a GRU, 13 for an LSTM (runtime's
   * {@code OpWork}).
   */
  RECURRENT,
  /** One element operation per element of the first input. */
  PER_INPUT,
  /** One element operation per output element. */
  PER_OUTPUT,
  /** No element operations: the op only moves data. */
  LAYOUT,
  /** No element operations, and no data moves on chip: the op only relabels its input's elements. */
  VIEW;

  /** The work of {@code op}. */
  public static DigitalWork of(Op op) {
    return op.accept(Classify.INSTANCE, null);
  }

  /** Whether the op only moves or relabels data ({@link #LAYOUT} or {@link #VIEW}). */
  public boolean isLayout() {
    return this == LAYOUT || this == VIEW;
  }

  /** Whether the op runs on the MAC array (and so only on digital tiles). */
  public boolean usesMacArray() {
    return switch (this) {
      case CONV, CONV_TRANSPOSE, GEMM, GEMM_TRANSPOSED_A, MATMUL, LINEAR, RECURRENT -> true;
      case PER_INPUT, PER_OUTPUT, LAYOUT, VIEW -> false;
    };
  }

  private static final class Classify implements Op.Visitor<DigitalWork, Void> {
    static final Classify INSTANCE = new Classify();

    public DigitalWork visit(Op.Conv o, Void c) { return CONV; }

    public DigitalWork visit(Op.ConvTranspose o, Void c) { return CONV_TRANSPOSE; }

    public DigitalWork visit(Op.Gemm o, Void c) { return o.transA() ? GEMM_TRANSPOSED_A : GEMM; }

    public DigitalWork visit(Op.MatMul o, Void c) { return MATMUL; }

    public DigitalWork visit(Op.Linear o, Void c) { return LINEAR; }

    public DigitalWork visit(Op.Binary o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Unary o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.LeakyRelu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.PRelu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Clip o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.HardSigmoid o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Softmax o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.LogSoftmax o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.MaxPool o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.AveragePool o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.GlobalAveragePool o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.GlobalMaxPool o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.BatchNormalization o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.LayerNormalization o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Flatten o, Void c) { return VIEW; }

    public DigitalWork visit(Op.Reshape o, Void c) { return VIEW; }

    public DigitalWork visit(Op.Transpose o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Concat o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Split o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Slice o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Squeeze o, Void c) { return VIEW; }

    public DigitalWork visit(Op.Unsqueeze o, Void c) { return VIEW; }

    public DigitalWork visit(Op.Pad o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Dropout o, Void c) { return VIEW; }

    public DigitalWork visit(Op.Identity o, Void c) { return VIEW; }

    public DigitalWork visit(Op.Shape o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Gather o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Cast o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Reduce o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Resize o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Elu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Celu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Selu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.ThresholdedRelu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.IsNaN o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.IsInf o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Compare o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Variadic o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Where o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.ArgReduce o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Hardmax o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.InstanceNormalization o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Lrn o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Expand o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.Tile o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.ConstantOfShape o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Range o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Size o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.GatherElements o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.CumSum o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Trilu o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.DepthToSpace o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.SpaceToDepth o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.ResizeInterp o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.NllLoss o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Shrink o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.EyeLike o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.TopK o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.OneHot o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.GatherND o, Void c) { return LAYOUT; }

    public DigitalWork visit(Op.ScatterElements o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.ScatterND o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.QuantizeLinear o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.DequantizeLinear o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.DynamicQuantizeLinear o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Window o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.MeanVarianceNormalization o, Void c) { return PER_INPUT; }

    public DigitalWork visit(Op.Recurrent o, Void c) { return RECURRENT; }

    public DigitalWork visit(Op.MatMulInteger o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.ReverseSequence o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.GridSample o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.NonZero o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Compress o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.MaxUnpool o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.NonMaxSuppression o, Void c) { return PER_OUTPUT; }

    public DigitalWork visit(Op.Unique o, Void c) { return PER_OUTPUT; }
  }
}
