package ancc.ir.program;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a group of arrays (usually one layer's) uses the chip: how many, on which tiles, and what
 * fraction of their cells hold weights. {@code usedCells} counts the cells of the programmed
 * blocks ({@code inCount x columnsUsed} per array), or, when the layer's weight count is given,
 * weights x columns per weight: a packed grouped layer's block-diagonal blocks hold zeros off the
 * diagonal, which are programmed but hold none of its weights.
 */
public record ArrayUsage(int count, SortedSet<Integer> tiles, long usedCells, long cells) {

  public ArrayUsage {
    tiles = Collections.unmodifiableSortedSet(new TreeSet<>(tiles));
  }

  public static ArrayUsage of(List<ArrayImage> arrays) {
    TreeSet<Integer> tiles = new TreeSet<>();
    long used = 0;
    long cells = 0;
    for (ArrayImage img : arrays) {
      tiles.add(img.tile());
      used += (long) img.layout().inCount() * img.layout().columnsUsed();
      cells += (long) img.rows() * img.cols();
    }
    return new ArrayUsage(arrays.size(), tiles, used, cells);
  }

  /**
   * The usage of a layer's arrays when the layer has {@code weights} weights: used cells are
   * weights x the columns one weight takes (its slices, and the pair of a differential encoding);
   * with no arrays or {@code weights <= 0} the same as {@link #of(List)}.
   */
  public static ArrayUsage of(List<ArrayImage> arrays, long weights) {
    ArrayUsage blocks = of(arrays);
    if (arrays.isEmpty() || weights <= 0) {
      return blocks;
    }
    long used = weights * arrays.get(0).layout().columnsPerOutput();
    return new ArrayUsage(blocks.count(), blocks.tiles(), used, blocks.cells());
  }

  /** Used cells over all cells; 0 when there are no arrays. */
  public double utilization() {
    return cells == 0 ? 0 : (double) usedCells / cells;
  }

  /** The program's arrays grouped by the layer they hold, in program order. */
  public static Map<String, List<ArrayImage>> byLayer(Program p) {
    Map<String, List<ArrayImage>> byLayer = new LinkedHashMap<>();
    for (ArrayImage img : p.arrays()) {
      byLayer.computeIfAbsent(img.layout().layer(), k -> new ArrayList<>()).add(img);
    }
    return byLayer;
  }
}
