package ancc.compiler.partition;

import ancc.backends.Cost;
import ancc.backends.DoesNotFitException;
import ancc.backends.mapping.Calibration;
import ancc.backends.place.Estimator;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The backends' estimates ({@link Estimator}: a node lowered alone, timed and booked by the ledger)
 * of one partitioner run, computed once per node and tile kind. Nodes are keyed by value (a group
 * node of the split module and the same node of a partly split one are one entry).
 */
final class CostTable {
  private final Chip chip;
  private final Map<Node, Map<TileKind, Optional<Cost>>> costs = new HashMap<>();

  CostTable(Chip chip) {
    this.chip = chip;
  }

  Chip chip() {
    return chip;
  }

  /**
   * The cost of {@code n} (a node of {@code m}, whose ranges {@code cal} holds) on {@code kind};
   * empty when the node alone does not fit the chip's tiles of that kind. The kind's backend must
   * support the node.
   */
  Optional<Cost> of(Node n, Module m, TileKind kind, Calibration cal) {
    Map<TileKind, Optional<Cost>> byKind = costs.computeIfAbsent(n, k -> new EnumMap<>(TileKind.class));
    Optional<Cost> c = byKind.get(kind);
    if (c == null) {
      try {
        c = Optional.of(Estimator.estimate(n, m, chip, kind, cal));
      } catch (DoesNotFitException e) {
        if (kind == TileKind.DIGITAL) {
          throw e;
        }
        c = Optional.empty();
      }
      byKind.put(kind, c);
    }
    return c;
  }

  /** The cost computed before for {@code n} on {@code kind}. */
  Cost get(Node n, TileKind kind) {
    Optional<Cost> c = costs.getOrDefault(n, Map.of()).get(kind);
    if (c == null || c.isEmpty()) {
      throw new IllegalStateException("no estimate of " + n.describe() + " on " + kind.text());
    }
    return c.get();
  }
}
