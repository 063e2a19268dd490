package ancc.compiler.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Two JSON reports side by side ({@code ancc compare A.json B.json}): the headline figures with
 * B's ratio to A, energy by component, and the layers matched by name (placement and energy), as
 * terminal text and as a self-contained HTML page with two charts.
 */
public final class CompareReport {
  /** One report and the label it is shown under. */
  public record Side(String label, JsonNode root) {}

  /** One line of the comparison: a figure's name, its value in A and in B, and B against A. */
  record Row(String name, String a, String b, String ratio) {}

  /** A titled table of rows, shown after its chart (null: none). */
  record Table(String title, List<Row> rows, Figure chart) {}

  /** What {@code compare.jte} reads: the two labels and the tables. */
  record Page(String labelA, String labelB, List<Table> tables) {
    static final String CSS = Templates.resource("compare.css");

    String css() {
      return CSS;
    }
  }

  private CompareReport() {}

  /** The side-by-side text for a terminal. */
  public static String text(Side a, Side b) {
    StringBuilder sb = new StringBuilder();
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("", "A: " + a.label(), "B: " + b.label(), "B vs A"));
    rows.addAll(headline(a, b));
    rows.add(new Row("energy by component (pJ)", "", "", ""));
    rows.addAll(components(a, b));
    rows.add(new Row("layers (placement, pJ)", "", "", ""));
    rows.addAll(layers(a, b));
    int[] w = new int[4];
    for (Row r : rows) {
      w[0] = Math.max(w[0], r.name().length());
      w[1] = Math.max(w[1], r.a().length());
      w[2] = Math.max(w[2], r.b().length());
    }
    for (Row r : rows) {
      String line = pad(r.name(), w[0]) + "  " + pad(r.a(), w[1]) + "  " + pad(r.b(), w[2]) + "  " + r.ratio();
      sb.append(line.stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** The comparison as a self-contained HTML page (template {@code compare.jte}). */
  public static String html(Side a, Side b) {
    return Templates.render("compare.jte", new Page(a.label(), b.label(), List.of(
        new Table("Headline figures", headline(a, b), null),
        new Table("Energy by component (pJ per inference)", components(a, b),
            Figure.of("chart-compare-components", componentChart(a, b), 1000, 380, null)),
        new Table("Layers (placement, dynamic pJ per inference)", layers(a, b),
            Figure.of("chart-compare-layers", layerChart(a, b), 1000, 420, null)))));
  }

  private static List<Row> headline(Side a, Side b) {
    List<Row> rows = new ArrayList<>();
    rows.add(text("model", a.root().path("model").path("file").asText(), b.root().path("model").path("file").asText()));
    rows.add(text("chip", a.root().path("chip").path("name").asText(), b.root().path("chip").path("name").asText()));
    rows.add(text("placement", a.root().path("placement").asText("-"), b.root().path("placement").asText("-")));
    String[][] totals = {{"energy_per_inference_uj", "energy/inference (uJ)"}, {"latency_us", "latency (us)"},
        {"throughput_inf_per_s", "throughput (inf/s)"}, {"tops_per_watt", "TOPS/W"},
        {"average_power_mw", "average power (mW)"}, {"arrays", "arrays"}, {"tiles_used", "tiles used"},
        {"instructions", "instructions"}};
    for (String[] t : totals) {
      rows.add(number(t[1], a.root().path("totals").path(t[0]), b.root().path("totals").path(t[0])));
    }
    for (String[] t : new String[][] {{"reference_top1", "FP32 top-1"}, {"simulated_top1_mean", "simulated top-1"},
        {"agreement", "agreement with FP32"}}) {
      JsonNode x = a.root().path("accuracy").path(t[0]);
      JsonNode y = b.root().path("accuracy").path(t[0]);
      if (x.isNumber() || y.isNumber()) {
        rows.add(new Row(t[1], pct(x), pct(y), x.isNumber() && y.isNumber()
            ? String.format(Locale.ROOT, "%+.2f pp", 100 * (y.asDouble() - x.asDouble())) : ""));
      }
    }
    return rows;
  }

  private static List<Row> components(Side a, Side b) {
    JsonNode ea = a.root().path("totals").path("energy_pj");
    JsonNode eb = b.root().path("totals").path("energy_pj");
    Set<String> keys = new LinkedHashSet<>();
    ea.fieldNames().forEachRemaining(keys::add);
    eb.fieldNames().forEachRemaining(keys::add);
    List<Row> rows = new ArrayList<>();
    for (String k : keys) {
      rows.add(number("  " + k, ea.path(k), eb.path(k)));
    }
    return rows;
  }

  private static List<Row> layers(Side a, Side b) {
    Map<String, JsonNode> la = byName(a);
    Map<String, JsonNode> lb = byName(b);
    Set<String> names = new LinkedHashSet<>(la.keySet());
    names.addAll(lb.keySet());
    List<Row> rows = new ArrayList<>();
    for (String n : names) {
      JsonNode x = la.get(n);
      JsonNode y = lb.get(n);
      double ex = energy(x);
      double ey = energy(y);
      rows.add(new Row("  " + n, layerCell(x, ex), layerCell(y, ey), x != null && y != null && ex > 0
          ? String.format(Locale.ROOT, "x%.3g", ey / ex) : ""));
    }
    return rows;
  }

  private static Map<String, JsonNode> byName(Side s) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    s.root().path("layers").forEach(l -> out.put(l.path("name").asText(), l));
    return out;
  }

  private static double energy(JsonNode layer) {
    if (layer == null) {
      return 0;
    }
    double sum = 0;
    for (JsonNode v : layer.path("energy_pj")) {
      sum += v.asDouble();
    }
    return sum;
  }

  private static String layerCell(JsonNode layer, double energy) {
    return layer == null ? "-" : layer.path("placement").asText() + ", " + fmt(energy);
  }

  private static Row text(String name, String a, String b) {
    return new Row(name, a, b, "");
  }

  private static Row number(String name, JsonNode a, JsonNode b) {
    String ratio = a.isNumber() && b.isNumber() && a.asDouble() != 0
        ? String.format(Locale.ROOT, "x%.3g", b.asDouble() / a.asDouble()) : "";
    return new Row(name, a.isNumber() ? fmt(a.asDouble()) : "-", b.isNumber() ? fmt(b.asDouble()) : "-", ratio);
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String pct(JsonNode v) {
    return v.isNumber() ? String.format(Locale.ROOT, "%.2f%%", 100 * v.asDouble()) : "-";
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  private static JFreeChart componentChart(Side a, Side b) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    Map<String, Double> ga = Metrics.grouped(map(a.root().path("totals").path("energy_pj")));
    Map<String, Double> gb = Metrics.grouped(map(b.root().path("totals").path("energy_pj")));
    ga.forEach((k, v) -> d.addValue(v, "A: " + a.label(), k));
    gb.forEach((k, v) -> d.addValue(v, "B: " + b.label(), k));
    return grouped("Energy per inference by component", "pJ", d, false);
  }

  private static JFreeChart layerChart(Side a, Side b) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    Map<String, JsonNode> la = byName(a);
    Map<String, JsonNode> lb = byName(b);
    Set<String> names = new LinkedHashSet<>(la.keySet());
    names.addAll(lb.keySet());
    for (String n : names) {
      d.addValue(energy(la.get(n)), "A: " + a.label(), n);
      d.addValue(energy(lb.get(n)), "B: " + b.label(), n);
    }
    return grouped("Dynamic energy per inference by layer", "pJ", d, names.size() > 6);
  }

  private static Map<String, Double> map(JsonNode obj) {
    Map<String, Double> m = new LinkedHashMap<>();
    obj.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
    return m;
  }

  private static JFreeChart grouped(String title, String range, DefaultCategoryDataset d, boolean rotate) {
    CategoryAxis x = new CategoryAxis(null);
    if (rotate) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    BarRenderer r = new BarRenderer();
    r.setShadowVisible(false);
    r.setBarPainter(new StandardBarPainter());
    Paint[] paints = {Palette.category(0), Palette.category(1)};
    r.setSeriesPaint(0, paints[0]);
    r.setSeriesPaint(1, paints[1]);
    CategoryPlot plot = new CategoryPlot(d, x, new NumberAxis(range), r);
    plot.setOrientation(PlotOrientation.VERTICAL);
    return new JFreeChart(title, ChartSvg.TITLE, plot, true);
  }
}
