package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.place.MeshPlacer;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the per-node summary rows of a compilation from the program's arrays and the placer's record. */
final class LayerTable {
  private LayerTable() {}

  static List<LayerRow> rows(Module m, Assignment a, Program p, MeshPlacer placer) {
    Map<String, List<ArrayImage>> byLayer = new HashMap<>();
    for (ArrayImage img : p.arrays()) {
      byLayer.computeIfAbsent(img.layout().layer(), k -> new ArrayList<>()).add(img);
    }
    List<LayerRow> rows = new ArrayList<>();
    for (Node n : m.nodes()) {
      String key = n.output().name();
      List<ArrayImage> arrays = byLayer.getOrDefault(key, List.of());
      TreeSet<Integer> tiles = new TreeSet<>();
      long used = 0;
      long cells = 0;
      for (ArrayImage img : arrays) {
        tiles.add(img.tile());
        used += (long) img.layout().inCount() * img.layout().columnsUsed();
        cells += (long) img.rows() * img.cols();
      }
      Integer home = placer.homes().get(key);
      if (home != null) {
        tiles.add(home);
      }
      TileKind kind = a.kindOf(n);
      String layer = n.loc().isEmpty() ? "%" + key : n.loc();
      rows.add(new LayerRow(layer, n.op().name(), kind, arrays.size(), cells == 0 ? 0 : (double) used / cells,
          new ArrayList<>(tiles)));
    }
    return rows;
  }
}
