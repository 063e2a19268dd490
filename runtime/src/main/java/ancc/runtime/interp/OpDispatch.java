package ancc.runtime.interp;

import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes a node to its kernel. The chain covers every record permitted by {@link Op} (a test walks
 * {@code Op.class.getPermittedSubclasses()} to keep it so) and ends with an error naming any op
 * class that is not handled.
 */
final class OpDispatch {
  private OpDispatch() {}

  static List<Tensor> run(Node node, List<Tensor> in) {
    Op op = node.op();
    int outs = node.outputs().size();
    if (op instanceof Op.Conv o) {
      return one(ConvKernels.conv(o, Args.need(in, 0, "X"), Args.need(in, 1, "W"), Args.opt(in, 2)));
    } else if (op instanceof Op.ConvTranspose o) {
      return one(ConvKernels.convTranspose(o, Args.need(in, 0, "X"), Args.need(in, 1, "W"), Args.opt(in, 2)));
    } else if (op instanceof Op.Gemm o) {
      return one(MatMulKernels.gemm(Args.need(in, 0, "A"), Args.need(in, 1, "B"), Args.opt(in, 2),
          o.alpha(), o.beta(), o.transA(), o.transB()));
    } else if (op instanceof Op.MatMul) {
      return one(MatMulKernels.matmul(Args.need(in, 0, "A"), Args.need(in, 1, "B")));
    } else if (op instanceof Op.Linear) {
      return one(MatMulKernels.linear(Args.need(in, 0, "X"), Args.need(in, 1, "W"), Args.opt(in, 2)));
    } else if (op instanceof Op.Binary o) {
      return one(ElementwiseKernels.binary(o.kind(), Args.need(in, 0, "A"), Args.need(in, 1, "B")));
    } else if (op instanceof Op.Unary o) {
      return one(ElementwiseKernels.unary(o.kind(), Args.need(in, 0, "X")));
    } else if (op instanceof Op.LeakyRelu o) {
      return one(ElementwiseKernels.leakyRelu(Args.need(in, 0, "X"), o.alpha()));
    } else if (op instanceof Op.PRelu) {
      return one(ElementwiseKernels.prelu(Args.need(in, 0, "X"), Args.need(in, 1, "slope")));
    } else if (op instanceof Op.Clip) {
      return one(ElementwiseKernels.clip(Args.need(in, 0, "X"), Args.opt(in, 1), Args.opt(in, 2)));
    } else if (op instanceof Op.HardSigmoid o) {
      return one(ElementwiseKernels.hardSigmoid(Args.need(in, 0, "X"), o.alpha(), o.beta()));
    } else if (op instanceof Op.Softmax o) {
      return one(NormKernels.softmax(Args.need(in, 0, "X"), o.axis(), o.coerce2d(), false));
    } else if (op instanceof Op.LogSoftmax o) {
      return one(NormKernels.softmax(Args.need(in, 0, "X"), o.axis(), o.coerce2d(), true));
    } else if (op instanceof Op.MaxPool o) {
      return one(PoolKernels.maxPool(o, Args.need(in, 0, "X")));
    } else if (op instanceof Op.AveragePool o) {
      return one(PoolKernels.averagePool(o, Args.need(in, 0, "X")));
    } else if (op instanceof Op.GlobalAveragePool) {
      return one(PoolKernels.globalAveragePool(Args.need(in, 0, "X")));
    } else if (op instanceof Op.GlobalMaxPool) {
      return one(PoolKernels.globalMaxPool(Args.need(in, 0, "X")));
    } else if (op instanceof Op.BatchNormalization o) {
      return one(NormKernels.batchNorm(Args.need(in, 0, "X"), Args.need(in, 1, "scale"), Args.need(in, 2, "B"),
          Args.need(in, 3, "mean"), Args.need(in, 4, "var"), o.epsilon()));
    } else if (op instanceof Op.LayerNormalization o) {
      return one(NormKernels.layerNorm(Args.need(in, 0, "X"), Args.need(in, 1, "scale"), Args.opt(in, 2),
          o.axis(), o.epsilon()));
    } else if (op instanceof Op.Flatten o) {
      return one(ShapeKernels.flatten(Args.need(in, 0, "data"), o.axis()));
    } else if (op instanceof Op.Reshape o) {
      return one(ShapeKernels.reshape(Args.need(in, 0, "data"), Args.need(in, 1, "shape"), o.allowzero()));
    } else if (op instanceof Op.Transpose o) {
      return one(ShapeKernels.transpose(Args.need(in, 0, "data"), o.perm()));
    } else if (op instanceof Op.Concat o) {
      List<Tensor> parts = new ArrayList<>();
      for (Tensor t : in) {
        if (t != null) {
          parts.add(t);
        }
      }
      if (parts.isEmpty()) {
        throw Args.bad("concat has no inputs");
      }
      return one(DataKernels.concat(parts, o.axis()));
    } else if (op instanceof Op.Split o) {
      return DataKernels.split(Args.need(in, 0, "data"), Args.opt(in, 1), o.axis(), outs);
    } else if (op instanceof Op.Slice) {
      return one(DataKernels.slice(Args.need(in, 0, "data"), Args.need(in, 1, "starts"), Args.need(in, 2, "ends"),
          Args.opt(in, 3), Args.opt(in, 4)));
    } else if (op instanceof Op.Squeeze) {
      return one(ShapeKernels.squeeze(Args.need(in, 0, "data"), Args.opt(in, 1)));
    } else if (op instanceof Op.Unsqueeze) {
      return one(ShapeKernels.unsqueeze(Args.need(in, 0, "data"), Args.need(in, 1, "axes")));
    } else if (op instanceof Op.Pad o) {
      return one(DataKernels.pad(Args.need(in, 0, "data"), o.mode(), Args.need(in, 1, "pads"), Args.opt(in, 2),
          Args.opt(in, 3)));
    } else if (op instanceof Op.Dropout) {
      return ShapeKernels.dropout(Args.need(in, 0, "data"), Args.opt(in, 1), Args.opt(in, 2), outs);
    } else if (op instanceof Op.Identity) {
      return one(Args.need(in, 0, "input"));
    } else if (op instanceof Op.Shape o) {
      return one(ShapeKernels.shape(Args.need(in, 0, "data"), o.start(), o.end()));
    } else if (op instanceof Op.Gather o) {
      return one(DataKernels.gather(Args.need(in, 0, "data"), Args.need(in, 1, "indices"), o.axis()));
    } else if (op instanceof Op.Cast o) {
      return one(ShapeKernels.cast(Args.need(in, 0, "input"), o.to()));
    } else if (op instanceof Op.Reduce o) {
      return one(ReduceKernels.reduce(o.kind(), Args.need(in, 0, "data"), Args.opt(in, 1), o.keepdims(),
          o.noopWithEmptyAxes()));
    } else if (op instanceof Op.Resize o) {
      return one(ResizeKernels.resize(Args.need(in, 0, "X"), Args.opt(in, 2), Args.opt(in, 3),
          o.coordinateTransformationMode(), o.nearestMode()));
    }
    return added(op, in);
  }

  private static List<Tensor> added(Op op, List<Tensor> in) {
    if (op instanceof Op.Elu o) {
      return one(UnaryMathKernels.elu(Args.need(in, 0, "X"), o.alpha()));
    } else if (op instanceof Op.Celu o) {
      return one(UnaryMathKernels.celu(Args.need(in, 0, "X"), o.alpha()));
    } else if (op instanceof Op.Selu o) {
      return one(UnaryMathKernels.selu(Args.need(in, 0, "X"), o.alpha(), o.gamma()));
    } else if (op instanceof Op.ThresholdedRelu o) {
      return one(UnaryMathKernels.thresholdedRelu(Args.need(in, 0, "X"), o.alpha()));
    } else if (op instanceof Op.IsNaN) {
      return one(UnaryMathKernels.isNaN(Args.need(in, 0, "X")));
    } else if (op instanceof Op.IsInf o) {
      return one(UnaryMathKernels.isInf(Args.need(in, 0, "X"), o.detectNegative(), o.detectPositive()));
    } else if (op instanceof Op.Compare o) {
      return one(SelectKernels.compare(o.kind(), Args.need(in, 0, "A"), Args.need(in, 1, "B")));
    } else if (op instanceof Op.Variadic o) {
      List<Tensor> parts = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        parts.add(Args.need(in, i, "input"));
      }
      if (parts.isEmpty()) {
        throw Args.bad(op.name() + " has no inputs");
      }
      return one(SelectKernels.variadic(o.kind(), parts));
    } else if (op instanceof Op.Where) {
      return one(SelectKernels.where(Args.need(in, 0, "condition"), Args.need(in, 1, "X"), Args.need(in, 2, "Y")));
    } else if (op instanceof Op.ArgReduce o) {
      return one(AxisKernels.argReduce(o.kind(), Args.need(in, 0, "data"), o.axis(), o.keepdims(), o.selectLastIndex()));
    } else if (op instanceof Op.Hardmax o) {
      return one(AxisKernels.hardmax(Args.need(in, 0, "X"), o.axis(), o.coerce2d()));
    } else if (op instanceof Op.InstanceNormalization o) {
      return one(AxisKernels.instanceNorm(Args.need(in, 0, "X"), Args.need(in, 1, "scale"), Args.need(in, 2, "B"),
          o.epsilon()));
    } else if (op instanceof Op.Lrn o) {
      return one(AxisKernels.lrn(Args.need(in, 0, "X"), o.alpha(), o.beta(), o.bias(), o.size()));
    } else if (op instanceof Op.CumSum o) {
      return one(AxisKernels.cumSum(Args.need(in, 0, "x"), Args.need(in, 1, "axis"), o.exclusive(), o.reverse()));
    }
    return indexed(op, in);
  }

  private static List<Tensor> indexed(Op op, List<Tensor> in) {
    if (op instanceof Op.Expand) {
      return one(IndexKernels.expand(Args.need(in, 0, "input"), Args.need(in, 1, "shape")));
    } else if (op instanceof Op.Tile) {
      return one(IndexKernels.tile(Args.need(in, 0, "input"), Args.need(in, 1, "repeats")));
    } else if (op instanceof Op.ConstantOfShape) {
      return one(IndexKernels.constantOfShape(Args.need(in, 0, "shape"), Args.need(in, 1, "value")));
    } else if (op instanceof Op.Range) {
      return one(IndexKernels.range(Args.need(in, 0, "start"), Args.need(in, 1, "limit"), Args.need(in, 2, "delta")));
    } else if (op instanceof Op.Size) {
      return one(IndexKernels.size(Args.need(in, 0, "data")));
    } else if (op instanceof Op.GatherElements o) {
      return one(IndexKernels.gatherElements(Args.need(in, 0, "data"), Args.need(in, 1, "indices"), o.axis()));
    } else if (op instanceof Op.Trilu o) {
      return one(IndexKernels.trilu(Args.need(in, 0, "input"), Args.opt(in, 1), o.upper()));
    } else if (op instanceof Op.DepthToSpace o) {
      return one(IndexKernels.depthToSpace(Args.need(in, 0, "input"), o.blocksize(),
          o.mode() == Op.DepthToSpaceMode.CRD));
    } else if (op instanceof Op.SpaceToDepth o) {
      return one(IndexKernels.spaceToDepth(Args.need(in, 0, "input"), o.blocksize()));
    } else if (op instanceof Op.ResizeInterp o) {
      return one(InterpResizeKernels.resize(o, Args.need(in, 0, "X"), Args.opt(in, 2), Args.opt(in, 3)));
    } else if (op instanceof Op.NllLoss o) {
      return one(LossKernels.nllLoss(o, Args.need(in, 0, "input"), Args.need(in, 1, "target"), Args.opt(in, 2)));
    }
    return scatterQuant(op, in);
  }

  private static List<Tensor> scatterQuant(Op op, List<Tensor> in) {
    if (op instanceof Op.Recurrent o) {
      return RecurrentKernels.run(o, in);
    } else if (op instanceof Op.Shrink o) {
      return one(QuantKernels.shrink(Args.need(in, 0, "input"), o.bias(), o.lambd()));
    } else if (op instanceof Op.EyeLike o) {
      return one(ScatterKernels.eyeLike(Args.need(in, 0, "input"), o.dtype(), o.k()));
    } else if (op instanceof Op.TopK o) {
      return ScatterKernels.topK(Args.need(in, 0, "X"), Args.need(in, 1, "K"), o.axis(), o.largest());
    } else if (op instanceof Op.OneHot o) {
      return one(ScatterKernels.oneHot(Args.need(in, 0, "indices"), Args.need(in, 1, "depth"),
          Args.need(in, 2, "values"), o.axis()));
    } else if (op instanceof Op.GatherND o) {
      return one(ScatterKernels.gatherND(Args.need(in, 0, "data"), Args.need(in, 1, "indices"), o.batchDims()));
    } else if (op instanceof Op.ScatterElements o) {
      return one(ScatterKernels.scatterElements(Args.need(in, 0, "data"), Args.need(in, 1, "indices"),
          Args.need(in, 2, "updates"), o.axis(), o.reduction()));
    } else if (op instanceof Op.ScatterND o) {
      return one(ScatterKernels.scatterND(Args.need(in, 0, "data"), Args.need(in, 1, "indices"),
          Args.need(in, 2, "updates"), o.reduction()));
    } else if (op instanceof Op.QuantizeLinear o) {
      return one(QuantKernels.quantize(Args.need(in, 0, "x"), Args.need(in, 1, "scale"), Args.opt(in, 2), o.axis()));
    } else if (op instanceof Op.DequantizeLinear o) {
      return one(QuantKernels.dequantize(Args.need(in, 0, "x"), Args.need(in, 1, "scale"), Args.opt(in, 2), o.axis()));
    } else if (op instanceof Op.DynamicQuantizeLinear) {
      return QuantKernels.dynamicQuantize(Args.need(in, 0, "x"));
    } else if (op instanceof Op.Window o) {
      return one(QuantKernels.window(o, Args.need(in, 0, "size")));
    } else if (op instanceof Op.MeanVarianceNormalization o) {
      return one(QuantKernels.meanVarianceNormalization(Args.need(in, 0, "X"), o.axes()));
    } else if (op instanceof Op.MatMulInteger) {
      return one(IntegerKernels.matmulInteger(Args.need(in, 0, "A"), Args.need(in, 1, "B"), Args.opt(in, 2),
          Args.opt(in, 3)));
    } else if (op instanceof Op.GridSample o) {
      return one(GridSampleKernels.gridSample(o, Args.need(in, 0, "X"), Args.need(in, 1, "grid")));
    } else if (op instanceof Op.NonMaxSuppression o) {
      return one(SelectionKernels.nonMaxSuppression(Args.need(in, 0, "boxes"), Args.need(in, 1, "scores"),
          Args.opt(in, 2), Args.opt(in, 3), Args.opt(in, 4), o.centerPointBox()));
    } else if (op instanceof Op.Unique o) {
      return UniqueKernels.unique(Args.need(in, 0, "X"), o.sorted(), o.hasAxis(), o.axis());
    } else if (op instanceof Op.NonZero) {
      return one(SelectionKernels.nonZero(Args.need(in, 0, "X")));
    } else if (op instanceof Op.Compress o) {
      return one(SelectionKernels.compress(Args.need(in, 0, "input"), Args.need(in, 1, "condition"), o.hasAxis(),
          o.axis()));
    } else if (op instanceof Op.MaxUnpool o) {
      return one(SelectionKernels.maxUnpool(Args.need(in, 0, "X"), Args.need(in, 1, "I"), Args.opt(in, 2),
          o.kernelShape(), o.strides(), o.pads()));
    } else if (op instanceof Op.ReverseSequence o) {
      return one(IntegerKernels.reverseSequence(Args.need(in, 0, "input"), Args.need(in, 1, "sequence_lens"),
          o.batchAxis(), o.timeAxis()));
    }
    throw new IllegalStateException("the interpreter has no kernel for op class " + op.getClass().getName());
  }

  private static List<Tensor> one(Tensor t) {
    return List.of(t);
  }
}
