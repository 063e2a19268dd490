package ancc.compiler.onnx;

import ancc.ir.graph.Op;
import ancc.ir.graph.Value;
import java.util.List;

/**
 * One ONNX node as a graph IR op: the op, its operands (null for absent optional ones) and how
 * many of the ONNX node's outputs it keeps (a prefix; unused optional outputs are dropped).
 */
record Lowered(Op op, List<Value> inputs, int outputs) {
  Lowered {
    inputs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
  }

  static Lowered of(Op op, List<Value> inputs) {
    return new Lowered(op, inputs, 1);
  }
}
