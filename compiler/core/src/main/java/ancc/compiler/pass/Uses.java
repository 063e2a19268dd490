// Def-use index of a module, built once per pass run: which node defines each value, which
// nodes read it and whether it is a graph output. Pattern-matching passes ask "is this the
// single use?" and "who produces this?" many times; this answers in O(1).
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Producers and users of every value of one (unchanging) module, keyed by value name. */
public final class Uses {
  private final Map<String, Node> producers = new HashMap<>();
  private final Map<String, List<Node>> users = new HashMap<>();
  private final Set<String> graphOutputs = new HashSet<>();

  public Uses(Module m) {
    for (Node n : m.nodes()) {
      for (Value v : n.outputs()) {
        producers.put(v.name(), n);
      }
      for (Value v : n.inputs()) {
        if (v != null) {
          users.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(n);
        }
      }
    }
    for (Value v : m.outputs()) {
      graphOutputs.add(v.name());
    }
  }

  /** The node defining {@code v}, or null for a graph input or constant. */
  public Node producer(Value v) {
    return producers.get(v.name());
  }

  /** The nodes reading {@code v}, once per operand slot (add(x, x) appears twice). */
  public List<Node> users(Value v) {
    return users.getOrDefault(v.name(), List.of());
  }

  public boolean isGraphOutput(Value v) {
    return graphOutputs.contains(v.name());
  }

  /** True when {@code v} is read by nodes or is a graph output. */
  public boolean isUsed(Value v) {
    return isGraphOutput(v) || !users(v).isEmpty();
  }

  /** True when exactly one node operand reads {@code v} and it is not a graph output. */
  public boolean hasSingleUse(Value v) {
    return !isGraphOutput(v) && users(v).size() == 1;
  }
}
