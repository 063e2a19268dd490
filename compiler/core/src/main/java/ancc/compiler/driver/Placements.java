package ancc.compiler.driver;

import ancc.backends.Backends;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.List;

/** What the fixed strategies need to know of a module ({@link Strategy.FirstLastDigital}). */
public final class Placements {
  private Placements() {}

  /** The weight layers of {@code m}: nodes the memristor backend can map, in program order. */
  public static List<Node> weightLayers(Module m) {
    List<Node> out = new ArrayList<>();
    for (Node n : m.nodes()) {
      if (Backends.of(TileKind.MEMRISTOR).supportsOp(n, m).supported()) {
        out.add(n);
      }
    }
    return out;
  }
}
