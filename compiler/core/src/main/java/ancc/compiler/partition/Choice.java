package ancc.compiler.partition;

import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.List;

/**
 * One way to place a unit: the tile kind (null for a kernel-granular layer whose channel groups
 * go to several kinds), the backends' energy estimate of its nodes per inference (pJ, batch 1;
 * their own instructions only, docs/energy-model.md "Estimates"), the crossbars and SRAM macros it
 * occupies, its predicted drop (top-1 disagreement, a fraction; a layer's channel groups combined as
 * independent errors, {@link Drops}; 0 on digital tiles), and the
 * nodes it puts on which kind (the unit's node, or a layer's channel groups and their concat;
 * empty in solver tests that give the objective directly).
 */
public record Choice(TileKind kind, double energyPj, long memristorArrays, long sramArrays, double drop,
    List<Placed> nodes) {

  /** A node on a tile kind. */
  public record Placed(Node node, TileKind kind) {}

  public Choice {
    nodes = List.copyOf(nodes);
  }

  /** A choice on one kind occupying {@code arrays} arrays of that kind, without nodes. */
  public static Choice of(TileKind kind, double energyPj, long arrays, double drop) {
    return of(kind, energyPj, arrays, drop, List.of());
  }

  /** A choice on one kind occupying {@code arrays} arrays of that kind. */
  public static Choice of(TileKind kind, double energyPj, long arrays, double drop, List<Placed> nodes) {
    return new Choice(kind, energyPj, kind == TileKind.MEMRISTOR ? arrays : 0, kind == TileKind.SRAM ? arrays : 0,
        drop, nodes);
  }

  /** Arrays of {@code k} occupied. */
  public long arrays(TileKind k) {
    return k == TileKind.MEMRISTOR ? memristorArrays : k == TileKind.SRAM ? sramArrays : 0;
  }

  /** Arrays of the choice's own kind (0 for digital and mixed choices). */
  public long arrays() {
    return kind == null ? memristorArrays + sramArrays : arrays(kind);
  }
}
