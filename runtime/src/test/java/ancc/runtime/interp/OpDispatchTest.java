package ancc.runtime.interp;

import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.node;
import static ancc.runtime.interp.TT.s;
import static ancc.runtime.interp.TT.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every op record permitted by {@link Op} has a kernel: each one is evaluated on a tiny input. */
class OpDispatchTest {

  private record Case(Op op, int outputs, Tensor... inputs) {}

  private static final Tensor X4 = f(s(1, 1, 2, 2), 1, -2, 3, 4);
  private static final Tensor V = f(s(1), 1);

  /** A minimal instance of op class c with operands, or null when the test does not know c. */
  private static Case sample(Class<?> c) {
    List<Long> none = List.of();
    if (c == Op.Conv.class) {
      return new Case(new Op.Conv(none, none, none, 1), 1, X4, f(s(1, 1, 1, 1), 2));
    } else if (c == Op.ConvTranspose.class) {
      return new Case(new Op.ConvTranspose(none, none, none, none, 1), 1, X4, f(s(1, 1, 1, 1), 2));
    } else if (c == Op.Gemm.class) {
      return new Case(new Op.Gemm(1f, 1f, false, false), 1, f(s(1, 1), 2), f(s(1, 1), 3));
    } else if (c == Op.MatMul.class) {
      return new Case(new Op.MatMul(), 1, f(s(1, 1), 2), f(s(1, 1), 3));
    } else if (c == Op.Linear.class) {
      return new Case(new Op.Linear(), 1, f(s(1, 1), 2), f(s(1, 1), 3));
    } else if (c == Op.Binary.class) {
      return new Case(new Op.Binary(Op.BinaryOp.ADD), 1, V, V);
    } else if (c == Op.Unary.class) {
      return new Case(new Op.Unary(Op.UnaryOp.EXP), 1, V);
    } else if (c == Op.LeakyRelu.class) {
      return new Case(new Op.LeakyRelu(0.1f), 1, V);
    } else if (c == Op.PRelu.class) {
      return new Case(new Op.PRelu(), 1, V, V);
    } else if (c == Op.Clip.class) {
      return new Case(new Op.Clip(), 1, V);
    } else if (c == Op.HardSigmoid.class) {
      return new Case(new Op.HardSigmoid(0.2f, 0.5f), 1, V);
    } else if (c == Op.Softmax.class) {
      return new Case(new Op.Softmax(-1, false), 1, V);
    } else if (c == Op.LogSoftmax.class) {
      return new Case(new Op.LogSoftmax(-1, false), 1, V);
    } else if (c == Op.MaxPool.class) {
      return new Case(new Op.MaxPool(List.of(2L, 2L), none, none, none, false), 1, X4);
    } else if (c == Op.AveragePool.class) {
      return new Case(new Op.AveragePool(List.of(2L, 2L), none, none, none, false, false), 1, X4);
    } else if (c == Op.GlobalAveragePool.class) {
      return new Case(new Op.GlobalAveragePool(), 1, X4);
    } else if (c == Op.GlobalMaxPool.class) {
      return new Case(new Op.GlobalMaxPool(), 1, X4);
    } else if (c == Op.BatchNormalization.class) {
      return new Case(new Op.BatchNormalization(1e-5f), 1, X4, V, V, V, V);
    } else if (c == Op.LayerNormalization.class) {
      return new Case(new Op.LayerNormalization(-1, 1e-5f), 1, X4, V);
    } else if (c == Op.Flatten.class) {
      return new Case(new Op.Flatten(1), 1, X4);
    } else if (c == Op.Reshape.class) {
      return new Case(new Op.Reshape(false), 1, X4, vec(-1));
    } else if (c == Op.Transpose.class) {
      return new Case(new Op.Transpose(List.of(0L, 1L, 3L, 2L)), 1, X4);
    } else if (c == Op.Concat.class) {
      return new Case(new Op.Concat(0), 1, V, V);
    } else if (c == Op.Split.class) {
      return new Case(new Op.Split(3), 2, X4);
    } else if (c == Op.Slice.class) {
      return new Case(new Op.Slice(), 1, X4, vec(1), vec(2));
    } else if (c == Op.Squeeze.class) {
      return new Case(new Op.Squeeze(), 1, X4);
    } else if (c == Op.Unsqueeze.class) {
      return new Case(new Op.Unsqueeze(), 1, V, vec(0));
    } else if (c == Op.Pad.class) {
      return new Case(new Op.Pad(Op.PadMode.EDGE), 1, V, vec(1, 1));
    } else if (c == Op.Dropout.class) {
      return new Case(new Op.Dropout(), 2, V);
    } else if (c == Op.Identity.class) {
      return new Case(new Op.Identity(), 1, V);
    } else if (c == Op.Shape.class) {
      return new Case(new Op.Shape(0, 4), 1, X4);
    } else if (c == Op.Gather.class) {
      return new Case(new Op.Gather(0), 1, V, vec(0));
    } else if (c == Op.Cast.class) {
      return new Case(new Op.Cast(DType.I32), 1, V);
    } else if (c == Op.Reduce.class) {
      return new Case(new Op.Reduce(Op.ReduceOp.MEAN, true, false), 1, X4);
    } else if (c == Op.Resize.class) {
      return new Case(new Op.Resize(Op.CoordMode.ASYMMETRIC, Op.NearestMode.FLOOR), 1, V, null, f(s(1), 2));
    }
    return addedSample(c);
  }

  private static Case addedSample(Class<?> c) {
    Tensor b = Tensor.ofLongs(DType.BOOL, s(1), new long[] {1});
    if (c == Op.Elu.class) {
      return new Case(new Op.Elu(1f), 1, V);
    } else if (c == Op.Celu.class) {
      return new Case(new Op.Celu(1f), 1, V);
    } else if (c == Op.Selu.class) {
      return new Case(new Op.Selu(1.5f, 1f), 1, V);
    } else if (c == Op.ThresholdedRelu.class) {
      return new Case(new Op.ThresholdedRelu(1f), 1, V);
    } else if (c == Op.IsNaN.class) {
      return new Case(new Op.IsNaN(), 1, V);
    } else if (c == Op.IsInf.class) {
      return new Case(new Op.IsInf(true, true), 1, V);
    } else if (c == Op.Compare.class) {
      return new Case(new Op.Compare(Op.CompareOp.LESS), 1, V, V);
    } else if (c == Op.Variadic.class) {
      return new Case(new Op.Variadic(Op.VariadicOp.SUM), 1, V, V, V);
    } else if (c == Op.Where.class) {
      return new Case(new Op.Where(), 1, b, V, V);
    } else if (c == Op.ArgReduce.class) {
      return new Case(new Op.ArgReduce(Op.ArgOp.MAX, 0, true, false), 1, X4);
    } else if (c == Op.Hardmax.class) {
      return new Case(new Op.Hardmax(-1, false), 1, X4);
    } else if (c == Op.InstanceNormalization.class) {
      return new Case(new Op.InstanceNormalization(1e-5f), 1, X4, V, V);
    } else if (c == Op.Lrn.class) {
      return new Case(new Op.Lrn(1e-4f, 0.75f, 1f, 3), 1, X4);
    } else if (c == Op.Expand.class) {
      return new Case(new Op.Expand(), 1, V, vec(2, 3));
    } else if (c == Op.Tile.class) {
      return new Case(new Op.Tile(), 1, V, vec(3));
    } else if (c == Op.ConstantOfShape.class) {
      return new Case(new Op.ConstantOfShape(), 1, vec(2), V);
    } else if (c == Op.Range.class) {
      return new Case(new Op.Range(), 1, V, f(s(1), 4), V);
    } else if (c == Op.Size.class) {
      return new Case(new Op.Size(), 1, X4);
    } else if (c == Op.GatherElements.class) {
      return new Case(new Op.GatherElements(0), 1, V, vec(0));
    } else if (c == Op.CumSum.class) {
      return new Case(new Op.CumSum(false, false), 1, X4, vec(3));
    } else if (c == Op.Trilu.class) {
      return new Case(new Op.Trilu(true), 1, X4);
    } else if (c == Op.DepthToSpace.class) {
      return new Case(new Op.DepthToSpace(1, Op.DepthToSpaceMode.DCR), 1, X4);
    } else if (c == Op.SpaceToDepth.class) {
      return new Case(new Op.SpaceToDepth(2), 1, X4);
    } else if (c == Op.ResizeInterp.class) {
      return new Case(new Op.ResizeInterp(Op.InterpMode.LINEAR, Op.CoordMode.HALF_PIXEL, -0.75f, false), 1, X4, null,
          f(s(4), 1, 1, 2, 2));
    } else if (c == Op.NllLoss.class) {
      return new Case(new Op.NllLoss(Op.LossReduction.SUM, false, 0), 1, f(s(1, 2), 1, 2), vec(1));
    }
    return quantSample(c);
  }

  private static Case quantSample(Class<?> c) {
    Tensor m = f(s(2, 2), 1, 2, 3, 4);
    if (c == Op.Recurrent.class) {
      return new Case(new Op.Recurrent(Op.RnnKind.LSTM, Op.RnnDirection.FORWARD, 1, 0f, false, false, false), 3,
          f(s(1, 1, 1), 1), f(s(1, 4, 1), 1, 1, 1, 1), f(s(1, 4, 1), 1, 1, 1, 1));
    } else if (c == Op.MatMulInteger.class) {
      return new Case(new Op.MatMulInteger(), 1, TT.l(s(1, 1), 2), TT.l(s(1, 1), 3));
    } else if (c == Op.GridSample.class) {
      return new Case(new Op.GridSample(Op.GridMode.BILINEAR, Op.GridPadding.ZEROS, false), 1, X4,
          f(s(1, 1, 1, 2), 0, 0));
    } else if (c == Op.NonMaxSuppression.class) {
      return new Case(new Op.NonMaxSuppression(false), 1, f(s(1, 1, 4), 0, 0, 1, 1), f(s(1, 1, 1), 1), vec(1));
    } else if (c == Op.Unique.class) {
      return new Case(new Op.Unique(true, false, 0), 4, m);
    } else if (c == Op.NonZero.class) {
      return new Case(new Op.NonZero(), 1, m);
    } else if (c == Op.Compress.class) {
      return new Case(new Op.Compress(false, 0), 1, m, Tensor.ofLongs(DType.BOOL, s(2), new long[] {0, 1}));
    } else if (c == Op.MaxUnpool.class) {
      return new Case(new Op.MaxUnpool(List.of(2L, 2L), List.of(2L, 2L), List.of()), 1, f(s(1, 1, 1, 1), 3),
          TT.l(s(1, 1, 1, 1), 2));
    } else if (c == Op.ReverseSequence.class) {
      return new Case(new Op.ReverseSequence(1, 0), 1, m, vec(2, 1));
    } else if (c == Op.Shrink.class) {
      return new Case(new Op.Shrink(0f, 0.5f), 1, V);
    } else if (c == Op.EyeLike.class) {
      return new Case(new Op.EyeLike(DType.F32, 0), 1, m);
    } else if (c == Op.TopK.class) {
      return new Case(new Op.TopK(-1, true, true), 2, m, vec(1));
    } else if (c == Op.OneHot.class) {
      return new Case(new Op.OneHot(-1), 1, vec(1), vec(3), f(s(2), 0, 1));
    } else if (c == Op.GatherND.class) {
      return new Case(new Op.GatherND(0), 1, m, TT.l(s(1, 1), 1));
    } else if (c == Op.ScatterElements.class) {
      return new Case(new Op.ScatterElements(0, Op.ScatterReduction.NONE), 1, V, vec(0), V);
    } else if (c == Op.ScatterND.class) {
      return new Case(new Op.ScatterND(Op.ScatterReduction.ADD), 1, V, TT.l(s(1, 1), 0), V);
    } else if (c == Op.QuantizeLinear.class) {
      return new Case(new Op.QuantizeLinear(1), 1, V, V);
    } else if (c == Op.DequantizeLinear.class) {
      return new Case(new Op.DequantizeLinear(1), 1, vec(3), V);
    } else if (c == Op.DynamicQuantizeLinear.class) {
      return new Case(new Op.DynamicQuantizeLinear(), 3, m);
    } else if (c == Op.Window.class) {
      return new Case(new Op.Window(Op.WindowKind.HANN, true, DType.F32), 1, vec(4));
    } else if (c == Op.MeanVarianceNormalization.class) {
      return new Case(new Op.MeanVarianceNormalization(List.of(0L, 2L, 3L)), 1, X4);
    }
    return null;
  }

  @Test
  void everyPermittedOpHasAKernel() {
    Class<?>[] permitted = Op.class.getPermittedSubclasses();
    assertNotNull(permitted);
    assertTrue(permitted.length >= 35, "expected the full op set, got " + permitted.length);
    List<String> missing = new ArrayList<>();
    for (Class<?> c : permitted) {
      Case k = sample(c);
      if (k == null) {
        missing.add(c.getSimpleName());
        continue;
      }
      List<Tensor> in = new ArrayList<>(Arrays.asList(k.inputs()));
      List<Tensor> out = Interpreter.evaluate(node(k.op(), in.size(), k.outputs()), in);
      assertEquals(k.outputs(), out.size(), c.getSimpleName());
      for (Tensor t : out) {
        assertNotNull(t, c.getSimpleName());
      }
    }
    if (!missing.isEmpty()) {
      fail("no dispatch sample (and so possibly no kernel) for: " + missing);
    }
  }
}
