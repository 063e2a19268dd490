package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.cim.CimBackend;
import ancc.backends.place.MeshPlacer;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayUsage;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the per-node summary rows of a compilation from the program's arrays and the placer's record. */
final class LayerTable {
  private LayerTable() {}

  static List<LayerRow> rows(Module m, Assignment a, Program p, MeshPlacer placer) {
    Map<String, List<ArrayImage>> byLayer = ArrayUsage.byLayer(p);
    List<LayerRow> rows = new ArrayList<>();
    for (Node n : m.nodes()) {
      String key = n.output().name();
      List<ArrayImage> arrays = byLayer.getOrDefault(key, List.of());
      ArrayUsage usage = ArrayUsage.of(arrays, arrays.isEmpty() ? 0 : CimBackend.weights(n, m));
      TreeSet<Integer> tiles = new TreeSet<>(usage.tiles());
      Integer home = placer.homes().get(key);
      if (home != null) {
        tiles.add(home);
      }
      TileKind kind = a.kindOf(n);
      String layer = n.loc().isEmpty() ? "%" + key : n.loc();
      rows.add(new LayerRow(layer, n.op().name(), kind, arrays.size(), usage.utilization(),
          new ArrayList<>(tiles)));
    }
    return rows;
  }
}
