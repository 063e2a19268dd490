package ancc.runtime.interp;

import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes a node to its kernel: one visit per op record, so an op without a kernel does not compile
 * ({@code OpDispatchTest} also runs every op on a tiny input).
 */
final class OpDispatch implements Op.Visitor<List<Tensor>, OpDispatch.Inputs> {
  private static final OpDispatch INSTANCE = new OpDispatch();

  /** A node's operands (null for an absent optional input) and how many outputs it names. */
  record Inputs(List<Tensor> list, int outputs) {
    Tensor need(int i, String what) {
      return Args.need(list, i, what);
    }

    Tensor opt(int i) {
      return Args.opt(list, i);
    }
  }

  private OpDispatch() {}

  static List<Tensor> run(Node node, List<Tensor> in) {
    return node.op().accept(INSTANCE, new Inputs(in, node.outputs().size()));
  }

  private static List<Tensor> one(Tensor t) {
    return List.of(t);
  }

  public List<Tensor> visit(Op.Conv o, Inputs in) {
    return one(ConvKernels.conv(o, in.need(0, "X"), in.need(1, "W"), in.opt(2)));
  }

  public List<Tensor> visit(Op.ConvTranspose o, Inputs in) {
    return one(ConvKernels.convTranspose(o, in.need(0, "X"), in.need(1, "W"), in.opt(2)));
  }

  public List<Tensor> visit(Op.Gemm o, Inputs in) {
    return one(MatMulKernels.gemm(in.need(0, "A"), in.need(1, "B"), in.opt(2),
        o.alpha(), o.beta(), o.transA(), o.transB()));
  }

  public List<Tensor> visit(Op.MatMul o, Inputs in) {
    return one(MatMulKernels.matmul(in.need(0, "A"), in.need(1, "B")));
  }

  public List<Tensor> visit(Op.Linear o, Inputs in) {
    return one(MatMulKernels.linear(in.need(0, "X"), in.need(1, "W"), in.opt(2)));
  }

  public List<Tensor> visit(Op.Binary o, Inputs in) {
    return one(ElementwiseKernels.binary(o.kind(), in.need(0, "A"), in.need(1, "B")));
  }

  public List<Tensor> visit(Op.Unary o, Inputs in) { return one(ElementwiseKernels.unary(o.kind(), in.need(0, "X"))); }

  public List<Tensor> visit(Op.LeakyRelu o, Inputs in) {
    return one(ElementwiseKernels.leakyRelu(in.need(0, "X"), o.alpha()));
  }

  public List<Tensor> visit(Op.PRelu o, Inputs in) {
    return one(ElementwiseKernels.prelu(in.need(0, "X"), in.need(1, "slope")));
  }

  public List<Tensor> visit(Op.Clip o, Inputs in) {
    return one(ElementwiseKernels.clip(in.need(0, "X"), in.opt(1), in.opt(2)));
  }

  public List<Tensor> visit(Op.HardSigmoid o, Inputs in) {
    return one(ElementwiseKernels.hardSigmoid(in.need(0, "X"), o.alpha(), o.beta()));
  }

  public List<Tensor> visit(Op.Softmax o, Inputs in) {
    return one(NormKernels.softmax(in.need(0, "X"), o.axis(), o.coerce2d(), false));
  }

  public List<Tensor> visit(Op.LogSoftmax o, Inputs in) {
    return one(NormKernels.softmax(in.need(0, "X"), o.axis(), o.coerce2d(), true));
  }

  public List<Tensor> visit(Op.MaxPool o, Inputs in) { return one(PoolKernels.maxPool(o, in.need(0, "X"))); }

  public List<Tensor> visit(Op.AveragePool o, Inputs in) { return one(PoolKernels.averagePool(o, in.need(0, "X"))); }

  public List<Tensor> visit(Op.GlobalAveragePool o, Inputs in) {
    return one(PoolKernels.globalAveragePool(in.need(0, "X")));
  }

  public List<Tensor> visit(Op.GlobalMaxPool o, Inputs in) { return one(PoolKernels.globalMaxPool(in.need(0, "X"))); }

  public List<Tensor> visit(Op.BatchNormalization o, Inputs in) {
    return one(NormKernels.batchNorm(in.need(0, "X"), in.need(1, "scale"), in.need(2, "B"),
        in.need(3, "mean"), in.need(4, "var"), o.epsilon()));
  }

  public List<Tensor> visit(Op.LayerNormalization o, Inputs in) {
    return one(NormKernels.layerNorm(in.need(0, "X"), in.need(1, "scale"), in.opt(2),
        o.axis(), o.epsilon()));
  }

  public List<Tensor> visit(Op.Flatten o, Inputs in) { return one(ShapeKernels.flatten(in.need(0, "data"), o.axis())); }

  public List<Tensor> visit(Op.Reshape o, Inputs in) {
    return one(ShapeKernels.reshape(in.need(0, "data"), in.need(1, "shape"), o.allowzero()));
  }

  public List<Tensor> visit(Op.Transpose o, Inputs in) {
    return one(ShapeKernels.transpose(in.need(0, "data"), o.perm()));
  }

  public List<Tensor> visit(Op.Concat o, Inputs in) {
    List<Tensor> parts = new ArrayList<>();
    for (Tensor t : in.list()) {
      if (t != null) {
        parts.add(t);
      }
    }
    if (parts.isEmpty()) {
      throw Args.bad("concat has no inputs");
    }
    return one(DataKernels.concat(parts, o.axis()));
  }

  public List<Tensor> visit(Op.Split o, Inputs in) {
    return DataKernels.split(in.need(0, "data"), in.opt(1), o.axis(), in.outputs());
  }

  public List<Tensor> visit(Op.Slice o, Inputs in) {
    return one(DataKernels.slice(in.need(0, "data"), in.need(1, "starts"), in.need(2, "ends"),
        in.opt(3), in.opt(4)));
  }

  public List<Tensor> visit(Op.Squeeze o, Inputs in) {
    return one(ShapeKernels.squeeze(in.need(0, "data"), in.opt(1)));
  }

  public List<Tensor> visit(Op.Unsqueeze o, Inputs in) {
    return one(ShapeKernels.unsqueeze(in.need(0, "data"), in.need(1, "axes")));
  }

  public List<Tensor> visit(Op.Pad o, Inputs in) {
    return one(DataKernels.pad(in.need(0, "data"), o.mode(), in.need(1, "pads"), in.opt(2),
        in.opt(3)));
  }

  public List<Tensor> visit(Op.Dropout o, Inputs in) {
    return ShapeKernels.dropout(in.need(0, "data"), in.opt(1), in.opt(2), in.outputs());
  }

  public List<Tensor> visit(Op.Identity o, Inputs in) { return one(in.need(0, "input")); }

  public List<Tensor> visit(Op.Shape o, Inputs in) {
    return one(ShapeKernels.shape(in.need(0, "data"), o.start(), o.end()));
  }

  public List<Tensor> visit(Op.Gather o, Inputs in) {
    return one(DataKernels.gather(in.need(0, "data"), in.need(1, "indices"), o.axis()));
  }

  public List<Tensor> visit(Op.Cast o, Inputs in) { return one(ShapeKernels.cast(in.need(0, "input"), o.to())); }

  public List<Tensor> visit(Op.Reduce o, Inputs in) {
    return one(ReduceKernels.reduce(o.kind(), in.need(0, "data"), in.opt(1), o.keepdims(),
        o.noopWithEmptyAxes()));
  }

  public List<Tensor> visit(Op.Resize o, Inputs in) {
    return one(ResizeKernels.resize(in.need(0, "X"), in.opt(2), in.opt(3),
        o.coordinateTransformationMode(), o.nearestMode()));
  }

  public List<Tensor> visit(Op.Elu o, Inputs in) { return one(UnaryMathKernels.elu(in.need(0, "X"), o.alpha())); }

  public List<Tensor> visit(Op.Celu o, Inputs in) { return one(UnaryMathKernels.celu(in.need(0, "X"), o.alpha())); }

  public List<Tensor> visit(Op.Selu o, Inputs in) {
    return one(UnaryMathKernels.selu(in.need(0, "X"), o.alpha(), o.gamma()));
  }

  public List<Tensor> visit(Op.ThresholdedRelu o, Inputs in) {
    return one(UnaryMathKernels.thresholdedRelu(in.need(0, "X"), o.alpha()));
  }

  public List<Tensor> visit(Op.IsNaN o, Inputs in) { return one(UnaryMathKernels.isNaN(in.need(0, "X"))); }

  public List<Tensor> visit(Op.IsInf o, Inputs in) {
    return one(UnaryMathKernels.isInf(in.need(0, "X"), o.detectNegative(), o.detectPositive()));
  }

  public List<Tensor> visit(Op.Compare o, Inputs in) {
    return one(SelectKernels.compare(o.kind(), in.need(0, "A"), in.need(1, "B")));
  }

  public List<Tensor> visit(Op.Variadic o, Inputs in) {
    List<Tensor> parts = new ArrayList<>();
    for (int i = 0; i < in.list().size(); i++) {
      parts.add(in.need(i, "input"));
    }
    if (parts.isEmpty()) {
      throw Args.bad(o.name() + " has no inputs");
    }
    return one(SelectKernels.variadic(o.kind(), parts));
  }

  public List<Tensor> visit(Op.Where o, Inputs in) {
    return one(SelectKernels.where(in.need(0, "condition"), in.need(1, "X"), in.need(2, "Y")));
  }

  public List<Tensor> visit(Op.ArgReduce o, Inputs in) {
    return one(AxisKernels.argReduce(o.kind(), in.need(0, "data"), o.axis(), o.keepdims(), o.selectLastIndex()));
  }

  public List<Tensor> visit(Op.Hardmax o, Inputs in) {
    return one(AxisKernels.hardmax(in.need(0, "X"), o.axis(), o.coerce2d()));
  }

  public List<Tensor> visit(Op.InstanceNormalization o, Inputs in) {
    return one(AxisKernels.instanceNorm(in.need(0, "X"), in.need(1, "scale"), in.need(2, "B"),
        o.epsilon()));
  }

  public List<Tensor> visit(Op.Lrn o, Inputs in) {
    return one(AxisKernels.lrn(in.need(0, "X"), o.alpha(), o.beta(), o.bias(), o.size()));
  }

  public List<Tensor> visit(Op.Expand o, Inputs in) {
    return one(IndexKernels.expand(in.need(0, "input"), in.need(1, "shape")));
  }

  public List<Tensor> visit(Op.Tile o, Inputs in) {
    return one(IndexKernels.tile(in.need(0, "input"), in.need(1, "repeats")));
  }

  public List<Tensor> visit(Op.ConstantOfShape o, Inputs in) {
    return one(IndexKernels.constantOfShape(in.need(0, "shape"), in.need(1, "value")));
  }

  public List<Tensor> visit(Op.Range o, Inputs in) {
    return one(IndexKernels.range(in.need(0, "start"), in.need(1, "limit"), in.need(2, "delta")));
  }

  public List<Tensor> visit(Op.Size o, Inputs in) { return one(IndexKernels.size(in.need(0, "data"))); }

  public List<Tensor> visit(Op.GatherElements o, Inputs in) {
    return one(IndexKernels.gatherElements(in.need(0, "data"), in.need(1, "indices"), o.axis()));
  }

  public List<Tensor> visit(Op.CumSum o, Inputs in) {
    return one(AxisKernels.cumSum(in.need(0, "x"), in.need(1, "axis"), o.exclusive(), o.reverse()));
  }

  public List<Tensor> visit(Op.Trilu o, Inputs in) {
    return one(IndexKernels.trilu(in.need(0, "input"), in.opt(1), o.upper()));
  }

  public List<Tensor> visit(Op.DepthToSpace o, Inputs in) {
    return one(IndexKernels.depthToSpace(in.need(0, "input"), o.blocksize(),
        o.mode() == Op.DepthToSpaceMode.CRD));
  }

  public List<Tensor> visit(Op.SpaceToDepth o, Inputs in) {
    return one(IndexKernels.spaceToDepth(in.need(0, "input"), o.blocksize()));
  }

  public List<Tensor> visit(Op.ResizeInterp o, Inputs in) {
    return one(InterpResizeKernels.resize(o, in.need(0, "X"), in.opt(2), in.opt(3)));
  }

  public List<Tensor> visit(Op.NllLoss o, Inputs in) {
    return one(LossKernels.nllLoss(o, in.need(0, "input"), in.need(1, "target"), in.opt(2)));
  }

  public List<Tensor> visit(Op.Shrink o, Inputs in) {
    return one(QuantKernels.shrink(in.need(0, "input"), o.bias(), o.lambd()));
  }

  public List<Tensor> visit(Op.EyeLike o, Inputs in) {
    return one(ScatterKernels.eyeLike(in.need(0, "input"), o.dtype(), o.k()));
  }

  public List<Tensor> visit(Op.TopK o, Inputs in) {
    return ScatterKernels.topK(in.need(0, "X"), in.need(1, "K"), o.axis(), o.largest());
  }

  public List<Tensor> visit(Op.OneHot o, Inputs in) {
    return one(ScatterKernels.oneHot(in.need(0, "indices"), in.need(1, "depth"),
        in.need(2, "values"), o.axis()));
  }

  public List<Tensor> visit(Op.GatherND o, Inputs in) {
    return one(ScatterKernels.gatherND(in.need(0, "data"), in.need(1, "indices"), o.batchDims()));
  }

  public List<Tensor> visit(Op.ScatterElements o, Inputs in) {
    return one(ScatterKernels.scatterElements(in.need(0, "data"), in.need(1, "indices"),
        in.need(2, "updates"), o.axis(), o.reduction()));
  }

  public List<Tensor> visit(Op.ScatterND o, Inputs in) {
    return one(ScatterKernels.scatterND(in.need(0, "data"), in.need(1, "indices"),
        in.need(2, "updates"), o.reduction()));
  }

  public List<Tensor> visit(Op.QuantizeLinear o, Inputs in) {
    return one(QuantKernels.quantize(in.need(0, "x"), in.need(1, "scale"), in.opt(2), o.axis()));
  }

  public List<Tensor> visit(Op.DequantizeLinear o, Inputs in) {
    return one(QuantKernels.dequantize(in.need(0, "x"), in.need(1, "scale"), in.opt(2), o.axis()));
  }

  public List<Tensor> visit(Op.DynamicQuantizeLinear o, Inputs in) {
    return QuantKernels.dynamicQuantize(in.need(0, "x"));
  }

  public List<Tensor> visit(Op.Window o, Inputs in) { return one(QuantKernels.window(o, in.need(0, "size"))); }

  public List<Tensor> visit(Op.MeanVarianceNormalization o, Inputs in) {
    return one(QuantKernels.meanVarianceNormalization(in.need(0, "X"), o.axes()));
  }

  public List<Tensor> visit(Op.Recurrent o, Inputs in) { return RecurrentKernels.run(o, in.list()); }

  public List<Tensor> visit(Op.MatMulInteger o, Inputs in) {
    return one(IntegerKernels.matmulInteger(in.need(0, "A"), in.need(1, "B"), in.opt(2),
        in.opt(3)));
  }

  public List<Tensor> visit(Op.ReverseSequence o, Inputs in) {
    return one(IntegerKernels.reverseSequence(in.need(0, "input"), in.need(1, "sequence_lens"),
        o.batchAxis(), o.timeAxis()));
  }

  public List<Tensor> visit(Op.GridSample o, Inputs in) {
    return one(GridSampleKernels.gridSample(o, in.need(0, "X"), in.need(1, "grid")));
  }

  public List<Tensor> visit(Op.NonZero o, Inputs in) { return one(SelectionKernels.nonZero(in.need(0, "X"))); }

  public List<Tensor> visit(Op.Compress o, Inputs in) {
    return one(SelectionKernels.compress(in.need(0, "input"), in.need(1, "condition"), o.hasAxis(),
        o.axis()));
  }

  public List<Tensor> visit(Op.MaxUnpool o, Inputs in) {
    return one(SelectionKernels.maxUnpool(in.need(0, "X"), in.need(1, "I"), in.opt(2),
        o.kernelShape(), o.strides(), o.pads()));
  }

  public List<Tensor> visit(Op.NonMaxSuppression o, Inputs in) {
    return one(SelectionKernels.nonMaxSuppression(in.need(0, "boxes"), in.need(1, "scores"),
        in.opt(2), in.opt(3), in.opt(4), o.centerPointBox()));
  }

  public List<Tensor> visit(Op.Unique o, Inputs in) {
    return UniqueKernels.unique(in.need(0, "X"), o.sorted(), o.hasAxis(), o.axis());
  }
}
