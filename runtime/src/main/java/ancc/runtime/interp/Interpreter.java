package ancc.runtime.interp;

import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The FP32 reference interpreter of the graph IR: ancc's golden model. It follows ONNX semantics
 * (latest opset) for every op, stores floating tensors as float32 and accumulates sums in double.
 * Stateless and thread-safe.
 */
public final class Interpreter {

  public Interpreter() {}

  /**
   * Runs the module on the given graph inputs (keyed by value name) and returns the graph outputs
   * in module output order. Intermediate tensors are dropped after their last use.
   *
   * @throws InvalidInputException when an input is missing, unknown or mistyped, or a node fails
   *     on the data (the message names the node)
   */
  public Map<String, Tensor> run(Module m, Map<String, Tensor> inputs) {
    Map<Value, Tensor> bound = InputCheck.bind(m, inputs);
    Map<Value, Tensor> env = new HashMap<>(m.constants());
    env.putAll(bound);
    List<Node> nodes = m.nodes();
    Map<Value, Integer> lastUse = lastUses(m);
    Set<Value> outputs = new HashSet<>(m.outputs());
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      List<Tensor> args = new ArrayList<>(node.inputs().size());
      for (Value v : node.inputs()) {
        if (v == null) {
          args.add(null);
          continue;
        }
        Tensor t = env.get(v);
        if (t == null) {
          throw new InvalidInputException(node.describe() + ": input %" + v.name() + " is not defined before use");
        }
        args.add(t);
      }
      List<Tensor> results = evaluate(node, args);
      for (int j = 0; j < node.outputs().size(); j++) {
        Value v = node.outputs().get(j);
        if (lastUse.containsKey(v) || outputs.contains(v)) {
          env.put(v, label(node, v, results.get(j)));
        }
      }
      for (Value v : node.inputs()) {
        if (v != null && !outputs.contains(v) && lastUse.get(v) == i) {
          env.remove(v);
        }
      }
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Value v : m.outputs()) {
      Tensor t = env.get(v);
      if (t == null) {
        throw new InvalidInputException("graph output %" + v.name() + " is never defined");
      }
      out.put(v.name(), t);
    }
    return out;
  }

  /** For every value read by a node, the index of the last node that reads it. */
  private static Map<Value, Integer> lastUses(Module m) {
    Map<Value, Integer> last = new HashMap<>();
    List<Node> nodes = m.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      for (Value v : nodes.get(i).inputs()) {
        if (v != null) {
          last.put(v, i);
        }
      }
    }
    return last;
  }

  /** Gives the result the element type the IR declares for it (same storage kind). */
  private static Tensor label(Node node, Value v, Tensor t) {
    if (t.dtype() == v.type().dtype()) {
      return t;
    }
    if (t.isFloating() != v.type().dtype().isFloating()) {
      throw new IllegalStateException(node.describe() + ": kernel produced " + t.dtype().text() + " for %" + v.name()
          + " declared " + v.type());
    }
    Tensor r = t.withDtype(v.type().dtype());
    return r.dtype() == DType.F16 || r.dtype() == DType.BF16 ? Args.roundAll(r) : r;
  }

  /**
   * Kernels compute f16 and bf16 tensors in float32; like ONNX Runtime, each result is rounded to
   * its element type's precision.
   */
  private static List<Tensor> roundNarrowFloats(List<Tensor> out) {
    List<Tensor> r = null;
    for (int i = 0; i < out.size(); i++) {
      Tensor t = out.get(i);
      if (t.dtype() == DType.F16 || t.dtype() == DType.BF16) {
        if (r == null) {
          r = new ArrayList<>(out);
        }
        r.set(i, Args.roundAll(t));
      }
    }
    return r == null ? out : r;
  }

  /**
   * Runs one node on concrete operands (null for an absent optional input) and returns its outputs
   * in order. Used by the interpreter and by constant folding.
   *
   * @throws InvalidInputException naming the node when the operands do not fit the op
   */
  public static List<Tensor> evaluate(Node node, List<Tensor> inputs) {
    int maxIn = node.op().arity().maxIn();
    if (inputs.size() > maxIn) {
      throw new InvalidInputException(node.describe() + ": " + inputs.size() + " inputs but " + node.op().name()
          + " takes at most " + maxIn);
    }
    List<Tensor> out;
    try {
      out = OpDispatch.run(node, inputs);
    } catch (UnsupportedOpException e) {
      throw new UnsupportedOpException(e.opType(), node.describe() + ": " + e.getMessage());
    } catch (InvalidInputException e) {
      throw e.in(node.describe());
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new InvalidInputException(node.describe() + ": " + e.getMessage(), e);
    }
    if (out.size() != node.outputs().size()) {
      throw new InvalidInputException(node.describe() + ": produces " + out.size() + " outputs but the node names "
          + node.outputs().size());
    }
    return roundNarrowFloats(out);
  }
}
