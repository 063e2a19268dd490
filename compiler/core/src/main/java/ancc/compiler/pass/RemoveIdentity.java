// remove-identity: identity nodes, and dropout nodes whose mask output is unused (dropout is the
// identity at inference), only forward their input; exporters leave them behind (nn.Identity,
// nn.Dropout, renamed graph outputs). Uses are rewired to the input. When the removed node's
// result is a graph output, the input is renamed to the output's name instead, so graph output
// names stay stable (the CLI writes --output-dir NAME.npy by them); that is only possible when
// the input is defined by a node and is not itself a graph output, otherwise the node stays.
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Value;
import java.util.HashSet;
import java.util.Set;

/** Removes identity and unused-mask dropout nodes, keeping graph output names. */
public final class RemoveIdentity implements Pass {

  @Override
  public String name() {
    return "remove-identity";
  }

  @Override
  public String summary() {
    return "remove identity and inference-mode dropout nodes, rewiring uses to their input";
  }

  @Override
  public Module run(Module m, PassContext ctx) {
    Uses uses = new Uses(m);
    Set<String> nodeDefined = new HashSet<>();
    for (Node n : m.nodes()) {
      n.outputs().forEach(v -> nodeDefined.add(v.name()));
    }
    Rewriter rw = new Rewriter();
    Set<Node> removed = new HashSet<>();
    for (Node original : m.nodes()) {
      if (!isForwarding(original, uses)) {
        continue;
      }
      Node n = rw.apply(original);
      Value x = n.input(0);
      Value y = n.output();
      if (!uses.isGraphOutput(y)) {
        rw.replace(y, x);
        removed.add(original);
      } else if (nodeDefined.contains(x.name()) && !uses.isGraphOutput(x) && x.type().equals(y.type())) {
        rw.replace(x, y);
        nodeDefined.add(y.name());
        removed.add(original);
      }
    }
    if (removed.isEmpty()) {
      return m;
    }
    Module.Builder b = m.toBuilder();
    b.nodes().removeIf(removed::contains);
    return rw.apply(b.build());
  }

  /** Identity, or dropout whose optional mask output is absent or unused. */
  private static boolean isForwarding(Node n, Uses uses) {
    if (n.op() instanceof Op.Identity) {
      return true;
    }
    if (n.op() instanceof Op.Dropout) {
      return n.outputs().size() < 2 || !uses.isUsed(n.outputs().get(1));
    }
    return false;
  }
}
