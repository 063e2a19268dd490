package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.exact;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.l;
import static ancc.runtime.interp.TT.s;
import static ancc.runtime.interp.TT.vec;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed results of the comparison, logic, variadic, math, axis and index kernels. */
class AddedKernelsTest {
  private static Tensor bools(long... v) {
    return Tensor.ofLongs(DType.BOOL, s(v.length), v);
  }

  @Test
  void compareLogicAndWhere() {
    Tensor a = f(s(2, 2), 1, 2, Float.NaN, 4);
    exact(eval(new Op.Compare(Op.CompareOp.GREATER_OR_EQUAL), a, f(s(2), 2, 2)), DType.BOOL, s(2, 2), 0, 1, 0, 1);
    exact(eval(new Op.Compare(Op.CompareOp.EQUAL), l(s(2), 3, -1), l(s(), 3)), DType.BOOL, s(2), 1, 0);
    exact(eval(new Op.Binary(Op.BinaryOp.XOR), bools(1, 0, 1), bools(1)), DType.BOOL, s(3), 0, 1, 0);
    exact(eval(new Op.Unary(Op.UnaryOp.NOT), bools(1, 0)), DType.BOOL, s(2), 0, 1);
    exact(eval(new Op.Binary(Op.BinaryOp.MOD), l(s(4), -7, 7, -7, 7), l(s(4), 3, 3, -3, -3)), DType.I64, s(4),
        2, 1, -1, -2);
    exact(eval(new Op.Binary(Op.BinaryOp.FMOD), l(s(2), -7, 7), l(s(2), 3, -3)), DType.I64, s(2), -1, 1);
    close(eval(new Op.Binary(Op.BinaryOp.FMOD), f(s(2), -7.5f, 7.5f), f(s(1), 2f)), s(2), -1.5f, 1.5f);
    close(eval(new Op.Where(), bools(1, 0), f(s(2), 1, 2), f(s(), 9)), s(2), 1, 9);
  }

  @Test
  void variadicBroadcastsAndPropagatesNaN() {
    close(eval(new Op.Variadic(Op.VariadicOp.MAX), f(s(2), 1, Float.NaN), f(s(2, 1), 3, 0)), s(2, 2),
        3, Float.NaN, 1, Float.NaN);
    close(eval(new Op.Variadic(Op.VariadicOp.MEAN), f(s(2), 1, 2), f(s(2), 3, 6), f(s(), 2)), s(2), 2, 10 / 3f);
    exact(eval(new Op.Variadic(Op.VariadicOp.MIN), l(s(2), 5, -2), l(s(1), 0)), DType.I64, s(2), 0, -2);
  }

  @Test
  void unaryMathAndActivations() {
    close(eval(new Op.Unary(Op.UnaryOp.ROUND), f(s(4), 0.5f, 1.5f, -2.5f, 2.4f)), s(4), 0, 2, -2, 2);
    close(eval(new Op.Unary(Op.UnaryOp.SIGN), f(s(3), -3, 0, 2)), s(3), -1, 0, 1);
    close(eval(new Op.Unary(Op.UnaryOp.ATANH), f(s(1), 0.5f)), s(1), 0.54930615f);
    close(eval(new Op.Unary(Op.UnaryOp.SOFTPLUS), f(s(2), 0, 100)), s(2), 0.6931472f, 100);
    close(eval(new Op.Unary(Op.UnaryOp.SOFTSIGN), f(s(1), -3)), s(1), -0.75f);
    close(eval(new Op.Elu(2f), f(s(2), -1, 3)), s(2), (float) (2 * Math.expm1(-1)), 3);
    close(eval(new Op.Selu(2f, 3f), f(s(2), -1, 3)), s(2), (float) (6 * Math.expm1(-1)), 9);
    close(eval(new Op.ThresholdedRelu(1f), f(s(2), 1, 2)), s(2), 0, 2);
    exact(eval(new Op.IsInf(false, true), f(s(3), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0)),
        DType.BOOL, s(3), 0, 1, 0);
    assertThrows(InvalidInputException.class, () -> eval(new Op.Unary(Op.UnaryOp.SIN), l(s(1), 1)));
  }

  @Test
  void newReductions() {
    Tensor x = f(s(2, 2), 1, -2, 3, 4);
    close(eval(new Op.Reduce(Op.ReduceOp.L1, false, false), x, vec(1)), s(2), 3, 7);
    close(eval(new Op.Reduce(Op.ReduceOp.L2, false, false), x, vec(1)), s(2), (float) Math.sqrt(5), 5);
    close(eval(new Op.Reduce(Op.ReduceOp.PROD, true, false), x), s(1, 1), -24);
    close(eval(new Op.Reduce(Op.ReduceOp.SUM_SQUARE, false, false), x, vec(0)), s(2), 10, 20);
    close(eval(new Op.Reduce(Op.ReduceOp.LOG_SUM_EXP, false, false), f(s(2), 0, 0)), s(), (float) Math.log(2));
    assertThrows(InvalidInputException.class, () -> eval(new Op.Reduce(Op.ReduceOp.LOG_SUM, false, false), l(s(1), 1)));
  }

  @Test
  void axisKernels() {
    Tensor x = f(s(2, 3), 1, 5, 5, 7, 2, 7);
    exact(eval(new Op.ArgReduce(Op.ArgOp.MAX, 1, false, false), x), DType.I64, s(2), 1, 0);
    exact(eval(new Op.ArgReduce(Op.ArgOp.MAX, 1, true, true), x), DType.I64, s(2, 1), 2, 2);
    exact(eval(new Op.ArgReduce(Op.ArgOp.MIN, 0, false, false), x), DType.I64, s(3), 0, 1, 0);
    close(eval(new Op.CumSum(false, false), f(s(3), 1, 2, 3), vec(0)), s(3), 1, 3, 6);
    close(eval(new Op.CumSum(true, true), f(s(3), 1, 2, 3), vec(0)), s(3), 5, 3, 0);
    close(eval(new Op.Hardmax(1, false), x), s(2, 3), 0, 1, 0, 1, 0, 0);
    close(eval(new Op.InstanceNormalization(0f), f(s(1, 1, 2), 1, 3), f(s(1), 2), f(s(1), 1)), s(1, 1, 2), -1, 3);
    close(eval(new Op.Lrn(2f, 1f, 1f, 1), f(s(1, 1, 1), 2)), s(1, 1, 1), 2f / 9f);
  }

  @Test
  void indexKernels() {
    Tensor x = f(s(2, 2), 1, 2, 3, 4);
    close(eval(new Op.Expand(), f(s(2, 1), 1, 2), vec(2, 3)), s(2, 3), 1, 1, 1, 2, 2, 2);
    close(eval(new Op.Tile(), x, vec(1, 2)), s(2, 4), 1, 2, 1, 2, 3, 4, 3, 4);
    close(eval(new Op.GatherElements(1), x, l(s(2, 2), 0, 0, -1, 0)), s(2, 2), 1, 1, 4, 3);
    assertThrows(InvalidInputException.class, () -> eval(new Op.GatherElements(1), x, l(s(2, 1), 2, 0)));
    close(eval(new Op.Trilu(true), f(s(2, 3), 1, 2, 3, 4, 5, 6), vec(1)), s(2, 3), 0, 2, 3, 0, 0, 6);
    close(eval(new Op.Trilu(false), f(s(2, 3), 1, 2, 3, 4, 5, 6)), s(2, 3), 1, 0, 0, 4, 5, 0);
    exact(eval(new Op.Range(), l(s(), 10), l(s(), 4), l(s(), -3)), DType.I64, s(2), 10, 7);
    exact(eval(new Op.ConstantOfShape(), vec(2), l(s(1), 7)), DType.I64, s(2), 7, 7);
    exact(eval(new Op.Size(), x), DType.I64, s(), 4);
    Tensor d = f(s(1, 4, 1, 1), 1, 2, 3, 4);
    close(eval(new Op.DepthToSpace(2, Op.DepthToSpaceMode.DCR), d), s(1, 1, 2, 2), 1, 2, 3, 4);
    Tensor d2 = f(s(1, 8, 1, 1), 0, 1, 2, 3, 4, 5, 6, 7);
    close(eval(new Op.DepthToSpace(2, Op.DepthToSpaceMode.CRD), d2), s(1, 2, 2, 2), 0, 1, 2, 3, 4, 5, 6, 7);
    close(eval(new Op.DepthToSpace(2, Op.DepthToSpaceMode.DCR), d2), s(1, 2, 2, 2), 0, 2, 4, 6, 1, 3, 5, 7);
    Tensor sp = eval(new Op.SpaceToDepth(2), eval(new Op.DepthToSpace(2, Op.DepthToSpaceMode.DCR), d2));
    close(sp, s(1, 8, 1, 1), 0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void linearAndCubicResize() {
    Tensor x = f(s(1, 1, 1, 2), 1, 3);
    Tensor scales = f(s(4), 1, 1, 1, 2);
    Op linear = new Op.ResizeInterp(Op.InterpMode.LINEAR, Op.CoordMode.HALF_PIXEL, -0.75f, false);
    // half_pixel sources -0.25, 0.25, 0.75, 1.25: clamped edges, then 1 + 2 * 0.25 and 1 + 2 * 0.75
    close(eval(linear, x, null, scales), s(1, 1, 1, 4), 1, 1.5f, 2.5f, 3);
    Op corners = new Op.ResizeInterp(Op.InterpMode.LINEAR, Op.CoordMode.ALIGN_CORNERS, -0.75f, false);
    close(eval(corners, f(s(3), 0, 3, 6), null, null, vec(5)), s(5), 0, 1.5f, 3, 4.5f, 6);
    Op cubic = new Op.ResizeInterp(Op.InterpMode.CUBIC, Op.CoordMode.ASYMMETRIC, -0.75f, false);
    Tensor ramp = f(s(4), 0, 1, 2, 3);
    // taps at r = 0.5 weigh -3/32, 19/32, 19/32, -3/32: a ramp is reproduced away from the clamped
    // edges (1.5 at source 1.5; 13/32 at 0.5, whose taps read 0, 0, 1, 2); integer sources are exact
    close(eval(cubic, ramp, null, f(s(1), 2)), s(8), 0, 0.40625f, 1, 1.5f, 2, 2.59375f, 3, 3.09375f);
    double[] w = InterpResizeKernels.cubic(0.5, -0.75);
    close(new float[] {1}, new float[] {(float) (w[0] + w[1] + w[2] + w[3])}, 1e-6);
  }

  @Test
  void nllLossReductionsAndIgnoreIndex() {
    Tensor logp = f(s(3, 2), -1, -2, -3, -4, -5, -6);
    Tensor target = vec(1, 0, 1);
    close(eval(new Op.NllLoss(Op.LossReduction.NONE, false, 0), logp, target), s(3), 2, 3, 6);
    close(eval(new Op.NllLoss(Op.LossReduction.SUM, true, 0), logp, target), s(), 8);
    Tensor w = f(s(2), 1, 3);
    // mean over the weights of the targets kept: (2 * 3 + 6 * 3) / 6
    close(eval(new Op.NllLoss(Op.LossReduction.MEAN, true, 0), logp, target, w), s(), 4);
    assertThrows(InvalidInputException.class,
        () -> eval(new Op.NllLoss(Op.LossReduction.SUM, false, 0), logp, vec(1, 2, 0)));
  }

  @Test
  void topKOneHotEyeAndBitShift() {
    List<Tensor> top = Interpreter.evaluate(TT.node(new Op.TopK(1, true, true), 2, 2),
        List.of(f(s(1, 4), 3, 7, 7, 1), vec(3)));
    close(top.get(0), s(1, 3), 7, 7, 3);
    exact(top.get(1), DType.I64, s(1, 3), 1, 2, 0);
    close(eval(new Op.OneHot(0), vec(2, -1), vec(3), f(s(2), 0, 5)), s(3, 2), 0, 0, 0, 0, 5, 5);
    exact(eval(new Op.EyeLike(DType.I32, 1), f(s(2, 3), 0, 0, 0, 0, 0, 0)), DType.I32, s(2, 3), 0, 1, 0, 0, 0, 1);
    Tensor u = Tensor.ofLongs(DType.U8, s(2), new long[] {16, 3});
    exact(eval(new Op.Binary(Op.BinaryOp.BIT_SHIFT_RIGHT), u, Tensor.ofLongs(DType.U8, s(1), new long[] {2})),
        DType.U8, s(2), 4, 0);
    exact(eval(new Op.Binary(Op.BinaryOp.BIT_SHIFT_LEFT), u, Tensor.ofLongs(DType.U8, s(1), new long[] {4})),
        DType.U8, s(2), 0, 48);
  }

  @Test
  void gatherAndScatter() {
    Tensor m = f(s(2, 2), 1, 2, 3, 4);
    close(eval(new Op.GatherND(0), m, l(s(2, 2), 0, 1, 1, 0)), s(2), 2, 3);
    close(eval(new Op.GatherND(0), m, l(s(1, 1), 1)), s(1, 2), 3, 4);
    close(eval(new Op.GatherND(1), m, l(s(2, 1), 1, 0)), s(2), 2, 3);
    close(eval(new Op.ScatterElements(1, Op.ScatterReduction.NONE), m, l(s(1, 2), 1, 0), f(s(1, 2), 8, 9)),
        s(2, 2), 9, 8, 3, 4);
    close(eval(new Op.ScatterElements(0, Op.ScatterReduction.ADD), m, l(s(1, 2), -1, 0), f(s(1, 2), 8, 9)),
        s(2, 2), 1, 11, 11, 4);
    close(eval(new Op.ScatterND(Op.ScatterReduction.NONE), m, l(s(1, 1), 1), f(s(1, 2), 5, 6)), s(2, 2), 1, 2, 5, 6);
    close(eval(new Op.ScatterND(Op.ScatterReduction.MUL), m, l(s(2, 2), 0, 0, 0, 0), f(s(2), 2, 3)), s(2, 2),
        6, 2, 3, 4);
  }

  @Test
  void quantizationWindowsShrinkAndMvn() {
    Tensor x = f(s(4), -1.5f, 0.5f, 2.5f, 1000f);
    exact(eval(new Op.QuantizeLinear(1), x, f(s(), 1f), Tensor.ofLongs(DType.U8, s(), new long[] {1})), DType.U8,
        s(4), 0, 1, 3, 255);
    exact(eval(new Op.QuantizeLinear(1), f(s(1, 2), 3, 3), f(s(2), 1, 2)), DType.U8, s(1, 2), 3, 2);
    close(eval(new Op.DequantizeLinear(0), Tensor.ofLongs(DType.I8, s(2), new long[] {-3, 5}), f(s(), 0.5f),
        Tensor.ofLongs(DType.I8, s(), new long[] {1})), s(2), -2, 2);
    List<Tensor> dq = QuantKernels.dynamicQuantize(f(s(3), 0, 2.55f, -2.55f));
    exact(dq.get(0), DType.U8, s(3), 128, 255, 0);
    close(dq.get(1), s(), 0.02f);
    close(eval(new Op.Window(Op.WindowKind.HANN, true, DType.F32), vec(4)), s(4), 0, 0.5f, 1, 0.5f);
    close(eval(new Op.Window(Op.WindowKind.HAMMING, false, DType.F32), vec(3)), s(3), 4 / 46f, 1, 4 / 46f);
    close(eval(new Op.Shrink(1f, 1.5f), f(s(3), -2, 1, 3)), s(3), -1, 0, 2);
    close(eval(new Op.MeanVarianceNormalization(List.of(1L)), f(s(1, 2), 1, 3)), s(1, 2), -1, 1);
  }

  @Test
  void recurrentCellsFollowTheOnnxEquations() {
    // one hidden unit, one input feature, two steps: h1 = tanh(0.5 * 1 + 0.25 * 0 + 0.1), h2 = tanh(0.5 * 2 + 0.25 * h1 + 0.1)
    Op rnn = new Op.Recurrent(Op.RnnKind.RNN, Op.RnnDirection.FORWARD, 1, 0f, false, false, false);
    Tensor x = f(s(2, 1, 1), 1, 2);
    List<Tensor> out = Interpreter.evaluate(TT.node(rnn, 4, 2),
        java.util.Arrays.asList(x, f(s(1, 1, 1), 0.5f), f(s(1, 1, 1), 0.25f), f(s(1, 2), 0.1f, 0f)));
    double h1 = Math.tanh(0.6);
    double h2 = Math.tanh(1.1 + 0.25 * h1);
    close(out.get(0), s(2, 1, 1, 1), (float) h1, (float) h2);
    close(out.get(1), s(1, 1, 1), (float) h2);
    // reverse direction with sequence length 1: only step 0 runs, step 1 of Y stays zero
    Op rev = new Op.Recurrent(Op.RnnKind.RNN, Op.RnnDirection.REVERSE, 1, 0f, false, false, false);
    List<Tensor> r = Interpreter.evaluate(TT.node(rev, 5, 2),
        java.util.Arrays.asList(x, f(s(1, 1, 1), 0.5f), f(s(1, 1, 1), 0.25f), null, vec(1)));
    close(r.get(0), s(2, 1, 1, 1), (float) Math.tanh(0.5), 0);
    // LSTM with zero weights: gates are 0.5, candidate 0, so the cell halves: c = 0.5 * c0, h = 0.5 * tanh(c)
    Op lstm = new Op.Recurrent(Op.RnnKind.LSTM, Op.RnnDirection.FORWARD, 1, 0f, false, false, true);
    List<Tensor> l = Interpreter.evaluate(TT.node(lstm, 7, 3), java.util.Arrays.asList(f(s(1, 1, 1), 3),
        f(s(1, 4, 1), 0, 0, 0, 0), f(s(1, 4, 1), 0, 0, 0, 0), null, null, null, f(s(1, 1, 1), 2)));
    close(l.get(2), s(1, 1, 1), 1);
    close(l.get(1), s(1, 1, 1), (float) (0.5 * Math.tanh(1)));
  }

  @Test
  void integerMatmulAndReverseSequence() {
    Tensor a = Tensor.ofLongs(DType.U8, s(2, 2), new long[] {1, 2, 3, 255});
    Tensor b = Tensor.ofLongs(DType.U8, s(2, 1), new long[] {2, 255});
    // (a - 1) x (b - [2]) per column zero point: [[0, 1], [2, 254]] x [[0], [253]]
    exact(eval(new Op.MatMulInteger(), a, b, Tensor.ofLongs(DType.U8, s(), new long[] {1}),
        Tensor.ofLongs(DType.U8, s(1), new long[] {2})), DType.I32, s(2, 1), 253, 254 * 253);
    close(eval(new Op.ReverseSequence(1, 0), f(s(3, 2), 1, 2, 3, 4, 5, 6), vec(3, 2)), s(3, 2), 5, 4, 3, 2, 1, 6);
  }

  @Test
  void gridSampleModesAndPadding() {
    Tensor x = f(s(1, 1, 2, 2), 1, 2, 3, 4);
    Tensor centre = f(s(1, 1, 1, 2), 0, 0);
    Op bilinear = new Op.GridSample(Op.GridMode.BILINEAR, Op.GridPadding.ZEROS, false);
    close(eval(bilinear, x, centre), s(1, 1, 1, 1), 2.5f);
    // (-1, -1) without align_corners is the outer corner of pixel (0, 0): a quarter of it, the rest zero padding
    close(eval(bilinear, x, f(s(1, 1, 1, 2), -1, -1)), s(1, 1, 1, 1), 0.25f);
    close(eval(new Op.GridSample(Op.GridMode.BILINEAR, Op.GridPadding.BORDER, false), x, f(s(1, 1, 1, 2), -1, -1)),
        s(1, 1, 1, 1), 1);
    close(eval(new Op.GridSample(Op.GridMode.BILINEAR, Op.GridPadding.ZEROS, true), x, f(s(1, 1, 1, 2), 1, -1)),
        s(1, 1, 1, 1), 2);
    // x = -0.5 (grid -2 with align_corners) mirrors to 0.5 (y = 0): halfway between 1 and 2
    close(eval(new Op.GridSample(Op.GridMode.BILINEAR, Op.GridPadding.REFLECTION, true), x, f(s(1, 1, 1, 2), -2, -1)),
        s(1, 1, 1, 1), 1.5f);
    close(eval(new Op.GridSample(Op.GridMode.NEAREST, Op.GridPadding.ZEROS, true), x, f(s(1, 1, 1, 2), 0.2f, 0.9f)),
        s(1, 1, 1, 1), 4);
    close(eval(new Op.GridSample(Op.GridMode.BICUBIC, Op.GridPadding.BORDER, true), x, f(s(1, 1, 1, 2), -1, 1)),
        s(1, 1, 1, 1), 3);
  }

  @Test
  void dataDependentShapes() {
    exact(eval(new Op.NonZero(), f(s(2, 2), 0, 3, 1, 0)), DType.I64, s(2, 2), 0, 1, 1, 0);
    Tensor m = f(s(2, 3), 1, 2, 3, 4, 5, 6);
    Tensor cond = Tensor.ofLongs(DType.BOOL, s(2), new long[] {1, 0});
    close(eval(new Op.Compress(true, 1), m, cond), s(2, 1), 1, 4);
    close(eval(new Op.Compress(false, 0), m, Tensor.ofLongs(DType.BOOL, s(3), new long[] {0, 1, 1})), s(2), 2, 3);
    // index 3 is (1, 1) of the default 2x2 output; in a 3x3 output_shape it stays at (1, 1)
    close(eval(new Op.MaxUnpool(List.of(2L, 2L), List.of(2L, 2L), List.of()), f(s(1, 1, 1, 1), 7),
        l(s(1, 1, 1, 1), 3), vec(1, 1, 3, 3)), s(1, 1, 3, 3), 0, 0, 0, 0, 7, 0, 0, 0, 0);
  }

  @Test
  void nonMaxSuppressionKeepsTheBestOfOverlappingBoxes() {
    // boxes 0 and 1 overlap with IoU 0.9 / 1.1 = 0.82; box 2 is apart; box 1 scores best
    Tensor boxes = f(s(1, 3, 4), 0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 5, 5, 6, 6);
    Tensor scores = f(s(1, 1, 3), 0.8f, 0.9f, 0.3f);
    Op nms = new Op.NonMaxSuppression(false);
    exact(eval(nms, boxes, scores, vec(3), f(s(1), 0.5f)), DType.I64, s(2, 3), 0, 0, 1, 0, 0, 2);
    exact(eval(nms, boxes, scores, vec(3), f(s(1), 0.9f), f(s(1), 0.5f)), DType.I64, s(2, 3), 0, 0, 1, 0, 0, 0);
    exact(eval(nms, boxes, scores), DType.I64, s(0, 3));
  }

  @Test
  void uniqueElementsAndSlices() {
    List<Tensor> u = UniqueKernels.unique(f(s(5), 2, 1, 2, -0f, 0), false, false, 0);
    close(u.get(0), s(3), 2, 1, 0);
    exact(u.get(1), DType.I64, s(3), 0, 1, 3);
    exact(u.get(2), DType.I64, s(5), 0, 1, 0, 2, 2);
    exact(u.get(3), DType.I64, s(3), 2, 1, 2);
    List<Tensor> rows = UniqueKernels.unique(f(s(3, 2), 1, 2, 0, 5, 1, 2), true, true, 0);
    close(rows.get(0), s(2, 2), 0, 5, 1, 2);
    exact(rows.get(2), DType.I64, s(3), 1, 0, 1);
  }
}
