package ancc.compiler.report.html;

import ancc.compiler.report.LayerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code layers.csv}: one row per layer of the report, in graph order (RFC 4180: comma-separated,
 * fields with a comma, quote or line break quoted, CRLF-free lines ending in LF). Columns: layer,
 * op, output, placement, arrays, utilization, tiles (space-separated), cycles, sensitivity (empty
 * when not analysed), energy_pj (dynamic, all components), then one {@code energy_pj.COMPONENT}
 * column per ledger component that any layer spends energy on.
 */
public final class LayersCsv {
  private LayersCsv() {}

  public static String render(ReportData data) {
    List<String> components = new ArrayList<>();
    for (LayerEntry l : data.layers()) {
      for (String c : l.energyPj().keySet()) {
        if (!components.contains(c)) {
          components.add(c);
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("layer", "op", "output", "placement", "arrays", "utilization",
        "tiles", "cycles", "sensitivity", "energy_pj"));
    components.forEach(c -> header.add("energy_pj." + c));
    row(sb, header);
    for (LayerEntry l : data.layers()) {
      Map<String, Double> e = l.energyPj();
      double total = e.values().stream().mapToDouble(Double::doubleValue).sum();
      Double s = data.sensitivity().get(l.name());
      List<String> cells = new ArrayList<>(List.of(l.name(), l.op(), data.shapes().getOrDefault(l.name(), ""),
          l.placement(), String.valueOf(l.arrays()), String.valueOf(l.utilization()),
          String.join(" ", l.tiles().stream().map(String::valueOf).toList()),
          l.cycles() == null ? "" : String.valueOf(l.cycles()), s == null ? "" : String.valueOf(s),
          String.valueOf(total)));
      for (String c : components) {
        Double v = e.get(c);
        cells.add(v == null ? "0.0" : String.valueOf(v));
      }
      row(sb, cells);
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(cells.get(i)));
    }
    sb.append('\n');
  }

  /** A CSV field, quoted when it holds a comma, a quote or a line break. */
  static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
