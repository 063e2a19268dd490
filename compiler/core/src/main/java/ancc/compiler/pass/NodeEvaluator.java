// The one place where the passes call the reference interpreter: fold-constants runs single
// nodes on constant tensors through it, so folding computes exactly what execution would.
package ancc.compiler.pass;

import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import java.util.List;

/** Runs one node on concrete tensors with the FP32 reference interpreter. */
final class NodeEvaluator {
  private NodeEvaluator() {}

  /** The outputs of {@code n} for {@code inputs} (null for an absent optional input). */
  static List<Tensor> evaluate(Node n, List<Tensor> inputs) {
    return Interpreter.evaluate(n, inputs);
  }
}
