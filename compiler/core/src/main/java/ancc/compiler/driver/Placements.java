package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.Backends;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed placements by name ({@link Compiler#FIXED_PLACEMENTS}): the uniform ones of
 * {@link Assignment#named}, and {@code first-last-digital}, which keeps the first and the last weight
 * layer (nodes the memristor backend can map, in program order) digital and puts every other weight
 * layer on memristor tiles.
 */
public final class Placements {
  private Placements() {}

  /** The assignment of {@code placement} for {@code m}. */
  public static Assignment named(Module m, String placement) {
    String p = placement.toLowerCase(Locale.ROOT);
    if (p.equals("first-last-digital")) {
      return firstLastDigital(m);
    }
    if (p.equals("auto") || p.equals("auto-greedy")) {
      throw new InvalidInputException("placement '" + placement + "' is chosen by the partitioner from"
          + " calibration data (ancc.compiler.partition.Partitioner), not by a fixed rule");
    }
    if (!Compiler.PLACEMENTS.contains(p)) {
      throw new InvalidInputException("unknown placement '" + placement + "' (" + String.join(", ",
          Compiler.FIXED_PLACEMENTS) + ", auto, auto-greedy)");
    }
    return Assignment.named(m, p);
  }

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

  private static Assignment firstLastDigital(Module m) {
    List<Node> layers = weightLayers(m);
    Map<String, TileKind> kinds = new LinkedHashMap<>();
    for (Node n : m.nodes()) {
      kinds.put(n.output().name(), TileKind.DIGITAL);
    }
    for (int i = 1; i < layers.size() - 1; i++) {
      kinds.put(layers.get(i).output().name(), TileKind.MEMRISTOR);
    }
    return new Assignment(kinds);
  }
}
