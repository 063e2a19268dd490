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
    throw new IllegalStateException("the interpreter has no kernel for op class " + op.getClass().getName());
  }

  private static List<Tensor> one(Tensor t) {
    return List.of(t);
  }
}
