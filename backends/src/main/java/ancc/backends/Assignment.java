package ancc.backends;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tile kind each node of a module runs on (nodes keyed by their first output's name). */
public record Assignment(Map<String, TileKind> kinds) {

  public Assignment {
    kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
  }

  /** The kind of {@code node}; digital when the assignment does not name it. */
  public TileKind kindOf(Node node) {
    return kinds.getOrDefault(node.output().name(), TileKind.DIGITAL);
  }

  /**
   * Every node whose op {@code kind}'s backend can map goes to {@code kind}, the rest to digital:
   * the placements all-memristor, all-sram and all-digital. Whether the chip has room is checked
   * when lowering.
   */
  public static Assignment uniform(Module m, TileKind kind) {
    TileBackend b = Backends.of(kind);
    Map<String, TileKind> out = new LinkedHashMap<>();
    for (Node n : m.nodes()) {
      out.put(n.output().name(), b.supportsOp(n, m).supported() ? kind : TileKind.DIGITAL);
    }
    return new Assignment(out);
  }
}
