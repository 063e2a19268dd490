package ancc.ir.graph;

import ancc.ir.graph.shape.ConvShapes;
import ancc.ir.graph.shape.Dims;
import ancc.ir.graph.shape.LayoutShapes;
import ancc.ir.graph.shape.MathShapes;
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
      return MathShapes.binary(c, o.kind() == Op.BinaryOp.POW);
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
    } else if (op instanceof Op.Resize) {
      return MathShapes.resize(c);
    }
    // Every Op record is handled above (Split and Dropout in dispatch); a new op lands here.
    throw new IllegalStateException("shape inference has no rule for op " + op.name());
  }
}
