package ancc.backends.cim;

import ancc.backends.cim.MatrixNode.Analysis;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;

/**
 * Which ops the CIM backends map onto arrays, one visit per op: conv, linear, gemm and matmul with
 * constant weights become a {@link MatrixNode}; every other op is not a matrix product (it runs on
 * a digital tile). A new op must say here whether it maps.
 */
final class MatrixOps implements Op.Visitor<Analysis, MatrixOps.Site> {
  static final MatrixOps INSTANCE = new MatrixOps();

  /** The node being analysed and its module (for constant weights). */
  record Site(Node node, Module m) {}

  private MatrixOps() {}

  private static Analysis notMatrix(Op op) {
    return MatrixNode.no(op.name() + " is not a matrix product with constant weights");
  }

  public Analysis visit(Op.Conv o, Site s) { return MatrixNode.conv(s.node, o, s.m); }

  public Analysis visit(Op.ConvTranspose o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Gemm o, Site s) { return MatrixNode.gemm(s.node, o, s.m); }

  public Analysis visit(Op.MatMul o, Site s) { return MatrixNode.matmul(s.node, s.m); }

  public Analysis visit(Op.Linear o, Site s) { return MatrixNode.linear(s.node, s.m); }

  public Analysis visit(Op.Binary o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Unary o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.LeakyRelu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.PRelu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Clip o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.HardSigmoid o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Softmax o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.LogSoftmax o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.MaxPool o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.AveragePool o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.GlobalAveragePool o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.GlobalMaxPool o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.BatchNormalization o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.LayerNormalization o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Flatten o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Reshape o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Transpose o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Concat o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Split o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Slice o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Squeeze o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Unsqueeze o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Pad o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Dropout o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Identity o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Shape o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Gather o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Cast o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Reduce o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Resize o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Elu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Celu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Selu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ThresholdedRelu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.IsNaN o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.IsInf o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Compare o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Variadic o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Where o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ArgReduce o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Hardmax o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.InstanceNormalization o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Lrn o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Expand o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Tile o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ConstantOfShape o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Range o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Size o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.GatherElements o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.CumSum o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Trilu o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.DepthToSpace o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.SpaceToDepth o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ResizeInterp o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.NllLoss o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Shrink o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.EyeLike o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.TopK o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.OneHot o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.GatherND o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ScatterElements o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ScatterND o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.QuantizeLinear o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.DequantizeLinear o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.DynamicQuantizeLinear o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Window o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.MeanVarianceNormalization o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Recurrent o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.MatMulInteger o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.ReverseSequence o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.GridSample o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.NonZero o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Compress o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.MaxUnpool o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.NonMaxSuppression o, Site s) { return notMatrix(o); }

  public Analysis visit(Op.Unique o, Site s) { return notMatrix(o); }
}
