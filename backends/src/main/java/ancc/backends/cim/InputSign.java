package ancc.backends.cim;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Value;

/**
 * Whether a matrix node's input codes carry a sign bit, for the cost model: the lowering makes the
 * codes signed when the calibration range goes below zero, which the estimate cannot see, so it
 * takes an input as unsigned when it comes from a ReLU, possibly through pooling and layout ops,
 * and as signed otherwise (a model input, a residual sum, a linear layer without activation).
 */
final class InputSign {
  private InputSign() {}

  static boolean signed(Value x, Module m) {
    Value cur = x;
    for (int depth = 0; depth < 64; depth++) {
      Node producer = producer(cur, m);
      if (producer == null) {
        return true;
      }
      Op op = producer.op();
      if (op instanceof Op.Unary u && u.kind() == Op.UnaryOp.RELU) {
        return false;
      }
      boolean passesSign = op instanceof Op.MaxPool || op instanceof Op.AveragePool || op instanceof Op.GlobalMaxPool
          || op instanceof Op.GlobalAveragePool || op instanceof Op.Reshape || op instanceof Op.Flatten
          || op instanceof Op.Transpose || op instanceof Op.Squeeze || op instanceof Op.Unsqueeze
          || op instanceof Op.Identity || op instanceof Op.Dropout;
      if (!passesSign || producer.inputs().isEmpty() || producer.input(0) == null) {
        return true;
      }
      cur = producer.input(0);
    }
    return true;
  }

  private static Node producer(Value v, Module m) {
    for (Node n : m.nodes()) {
      if (n.outputs().contains(v)) {
        return n;
      }
    }
    return null;
  }
}
