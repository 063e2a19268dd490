package ancc.ir.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One operation applied to SSA values. {@code inputs} may hold {@code null} for an absent
 * optional operand; {@code outputs} never does. {@code loc} is the source location (the ONNX
 * node name), or empty. {@code placement} says which tile kinds run the node; null until the
 * partitioner (or a uniform placement) assigns one.
 */
public record Node(Op op, List<Value> inputs, List<Value> outputs, String loc, Placement placement) {
  public Node {
    Objects.requireNonNull(op, "op");
    inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
    outputs = List.copyOf(outputs);
    loc = loc == null ? "" : loc;
  }

  public Node(Op op, List<Value> inputs, List<Value> outputs, String loc) {
    this(op, inputs, outputs, loc, null);
  }

  public Node(Op op, List<Value> inputs, Value output, String loc) {
    this(op, inputs, List.of(output), loc, null);
  }

  /** Input i, or null if absent or past the end. */
  public Value input(int i) {
    return i < inputs.size() ? inputs.get(i) : null;
  }

  /** The first (usually only) output. */
  public Value output() {
    return outputs.get(0);
  }

  public Node withInputs(List<Value> newInputs) {
    return new Node(op, newInputs, outputs, loc, placement);
  }

  public Node withOutputs(List<Value> newOutputs) {
    return new Node(op, inputs, newOutputs, loc, placement);
  }

  public Node withOp(Op newOp) {
    return new Node(newOp, inputs, outputs, loc, placement);
  }

  public Node withPlacement(Placement p) {
    return new Node(op, inputs, outputs, loc, p);
  }

  /** Human-readable reference for diagnostics: the op and its location, e.g. {@code conv "/conv1/Conv"}. */
  public String describe() {
    return op.name() + (loc.isEmpty() ? " %" + output().name() : " \"" + loc + "\"");
  }
}
