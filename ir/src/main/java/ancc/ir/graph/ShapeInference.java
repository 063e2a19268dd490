package ancc.ir.graph;

import ancc.ir.graph.shape.ConvShapes;
import ancc.ir.graph.shape.Dims;
import ancc.ir.graph.shape.ElementShapes;
import ancc.ir.graph.shape.IndexShapes;
import ancc.ir.graph.shape.LayoutShapes;
import ancc.ir.graph.shape.MathShapes;
import ancc.ir.graph.shape.RecurrentShapes;
import ancc.ir.graph.shape.ShapeContext;
import ancc.ir.graph.shape.SliceShapes;
import ancc.ir.graph.shape.SymInt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Output types of every op from its input types (and, where the op needs them, the values of
 * constant inputs such as a Reshape's shape). Used by the ONNX frontend to type each node and by
 * the {@code Verifier} to check that declared types are consistent. The per-op rules live in
 * {@code ancc.ir.graph.shape} (broadcasting of symbolic dims is documented on
 * {@link ancc.ir.graph.shape.Dims}).
 */
public final class ShapeInference {
  /** Static tensors with more elements than this are rejected. */
  public static final long MAX_ELEMENTS = 1L << 31;

  private ShapeInference() {}

  /**
   * The output types of {@code node}, computed from its input values' types. {@code consts} gives
   * the tensor of a constant input value, or null when the value is not constant. A dimension that
   * cannot be determined (e.g. a Reshape to a shape computed at run time) is {@link Dim#UNKNOWN}.
   *
   * @throws ancc.ir.InvalidInputException naming the node when the inputs are inconsistent
   */
  public static List<TensorType> infer(Node node, Function<Value, Tensor> consts) {
    return infer(node, consts, v -> null);
  }

  /**
   * As {@link #infer(Node, Function)}, with the symbolic values of small integer inputs computed
   * at run time (see {@link ancc.ir.graph.shape.ShapeValues}); a Reshape whose shape input is
   * {@code [N, -1]} then gets a symbolic output type instead of unknown dims.
   */
  public static List<TensorType> infer(Node node, Function<Value, Tensor> consts,
      Function<Value, List<SymInt>> shapeValues) {
    ShapeContext c = new ShapeContext(node, consts, shapeValues);
    Op.Arity a = node.op().arity();
    int nIn = node.inputs().size();
    int nOut = node.outputs().size();
    if (nIn < a.minIn() || nIn > a.maxIn() || nOut < a.minOut() || nOut > a.maxOut()) {
      throw c.fail("has " + nIn + " inputs and " + nOut + " outputs; expected " + a.minIn() + ".." + a.maxIn()
          + " inputs and " + a.minOut() + ".." + a.maxOut() + " outputs");
    }
    List<TensorType> out = dispatch(c, node.op(), nOut);
    for (TensorType t : out) {
      long n = Dims.staticCount(t.dims());
      if (n > MAX_ELEMENTS) {
        throw c.fail("output " + t + " has more than 2^31 elements");
      }
    }
    return out;
  }

  private static List<TensorType> dispatch(ShapeContext c, Op op, int nOut) {
    if (op instanceof Op.Split s) {
      return LayoutShapes.split(c, s, nOut);
    }
    if (op instanceof Op.Recurrent o) {
      return RecurrentShapes.recurrent(c, o);
    }
    if (op instanceof Op.Unique o) {
      return IndexShapes.unique(c, o);
    }
    if (op instanceof Op.TopK o) {
      return IndexShapes.topK(c, o);
    }
    if (op instanceof Op.DynamicQuantizeLinear) {
      TensorType x = ElementShapes.floatingSame(c);
      return List.of(x.withDtype(DType.U8), TensorType.of(DType.F32), TensorType.of(DType.U8));
    }
    if (op instanceof Op.Dropout) {
      TensorType x = c.in(0);
      List<TensorType> out = new ArrayList<>();
      out.add(x);
      if (nOut > 1) {
        out.add(x.withDtype(DType.BOOL));
      }
      return out;
    }
    return List.of(single(c, op));
  }

  private static TensorType single(ShapeContext c, Op op) {
    if (op instanceof Op.Conv o) {
      return ConvShapes.conv(c, o);
    } else if (op instanceof Op.ConvTranspose o) {
      return ConvShapes.convTranspose(c, o);
    } else if (op instanceof Op.Gemm o) {
      return MathShapes.gemm(c, o);
    } else if (op instanceof Op.MatMul) {
      return MathShapes.matmul(c);
    } else if (op instanceof Op.Linear) {
      return MathShapes.linear(c);
    } else if (op instanceof Op.Binary o) {
      return ElementShapes.binary(c, o.kind());
    } else if (op instanceof Op.Unary || op instanceof Op.LeakyRelu || op instanceof Op.HardSigmoid
        || op instanceof Op.Identity) {
      return c.in(0);
    } else if (op instanceof Op.PRelu) {
      return MathShapes.prelu(c);
    } else if (op instanceof Op.Clip) {
      return MathShapes.clip(c);
    } else if (op instanceof Op.Softmax o) {
      return MathShapes.softmaxAxis(c, o.axis());
    } else if (op instanceof Op.LogSoftmax o) {
      return MathShapes.softmaxAxis(c, o.axis());
    } else if (op instanceof Op.MaxPool o) {
      return ConvShapes.pool(c, o.kernelShape(), o.strides(), o.pads(), o.dilations(), o.ceilMode());
    } else if (op instanceof Op.AveragePool o) {
      return ConvShapes.pool(c, o.kernelShape(), o.strides(), o.pads(), o.dilations(), o.ceilMode());
    } else if (op instanceof Op.GlobalAveragePool || op instanceof Op.GlobalMaxPool) {
      return ConvShapes.globalPool(c);
    } else if (op instanceof Op.BatchNormalization) {
      return MathShapes.batchNorm(c);
    } else if (op instanceof Op.LayerNormalization o) {
      return MathShapes.layerNorm(c, o);
    }
    return layout(c, op);
  }

  private static TensorType layout(ShapeContext c, Op op) {
    if (op instanceof Op.Flatten o) {
      return LayoutShapes.flatten(c, o);
    } else if (op instanceof Op.Reshape o) {
      return LayoutShapes.reshape(c, o);
    } else if (op instanceof Op.Transpose o) {
      return LayoutShapes.transpose(c, o);
    } else if (op instanceof Op.Concat o) {
      return LayoutShapes.concat(c, o);
    } else if (op instanceof Op.Slice) {
      return SliceShapes.slice(c);
    } else if (op instanceof Op.Squeeze) {
      return LayoutShapes.squeeze(c);
    } else if (op instanceof Op.Unsqueeze) {
      return LayoutShapes.unsqueeze(c);
    } else if (op instanceof Op.Pad) {
      return SliceShapes.pad(c);
    } else if (op instanceof Op.Shape o) {
      return LayoutShapes.shape(c, o);
    } else if (op instanceof Op.Gather o) {
      return LayoutShapes.gather(c, o);
    } else if (op instanceof Op.Cast o) {
      return MathShapes.cast(c, o.to());
    } else if (op instanceof Op.Reduce o) {
      return MathShapes.reduce(c, o);
    } else if (op instanceof Op.Resize || op instanceof Op.ResizeInterp) {
      return MathShapes.resize(c);
    }
    return added(c, op);
  }

  private static TensorType added(ShapeContext c, Op op) {
    if (op instanceof Op.Elu || op instanceof Op.Celu || op instanceof Op.Selu || op instanceof Op.ThresholdedRelu
        || op instanceof Op.Lrn) {
      return ElementShapes.floatingSame(c);
    } else if (op instanceof Op.Trilu) {
      return ElementShapes.trilu(c);
    } else if (op instanceof Op.IsNaN || op instanceof Op.IsInf) {
      return ElementShapes.floatingSame(c).withDtype(DType.BOOL);
    } else if (op instanceof Op.Compare) {
      return ElementShapes.compare(c);
    } else if (op instanceof Op.Variadic) {
      return ElementShapes.variadic(c);
    } else if (op instanceof Op.Where) {
      return ElementShapes.where(c);
    } else if (op instanceof Op.Hardmax o) {
      return MathShapes.softmaxAxis(c, o.axis());
    } else if (op instanceof Op.InstanceNormalization) {
      return ElementShapes.instanceNorm(c);
    } else if (op instanceof Op.CumSum) {
      return ElementShapes.cumSum(c);
    } else if (op instanceof Op.ArgReduce o) {
      return IndexShapes.argReduce(c, o);
    } else if (op instanceof Op.Expand) {
      return IndexShapes.expand(c);
    } else if (op instanceof Op.Tile) {
      return IndexShapes.tile(c);
    } else if (op instanceof Op.ConstantOfShape) {
      return IndexShapes.constantOfShape(c);
    } else if (op instanceof Op.Range) {
      return IndexShapes.range(c);
    } else if (op instanceof Op.Size) {
      return TensorType.of(DType.I64);
    } else if (op instanceof Op.GatherElements o) {
      return IndexShapes.gatherElements(c, o);
    } else if (op instanceof Op.DepthToSpace o) {
      return IndexShapes.depthToSpace(c, o.blocksize());
    } else if (op instanceof Op.SpaceToDepth o) {
      return IndexShapes.spaceToDepth(c, o.blocksize());
    } else if (op instanceof Op.NllLoss o) {
      return ElementShapes.nllLoss(c, o);
    }
    return scatterQuant(c, op);
  }

  private static TensorType scatterQuant(ShapeContext c, Op op) {
    if (op instanceof Op.Shrink || op instanceof Op.MeanVarianceNormalization) {
      return ElementShapes.floatingSame(c);
    } else if (op instanceof Op.EyeLike o) {
      c.requireRank(0, 2, "input");
      return c.in(0).withDtype(o.dtype());
    } else if (op instanceof Op.OneHot o) {
      return IndexShapes.oneHot(c, o);
    } else if (op instanceof Op.GatherND o) {
      return IndexShapes.gatherND(c, o);
    } else if (op instanceof Op.ScatterElements || op instanceof Op.ScatterND) {
      return IndexShapes.scatter(c, op instanceof Op.ScatterElements);
    } else if (op instanceof Op.QuantizeLinear) {
      ElementShapes.floatingSame(c);
      return c.in(0).withDtype(c.has(2) ? c.in(2).dtype() : DType.U8);
    } else if (op instanceof Op.DequantizeLinear) {
      return c.in(0).withDtype(c.in(1).dtype());
    } else if (op instanceof Op.Window o) {
      return IndexShapes.window(c, o);
    } else if (op instanceof Op.MatMulInteger) {
      if (c.in(0).dtype().isFloating() || c.in(1).dtype().isFloating()) {
        throw c.fail("operands " + c.in(0) + " and " + c.in(1) + " must be integers");
      }
      return MathShapes.matmul(c).withDtype(DType.I32);
    } else if (op instanceof Op.NonMaxSuppression) {
      if (c.in(0).rank() != 3 || c.in(1).rank() != 3 || !c.in(0).dtype().isFloating()) {
        throw c.fail("boxes " + c.in(0) + " and scores " + c.in(1) + " must be [B,N,4] and [B,C,N] floats");
      }
      return new TensorType(DType.I64, List.of(Dim.UNKNOWN, Dim.of(3)));
    } else if (op instanceof Op.NonZero) {
      return TensorType.of(DType.I64, c.in(0).rank()).withDims(List.of(Dim.of(c.in(0).rank()), Dim.UNKNOWN));
    } else if (op instanceof Op.Compress o) {
      return IndexShapes.compress(c, o);
    } else if (op instanceof Op.MaxUnpool o) {
      return IndexShapes.maxUnpool(c, o);
    } else if (op instanceof Op.GridSample) {
      TensorType x = ElementShapes.floatingSame(c);
      TensorType g = c.in(1);
      if (x.rank() != 4 || g.rank() != 4 || g.dtype() != x.dtype()) {
        throw c.fail("X " + x + " and grid " + g + " must be [N,C,H,W] and [N,Hout,Wout,2] of one type");
      }
      c.requireSame(g.dim(3), ancc.ir.graph.Dim.of(2), "grid " + g + " must end in 2");
      Dim n = c.merge(x.dim(0), g.dim(0), "batch of X " + x + " and grid " + g + " differ");
      return x.withDims(List.of(n, x.dim(1), g.dim(1), g.dim(2)));
    } else if (op instanceof Op.ReverseSequence o) {
      TensorType x = c.in(0);
      if (x.rank() < 2) {
        throw c.fail("input " + x + " must have rank 2 or more");
      }
      int b = c.axis(o.batchAxis(), x.rank(), false, "batch_axis");
      int t = c.axis(o.timeAxis(), x.rank(), false, "time_axis");
      if (b == t || c.in(1).rank() != 1 || c.in(1).dtype().isFloating()) {
        throw c.fail("batch_axis and time_axis must differ and sequence_lens " + c.in(1) + " be 1-D integers");
      }
      return x;
    }
    // Every Op record is handled above (Split and Dropout in dispatch); a new op lands here.
    throw new IllegalStateException("shape inference has no rule for op " + op.name());
  }
}
