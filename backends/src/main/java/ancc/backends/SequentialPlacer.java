package ancc.backends;

import ancc.ir.chip.Chip;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The simple allocator: arrays fill the tiles of their kind in tile-id order, slot after slot,
 * layer after layer in program order (a layer may span tiles); a node without arrays runs on the
 * digital tile closest (in mesh hops) to the tile holding its first input, the lowest id on ties.
 */
public final class SequentialPlacer implements Placer {
  private final Chip chip;
  private final Map<TileKind, int[]> cursor = new EnumMap<>(TileKind.class);

  public SequentialPlacer(Chip chip) {
    this.chip = chip;
  }

  @Override
  public List<Slot> placeArrays(TileKind kind, int count, String layer) {
    List<Integer> tiles = chip.tilesOf(kind);
    int perTile = chip.spec(kind).map(s -> s.arraysPerTile()).orElse(0);
    int[] c = cursor.computeIfAbsent(kind, k -> new int[2]);
    List<Slot> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (c[1] >= perTile) {
        c[0]++;
        c[1] = 0;
      }
      if (c[0] >= tiles.size() || perTile == 0) {
        throw new DoesNotFitException("layer " + layer + " needs " + count + " more " + kind.text()
            + " arrays than the " + chip.arrays(kind) + " the chip has left");
      }
      out.add(new Slot(tiles.get(c[0]), c[1]));
      c[1]++;
    }
    return out;
  }

  @Override
  public int digitalTile(Node node, List<Integer> inputTiles) {
    List<Integer> digital = chip.tilesOf(TileKind.DIGITAL);
    if (digital.isEmpty()) {
      throw new DoesNotFitException("needs a digital tile for " + node.describe() + ", chip " + chip.name()
          + " has 0");
    }
    if (inputTiles.isEmpty()) {
      return digital.get(0);
    }
    int from = inputTiles.get(0);
    int best = digital.get(0);
    for (int t : digital) {
      if (chip.mesh().hops(from, t) < chip.mesh().hops(from, best)) {
        best = t;
      }
    }
    return best;
  }
}
