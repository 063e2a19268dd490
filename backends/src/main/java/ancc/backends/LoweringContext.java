package ancc.backends;

import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import java.util.List;
import java.util.Map;

/** What a backend sees while lowering one node: the module, chip, calibration, placement and the values lowered so far. */
public interface LoweringContext {

  Module module();

  Chip chip();

  Calibration calibration();

  /** Where tiles and array slots come from. */
  Placer placer();

  /** Tile to buffer name for every copy of v lowered so far (empty for constants and values not yet computed). */
  Map<Integer, String> locations(Value v);

  /** A fresh array id (0, 1, ... in lowering order). */
  int newArrayId();

  /** The mesh route from one tile to another (tile ids, both ends included). */
  List<Long> route(int fromTile, int toTile);

  /** The tile that runs a node's digital work when it has no arrays. */
  default int digitalTile(Node node) {
    List<Integer> from = new java.util.ArrayList<>();
    for (Value v : node.inputs()) {
      if (v != null) {
        from.addAll(locations(v).keySet());
      }
    }
    return placer().digitalTile(node, from);
  }
}
