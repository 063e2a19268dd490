// eliminate-dead-code: removes nodes none of whose outputs reach a graph output, and constants
// nobody reads. Other passes rewrite locally and leave the old producers and weights behind
// (the Shape/Gather chain once a Reshape's shape is constant, the original conv weights once a
// BatchNorm is folded into copies); this pass is the one place that cleans up.
// Graph inputs are part of the module's interface and are always kept.
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Drops nodes whose outputs are all unused (not graph outputs) and unused constants. */
public final class EliminateDeadCode implements Pass {

  @Override
  public String name() {
    return "eliminate-dead-code";
  }

  @Override
  public String summary() {
    return "remove nodes whose results are never used and constants nobody reads";
  }

  @Override
  public Module run(Module m, PassContext ctx) {
    // Nodes are in topological order, so one backward sweep finds everything live.
    Set<String> live = new HashSet<>();
    for (Value v : m.outputs()) {
      live.add(v.name());
    }
    List<Node> nodes = m.nodes();
    boolean[] keep = new boolean[nodes.size()];
    int kept = 0;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node n = nodes.get(i);
      if (n.outputs().stream().anyMatch(v -> live.contains(v.name()))) {
        keep[i] = true;
        kept++;
        for (Value in : n.inputs()) {
          if (in != null) {
            live.add(in.name());
          }
        }
      }
    }
    long liveConstants = m.constants().keySet().stream().filter(v -> live.contains(v.name())).count();
    if (kept == nodes.size() && liveConstants == m.constants().size()) {
      return m;
    }
    Module.Builder b = Module.builder(m.name());
    m.inputs().forEach(b::input);
    for (Map.Entry<Value, Tensor> e : m.constants().entrySet()) {
      if (live.contains(e.getKey().name())) {
        b.constant(e.getKey(), e.getValue());
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (keep[i]) {
        b.node(nodes.get(i));
      }
    }
    m.outputs().forEach(b::output);
    return b.build();
  }
}
