package ancc.compiler.report.html;

import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.Report;
import ancc.compiler.report.Totals;
import ancc.ir.chip.TileGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/** The sections of {@link HtmlReport}, one screen each. */
final class Sections {
  private final ReportData data;
  private final Report report;
  private final Totals totals;

  Sections(ReportData data) {
    this.data = data;
    this.report = data.report();
    this.totals = report.totals();
  }

  String summary() {
    StringBuilder sb = open("summary", "Summary");
    sb.append("<h1>").append(Html.esc(report.model().file())).append(" on chip ")
        .append(Html.esc(data.chip().name())).append("</h1>\n");
    sb.append("<p>Placement strategy <b>").append(Html.esc(data.strategy())).append("</b>; ")
        .append(Html.esc(data.chip().description())).append("</p>\n");
    for (String note : data.notes()) {
      sb.append("<p class=\"note\">").append(Html.esc(note)).append("</p>\n");
    }
    sb.append("<div class=\"tiles\">");
    tile(sb, Html.num(totals.energyPerInferenceUj(), 4) + " \u00b5J", "energy / inference");
    tile(sb, Html.num(totals.latencyUs(), 4) + " \u00b5s", "latency");
    tile(sb, Html.num(totals.throughputInfPerS(), 4), "FPS (inferences/s)");
    tile(sb, Html.num(totals.topsPerWatt(), 4), "TOPS/W");
    tile(sb, Html.num(Metrics.tops(report), 4), "TOPS");
    tile(sb, Html.num(Metrics.topsPerMm2(report, data.chip()), 4), "TOPS/mm\u00b2");
    AccuracyFigures a = data.accuracy();
    if (a != null) {
      tile(sb, Html.pct(a.chipMean()), a.metric() + " on chip");
    }
    sb.append("</div>\n<div class=\"grid\"><div>\n<h3>Model and chip</h3>\n");
    List<String[]> kv = new ArrayList<>();
    kv.add(new String[] {"model", Html.esc(report.model().file()) + " (sha256 "
        + Html.esc(report.model().sha256().substring(0, Math.min(12, report.model().sha256().length()))) + "\u2026)"});
    Long macs = report.model().macs();
    kv.add(new String[] {"MACs / inference", macs == null ? "\u2013" : String.valueOf(macs)});
    kv.add(new String[] {"chip", Html.esc(data.chip().name()) + ": " + Html.esc(data.chip().tileSummary())});
    kv.add(new String[] {"clock", Html.num(report.chip().clockHz() / 1e6, 4) + " MHz"});
    kv.add(new String[] {"chip area", Html.num(Metrics.chipAreaMm2(data.chip()), 4) + " mm\u00b2 (used tiles "
        + Html.num(Metrics.usedAreaMm2(data.chip(), report), 4) + " mm\u00b2)"});
    kv.add(new String[] {"dynamic energy", Html.num(Metrics.dynamicPj(totals), 4) + " pJ / inference"});
    kv.add(new String[] {"leakage energy", Html.num(Metrics.leakagePj(totals), 4) + " pJ / inference"});
    kv.add(new String[] {"average power", Html.num(totals.averagePowerMw(), 4) + " mW"});
    if (totals.programming() != null && totals.programming().cells() > 0) {
      kv.add(new String[] {"programming (once)", Html.num(totals.programming().energyUj(), 4) + " uJ, "
          + Html.num(totals.programming().timeMs(), 4) + " ms for " + totals.programming().cells() + " cells"
          + (totals.programming().writeVerify() ? " with write-verify" : "")});
    }
    kv.add(new String[] {"arrays / tiles used", totals.arrays() + " / " + totals.tilesUsed() + " of "
        + report.chip().tiles()});
    kv.add(new String[] {"instructions", String.valueOf(totals.instructions())});
    if (report.simulation() != null) {
      kv.add(new String[] {"cost batch", report.simulation().batch() + " (energy per inference at this batch)"});
    }
    sb.append(Html.keyValues(kv)).append("</div><div>\n");
    if (a != null) {
      sb.append("<h3>Accuracy</h3>\n");
      List<String[]> acc = new ArrayList<>();
      acc.add(new String[] {"data", Html.esc(a.data())});
      acc.add(new String[] {"FP32 reference", Html.pct(a.fp32())});
      if (a.allDigital() != null) {
        acc.add(new String[] {"all-digital baseline", Html.pct(a.allDigital())});
      }
      acc.add(new String[] {"this chip", Html.pct(a.chipMean()) + " \u00b1 " + Html.pct(a.chipStd()) + " over "
          + a.chips() + (a.chips() == 1 ? " chip instance" : " chip instances")});
      acc.add(new String[] {"vs FP32", Html.pp(a.chipMean() - a.fp32())});
      if (a.allDigital() != null) {
        acc.add(new String[] {"vs all-digital", Html.pp(a.chipMean() - a.allDigital())});
      }
      sb.append(Html.keyValues(acc));
      sb.append(figure("chart-accuracy", Charts.accuracy(a), 560, 300, "Accuracy of the FP32 reference, the"
          + " all-digital program and this chip."));
    } else {
      sb.append("<p class=\"note\">No accuracy figures: the model was not evaluated.</p>\n");
    }
    sb.append("</div></div>\n");
    return close(sb);
  }

  String chipMap() {
    StringBuilder sb = open("chip", "Chip map");
    List<MeshMap.Cell> cells = MeshMap.cells(data.chip(), report.layers(), report.tiles());
    int height = Math.max(320, 90 * data.chip().mesh().rows() + 140);
    sb.append(figure("chart-mesh", MeshMap.chart(data.chip(), cells), 1000, height,
        "Each block is a tile at its mesh position; colour = the layer it holds (pale: unused tile of that kind)."));
    List<List<String>> rows = new ArrayList<>();
    for (TileGroup g : data.chip().tiles()) {
      String kind = g.kind().text();
      rows.add(List.of(kindBadge(kind), String.valueOf(g.count()), String.valueOf(g.spec().arraysPerTile()),
          Html.num(g.spec().area().mm2(), 4), Html.num(g.spec().leakage().watts() * 1e3, 4)));
    }
    sb.append(Html.table("groups", List.of("tile kind", "tiles", "arrays / tile", "area / tile (mm\u00b2)",
        "leakage / tile (mW)"), rows));
    return close(sb);
  }

  String layers() {
    StringBuilder sb = open("layers", "Layers: sensitivity and placement");
    double total = totals.energyPerInferenceUj() == null ? 0 : totals.energyPerInferenceUj() * 1e6;
    List<List<String>> rows = new ArrayList<>();
    for (LayerEntry l : report.layers()) {
      double e = l.energyPj().values().stream().mapToDouble(Double::doubleValue).sum();
      Double s = data.sensitivity().get(l.name());
      rows.add(List.of(Html.esc(l.name()), Html.esc(l.op()), Html.esc(data.shapes().getOrDefault(l.name(), "")),
          kindBadge(l.placement()), String.valueOf(l.arrays()), Html.pct(l.utilization()), Html.num(e, 4),
          total > 0 ? Html.pct(e / total) : "\u2013", l.cycles() == null ? "\u2013" : String.valueOf(l.cycles()),
          s == null ? "\u2013" : Html.num(s, 3)));
    }
    sb.append(figure("chart-layers", Charts.layers(report.layers(), data.sensitivity()), 1000, 360,
        data.sensitivity().isEmpty() ? "No sensitivity scores: the program's placement was not chosen by the"
            + " sensitivity analysis." : "Sensitivity score per weight layer (higher: more accuracy lost on an"
            + " analog substrate)."));
    sb.append("<div class=\"scroll\">").append(Html.table("layers", List.of("layer", "op", "output", "placement",
        "arrays", "array use", "energy (pJ)", "energy share", "busy cycles", "sensitivity"), rows)).append("</div>");
    return close(sb);
  }

  String energy() {
    StringBuilder sb = open("energy", "Energy");
    Map<String, Double> grouped = Metrics.grouped(totals.energyPj());
    sb.append("<div class=\"grid\">");
    sb.append(figure("chart-energy-components", Charts.energyByComponent(grouped), 640, 380,
        "Energy of one inference by component; leakage is the static part over the inference's share of time."));
    List<List<String>> rows = new ArrayList<>();
    double sum = grouped.values().stream().mapToDouble(Double::doubleValue).sum();
    grouped.forEach((k, v) -> rows.add(List.of(Html.esc(k), Html.num(v, 4), sum > 0 ? Html.pct(v / sum) : "\u2013",
        "leakage".equals(k) ? "leakage" : "dynamic")));
    sb.append("<div>").append(Html.table("components", List.of("component", "pJ / inference", "share", "kind"), rows))
        .append("</div></div>\n");
    int h = Math.max(300, 26 * report.layers().size() + 140);
    sb.append(figure("chart-energy-layers", Charts.energyByLayer(report.layers()), 1000, h,
        "Dynamic energy of one inference booked to each layer, by component."));
    return close(sb);
  }

  String latency() {
    StringBuilder sb = open("latency", "Latency and pipeline");
    sb.append("<p>Latency of one inference ").append(Html.num(totals.latencyUs(), 4)).append(" \u00b5s (")
        .append(totals.latencyCycles() == null ? "\u2013" : totals.latencyCycles()).append(" cycles); steady-state"
            + " throughput ").append(Html.num(totals.throughputInfPerS(), 4))
        .append(" inferences/s with inferences streaming through the tiles.</p>\n<div class=\"grid\">");
    sb.append(figure("chart-tiles", Charts.tileBusy(data.tileBusy()), 640, 360,
        "Cycles each used tile is busy in one inference alone."));
    int h = Math.max(300, 24 * data.pipeline().size() + 140);
    sb.append(figure("chart-pipeline", TradeoffCharts.pipeline(data.pipeline()), 760, h,
        "From each layer's first to its last busy cycle in one inference alone."));
    return close(sb.append("</div>"));
  }

  String drift() {
    StringBuilder sb = open("drift", "Accuracy vs drift time");
    ReportData.DriftFigures d = data.drift();
    if (!d.drifts() || d.points().isEmpty()) {
      sb.append("<p class=\"note\">").append(Html.esc(d.reason())).append("</p>\n");
      return close(sb);
    }
    sb.append("<p>").append(Html.esc(d.reason())).append("</p>\n");
    sb.append(figure("chart-drift", TradeoffCharts.drift(d.points(), d.metric()), 900, 420,
        "The chip read at each time since programming, with and without global drift compensation."));
    List<List<String>> rows = new ArrayList<>();
    d.points().forEach(p -> rows.add(List.of(Html.esc(p.label()), Html.pct(p.compensated()),
        Html.pct(p.uncompensated()))));
    sb.append(Html.table("drift", List.of("time", "with compensation", "without"), rows));
    return close(sb);
  }

  String strategies() {
    StringBuilder sb = open("strategies", "Placement strategies: energy vs accuracy");
    String metric = data.accuracy() == null ? "accuracy" : data.accuracy().metric();
    sb.append("<p>").append(Html.esc(data.strategyBasis())).append("</p>\n");
    boolean any = data.strategies().stream().anyMatch(p -> p.fits() && p.accuracy() != null);
    if (any) {
      sb.append(figure("chart-pareto", TradeoffCharts.pareto(data.strategies(), metric), 900, 440,
          "Every strategy's energy per inference and accuracy; the dashed line joins the Pareto-optimal ones."));
    }
    List<List<String>> rows = new ArrayList<>();
    for (StrategyPoint p : data.strategies()) {
      rows.add(List.of(Html.esc(p.strategy()) + (p.chosen() ? " (chosen)" : ""),
          p.fits() ? Html.num(p.energyUj(), 4) : "does not fit", Html.pct(p.accuracy()), Html.esc(p.note())));
    }
    sb.append(Html.table("strategies", List.of("strategy", "energy / inference (\u00b5J)", metric, "note"), rows));
    return close(sb);
  }

  private static StringBuilder open(String id, String title) {
    StringBuilder sb = new StringBuilder();
    sb.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.esc(title)).append("</h2>\n");
    return sb;
  }

  private static String close(StringBuilder sb) {
    return sb.append("</section>\n").toString();
  }

  private static void tile(StringBuilder sb, String value, String key) {
    sb.append("<div class=\"tile\"><div class=\"v\">").append(Html.esc(value)).append("</div><div class=\"k\">")
        .append(Html.esc(key)).append("</div></div>");
  }

  private static String kindBadge(String kind) {
    return "<span class=\"kind\" style=\"background:" + Palette.css(Palette.kind(kind)) + "\">" + Html.esc(kind)
        + "</span>";
  }

  private static String figure(String id, JFreeChart chart, int w, int h, String caption) {
    return "<figure class=\"chart\" id=\"" + id + "\">" + ChartSvg.render(chart, id, w, h) + "<figcaption>"
        + Html.esc(caption) + "</figcaption></figure>\n";
  }
}
