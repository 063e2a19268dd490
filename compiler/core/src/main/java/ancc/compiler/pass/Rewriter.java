// Value substitution shared by every pass. Value is a record (name + type), so replacing a
// value (uses of x now read y), renaming one (x is now called y) or refining its type all mean
// rebuilding every node, constant and graph output that mentions it. Passes record their
// substitutions here and apply them in one place instead of repeating that bookkeeping.
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A substitution of values by name: every occurrence of a value named {@code from} (as a node
 * input, node output, constant, graph input or graph output) becomes {@code to}. Chains
 * ({@code a -> b}, {@code b -> c}) resolve to the end.
 */
public final class Rewriter {
  private final Map<String, Value> subst = new HashMap<>();

  /** Uses (and the definition) of {@code from} become {@code to}. */
  public Rewriter replace(Value from, Value to) {
    if (!from.equals(to)) {
      // A value mapped to its own name (a type change) ends a chain in apply().
      subst.put(from.name(), to);
    }
    return this;
  }

  public boolean isEmpty() {
    return subst.isEmpty();
  }

  /** The value {@code v} becomes (v itself when untouched); null stays null (absent input). */
  public Value apply(Value v) {
    if (v == null) {
      return null;
    }
    Value cur = v;
    for (int steps = 0; steps <= subst.size(); steps++) {
      Value next = subst.get(cur.name());
      if (next == null || next.equals(cur)) {
        return cur;
      }
      if (next.name().equals(cur.name())) {
        return next;
      }
      cur = next;
    }
    throw new IllegalStateException("cyclic value substitution at %" + v.name());
  }

  /** {@code n} with inputs and outputs substituted (n itself when nothing changed). */
  public Node apply(Node n) {
    List<Value> ins = applyAll(n.inputs());
    List<Value> outs = applyAll(n.outputs());
    if (ins.equals(n.inputs()) && outs.equals(n.outputs())) {
      return n;
    }
    return new Node(n.op(), ins, outs, n.loc(), n.placement());
  }

  private List<Value> applyAll(List<Value> vs) {
    List<Value> out = new ArrayList<>(vs.size());
    for (Value v : vs) {
      out.add(apply(v));
    }
    return out;
  }

  /** The module with every value substituted; nodes, constants and outputs keep their order. */
  public Module apply(Module m) {
    if (subst.isEmpty()) {
      return m;
    }
    Module.Builder b = Module.builder(m.name());
    for (Value v : m.inputs()) {
      b.input(apply(v));
    }
    for (Map.Entry<Value, Tensor> e : m.constants().entrySet()) {
      b.constant(apply(e.getKey()), e.getValue());
    }
    for (Node n : m.nodes()) {
      b.node(apply(n));
    }
    for (Value v : m.outputs()) {
      b.output(apply(v));
    }
    return b.build();
  }
}
