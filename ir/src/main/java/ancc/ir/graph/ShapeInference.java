package ancc.ir.graph;

import ancc.ir.graph.shape.Dims;
import ancc.ir.graph.shape.ShapeContext;
import ancc.ir.graph.shape.SymInt;
import java.util.List;
import java.util.function.Function;

/**
 * Output types of every op from its input types (and, where the op needs them, the values of
 * constant inputs such as a Reshape's shape). Used by the ONNX frontend to type each node and by
 * the {@code Verifier} to check that declared types are consistent. {@link ShapeRules} picks the
 * rule of each op (a visitor, so a new op does not compile until it has one); the rules live in
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
    List<TensorType> out = node.op().accept(ShapeRules.INSTANCE, c);
    for (TensorType t : out) {
      long n = Dims.staticCount(t.dims());
      if (n > MAX_ELEMENTS) {
        throw c.fail("output " + t + " has more than 2^31 elements");
      }
    }
    return out;
  }
}
