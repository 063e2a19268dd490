package ancc.backends;

import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.List;

/**
 * The seam between lowering and physical placement: which tile and slot each array image gets
 * and which digital tile runs a node without arrays. {@link SequentialPlacer} is the simple
 * allocator; a traffic-minimizing mesh placement implements this interface too.
 */
public interface Placer {

  /** A physical array position: tile id and array slot within the tile. */
  record Slot(int tile, int slot) {}

  /**
   * Places {@code count} arrays of one layer on tiles of {@code kind}, returning a slot per array
   * in order. Throws {@link DoesNotFitException} when the chip runs out.
   */
  List<Slot> placeArrays(TileKind kind, int count, String layer);

  /**
   * The digital tile for a node whose inputs are on {@code inputTiles} (possibly empty). Throws
   * {@link DoesNotFitException} when the chip has no digital tile.
   */
  int digitalTile(Node node, List<Integer> inputTiles);
}
