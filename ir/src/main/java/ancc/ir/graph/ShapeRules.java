package ancc.ir.graph;

import ancc.ir.graph.shape.ConvShapes;
import ancc.ir.graph.shape.ElementShapes;
import ancc.ir.graph.shape.IndexShapes;
import ancc.ir.graph.shape.LayoutShapes;
import ancc.ir.graph.shape.MathShapes;
import ancc.ir.graph.shape.RecurrentShapes;
import ancc.ir.graph.shape.ShapeContext;
import ancc.ir.graph.shape.SliceShapes;
import java.util.ArrayList;
import java.util.List;

/**
 * The output types of each op, one visit per op record: the rule for {@link ShapeInference}. Most
 * rules live in {@code ancc.ir.graph.shape}; the few one-off ones are written here.
 */
final class ShapeRules implements Op.Visitor<List<TensorType>, ShapeContext> {
  static final ShapeRules INSTANCE = new ShapeRules();

  private ShapeRules() {}

  private static List<TensorType> one(TensorType t) {
    return List.of(t);
  }

  // ---------------------------------------------------------------- linear algebra

  public List<TensorType> visit(Op.Conv o, ShapeContext c) { return one(ConvShapes.conv(c, o)); }

  public List<TensorType> visit(Op.ConvTranspose o, ShapeContext c) { return one(ConvShapes.convTranspose(c, o)); }

  public List<TensorType> visit(Op.Gemm o, ShapeContext c) { return one(MathShapes.gemm(c, o)); }

  public List<TensorType> visit(Op.MatMul o, ShapeContext c) { return one(MathShapes.matmul(c)); }

  public List<TensorType> visit(Op.Linear o, ShapeContext c) { return one(MathShapes.linear(c)); }

  // ---------------------------------------------------------------- elementwise

  public List<TensorType> visit(Op.Binary o, ShapeContext c) { return one(ElementShapes.binary(c, o.kind())); }

  public List<TensorType> visit(Op.Unary o, ShapeContext c) { return one(c.in(0)); }

  public List<TensorType> visit(Op.LeakyRelu o, ShapeContext c) { return one(c.in(0)); }

  public List<TensorType> visit(Op.PRelu o, ShapeContext c) { return one(MathShapes.prelu(c)); }

  public List<TensorType> visit(Op.Clip o, ShapeContext c) { return one(MathShapes.clip(c)); }

  public List<TensorType> visit(Op.HardSigmoid o, ShapeContext c) { return one(c.in(0)); }

  public List<TensorType> visit(Op.Softmax o, ShapeContext c) { return one(MathShapes.softmaxAxis(c, o.axis())); }

  public List<TensorType> visit(Op.LogSoftmax o, ShapeContext c) { return one(MathShapes.softmaxAxis(c, o.axis())); }

  // ---------------------------------------------------------------- pooling and normalization

  public List<TensorType> visit(Op.MaxPool o, ShapeContext c) {
    return one(ConvShapes.pool(c, o.kernelShape(), o.strides(), o.pads(), o.dilations(), o.ceilMode()));
  }

  public List<TensorType> visit(Op.AveragePool o, ShapeContext c) {
    return one(ConvShapes.pool(c, o.kernelShape(), o.strides(), o.pads(), o.dilations(), o.ceilMode()));
  }

  public List<TensorType> visit(Op.GlobalAveragePool o, ShapeContext c) { return one(ConvShapes.globalPool(c)); }

  public List<TensorType> visit(Op.GlobalMaxPool o, ShapeContext c) { return one(ConvShapes.globalPool(c)); }

  public List<TensorType> visit(Op.BatchNormalization o, ShapeContext c) { return one(MathShapes.batchNorm(c)); }

  public List<TensorType> visit(Op.LayerNormalization o, ShapeContext c) { return one(MathShapes.layerNorm(c, o)); }

  // ---------------------------------------------------------------- shape and data movement

  public List<TensorType> visit(Op.Flatten o, ShapeContext c) { return one(LayoutShapes.flatten(c, o)); }

  public List<TensorType> visit(Op.Reshape o, ShapeContext c) { return one(LayoutShapes.reshape(c, o)); }

  public List<TensorType> visit(Op.Transpose o, ShapeContext c) { return one(LayoutShapes.transpose(c, o)); }

  public List<TensorType> visit(Op.Concat o, ShapeContext c) { return one(LayoutShapes.concat(c, o)); }

  public List<TensorType> visit(Op.Split o, ShapeContext c) {
    return LayoutShapes.split(c, o, c.node().outputs().size());
  }

  public List<TensorType> visit(Op.Slice o, ShapeContext c) { return one(SliceShapes.slice(c)); }

  public List<TensorType> visit(Op.Squeeze o, ShapeContext c) { return one(LayoutShapes.squeeze(c)); }

  public List<TensorType> visit(Op.Unsqueeze o, ShapeContext c) { return one(LayoutShapes.unsqueeze(c)); }

  public List<TensorType> visit(Op.Pad o, ShapeContext c) { return one(SliceShapes.pad(c)); }

  public List<TensorType> visit(Op.Dropout o, ShapeContext c) {
    TensorType x = c.in(0);
    List<TensorType> out = new ArrayList<>();
    out.add(x);
    if (c.node().outputs().size() > 1) {
      out.add(x.withDtype(DType.BOOL));
    }
    return out;
  }

  public List<TensorType> visit(Op.Identity o, ShapeContext c) { return one(c.in(0)); }

  public List<TensorType> visit(Op.Shape o, ShapeContext c) { return one(LayoutShapes.shape(c, o)); }

  public List<TensorType> visit(Op.Gather o, ShapeContext c) { return one(LayoutShapes.gather(c, o)); }

  public List<TensorType> visit(Op.Cast o, ShapeContext c) { return one(MathShapes.cast(c, o.to())); }

  public List<TensorType> visit(Op.Reduce o, ShapeContext c) { return one(MathShapes.reduce(c, o)); }

  public List<TensorType> visit(Op.Resize o, ShapeContext c) { return one(MathShapes.resize(c)); }

  // ---------------------------------------------------------------- activations with parameters

  public List<TensorType> visit(Op.Elu o, ShapeContext c) { return one(ElementShapes.floatingSame(c)); }

  public List<TensorType> visit(Op.Celu o, ShapeContext c) { return one(ElementShapes.floatingSame(c)); }

  public List<TensorType> visit(Op.Selu o, ShapeContext c) { return one(ElementShapes.floatingSame(c)); }

  public List<TensorType> visit(Op.ThresholdedRelu o, ShapeContext c) { return one(ElementShapes.floatingSame(c)); }

  public List<TensorType> visit(Op.IsNaN o, ShapeContext c) { return one(floatingToBool(c)); }

  public List<TensorType> visit(Op.IsInf o, ShapeContext c) { return one(floatingToBool(c)); }

  private static TensorType floatingToBool(ShapeContext c) {
    return ElementShapes.floatingSame(c).withDtype(DType.BOOL);
  }

  // ---------------------------------------------------------------- comparison and selection

  public List<TensorType> visit(Op.Compare o, ShapeContext c) { return one(ElementShapes.compare(c)); }

  public List<TensorType> visit(Op.Variadic o, ShapeContext c) { return one(ElementShapes.variadic(c)); }

  public List<TensorType> visit(Op.Where o, ShapeContext c) { return one(ElementShapes.where(c)); }

  public List<TensorType> visit(Op.ArgReduce o, ShapeContext c) { return one(IndexShapes.argReduce(c, o)); }

  public List<TensorType> visit(Op.Hardmax o, ShapeContext c) { return one(MathShapes.softmaxAxis(c, o.axis())); }

  // ---------------------------------------------------------------- more normalization

  public List<TensorType> visit(Op.InstanceNormalization o, ShapeContext c) {
    return one(ElementShapes.instanceNorm(c));
  }

  public List<TensorType> visit(Op.Lrn o, ShapeContext c) { return one(ElementShapes.floatingSame(c)); }

  // ---------------------------------------------------------------- more data movement

  public List<TensorType> visit(Op.Expand o, ShapeContext c) { return one(IndexShapes.expand(c)); }

  public List<TensorType> visit(Op.Tile o, ShapeContext c) { return one(IndexShapes.tile(c)); }

  public List<TensorType> visit(Op.ConstantOfShape o, ShapeContext c) { return one(IndexShapes.constantOfShape(c)); }

  public List<TensorType> visit(Op.Range o, ShapeContext c) { return one(IndexShapes.range(c)); }

  public List<TensorType> visit(Op.Size o, ShapeContext c) { return one(TensorType.of(DType.I64)); }

  public List<TensorType> visit(Op.GatherElements o, ShapeContext c) { return one(IndexShapes.gatherElements(c, o)); }

  public List<TensorType> visit(Op.CumSum o, ShapeContext c) { return one(ElementShapes.cumSum(c)); }

  public List<TensorType> visit(Op.Trilu o, ShapeContext c) { return one(ElementShapes.trilu(c)); }

  public List<TensorType> visit(Op.DepthToSpace o, ShapeContext c) {
    return one(IndexShapes.depthToSpace(c, o.blocksize()));
  }

  public List<TensorType> visit(Op.SpaceToDepth o, ShapeContext c) {
    return one(IndexShapes.spaceToDepth(c, o.blocksize()));
  }

  public List<TensorType> visit(Op.ResizeInterp o, ShapeContext c) { return one(MathShapes.resize(c)); }

  // ---------------------------------------------------------------- losses

  public List<TensorType> visit(Op.NllLoss o, ShapeContext c) { return one(ElementShapes.nllLoss(c, o)); }

  // ---------------------------------------------------------------- more elementwise and index ops

  public List<TensorType> visit(Op.Shrink o, ShapeContext c) { return one(ElementShapes.floatingSame(c)); }

  public List<TensorType> visit(Op.EyeLike o, ShapeContext c) {
    c.requireRank(0, 2, "input");
    return one(c.in(0).withDtype(o.dtype()));
  }

  public List<TensorType> visit(Op.TopK o, ShapeContext c) { return IndexShapes.topK(c, o); }

  public List<TensorType> visit(Op.OneHot o, ShapeContext c) { return one(IndexShapes.oneHot(c, o)); }

  public List<TensorType> visit(Op.GatherND o, ShapeContext c) { return one(IndexShapes.gatherND(c, o)); }

  public List<TensorType> visit(Op.ScatterElements o, ShapeContext c) { return one(IndexShapes.scatter(c, true)); }

  public List<TensorType> visit(Op.ScatterND o, ShapeContext c) { return one(IndexShapes.scatter(c, false)); }

  public List<TensorType> visit(Op.QuantizeLinear o, ShapeContext c) {
    ElementShapes.floatingSame(c);
    return one(c.in(0).withDtype(c.has(2) ? c.in(2).dtype() : DType.U8));
  }

  public List<TensorType> visit(Op.DequantizeLinear o, ShapeContext c) {
    return one(c.in(0).withDtype(c.in(1).dtype()));
  }

  public List<TensorType> visit(Op.DynamicQuantizeLinear o, ShapeContext c) {
    TensorType x = ElementShapes.floatingSame(c);
    return List.of(x.withDtype(DType.U8), TensorType.of(DType.F32), TensorType.of(DType.U8));
  }

  public List<TensorType> visit(Op.Window o, ShapeContext c) { return one(IndexShapes.window(c, o)); }

  public List<TensorType> visit(Op.MeanVarianceNormalization o, ShapeContext c) {
    return one(ElementShapes.floatingSame(c));
  }

  // ---------------------------------------------------------------- recurrent layers

  public List<TensorType> visit(Op.Recurrent o, ShapeContext c) { return RecurrentShapes.recurrent(c, o); }

  // ---------------------------------------------------------------- integer and linear-algebra extras

  public List<TensorType> visit(Op.MatMulInteger o, ShapeContext c) {
    if (c.in(0).dtype().isFloating() || c.in(1).dtype().isFloating()) {
      throw c.fail("operands " + c.in(0) + " and " + c.in(1) + " must be integers");
    }
    return one(MathShapes.matmul(c).withDtype(DType.I32));
  }

  public List<TensorType> visit(Op.ReverseSequence o, ShapeContext c) {
    TensorType x = c.in(0);
    if (x.rank() < 2) {
      throw c.fail("input " + x + " must have rank 2 or more");
    }
    int b = c.axis(o.batchAxis(), x.rank(), false, "batch_axis");
    int t = c.axis(o.timeAxis(), x.rank(), false, "time_axis");
    if (b == t || c.in(1).rank() != 1 || c.in(1).dtype().isFloating()) {
      throw c.fail("batch_axis and time_axis must differ and sequence_lens " + c.in(1) + " be 1-D integers");
    }
    return one(x);
  }

  public List<TensorType> visit(Op.GridSample o, ShapeContext c) {
    TensorType x = ElementShapes.floatingSame(c);
    TensorType g = c.in(1);
    if (x.rank() != 4 || g.rank() != 4 || g.dtype() != x.dtype()) {
      throw c.fail("X " + x + " and grid " + g + " must be [N,C,H,W] and [N,Hout,Wout,2] of one type");
    }
    c.requireSame(g.dim(3), Dim.of(2), "grid " + g + " must end in 2");
    Dim n = c.merge(x.dim(0), g.dim(0), "batch of X " + x + " and grid " + g + " differ");
    return one(x.withDims(List.of(n, x.dim(1), g.dim(1), g.dim(2))));
  }

  // ---------------------------------------------------------------- data-dependent shapes

  public List<TensorType> visit(Op.NonZero o, ShapeContext c) {
    return one(TensorType.of(DType.I64, c.in(0).rank()).withDims(List.of(Dim.of(c.in(0).rank()), Dim.UNKNOWN)));
  }

  public List<TensorType> visit(Op.Compress o, ShapeContext c) { return one(IndexShapes.compress(c, o)); }

  public List<TensorType> visit(Op.MaxUnpool o, ShapeContext c) { return one(IndexShapes.maxUnpool(c, o)); }

  public List<TensorType> visit(Op.NonMaxSuppression o, ShapeContext c) {
    if (c.in(0).rank() != 3 || c.in(1).rank() != 3 || !c.in(0).dtype().isFloating()) {
      throw c.fail("boxes " + c.in(0) + " and scores " + c.in(1) + " must be [B,N,4] and [B,C,N] floats");
    }
    return one(new TensorType(DType.I64, List.of(Dim.UNKNOWN, Dim.of(3))));
  }

  public List<TensorType> visit(Op.Unique o, ShapeContext c) { return IndexShapes.unique(c, o); }
}
