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
 * fraction of their cells hold weights.
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
