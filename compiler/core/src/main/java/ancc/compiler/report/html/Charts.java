package ancc.compiler.report.html;

import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.compiler.report.html.ReportData.TileBusy;
import ancc.compiler.report.LayerEntry;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's bar charts: accuracy against the baselines, sensitivity and placement per layer,
 * energy by component and by layer, and busy cycles per tile. Each returns a JFreeChart; {@link
 * ChartSvg} draws it.
 */
final class Charts {
  private Charts() {}

  /** FP32 reference, all-digital baseline and this chip (mean over instances), in percent. */
  static JFreeChart accuracy(AccuracyFigures a) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    List<Paint> paints = new ArrayList<>();
    d.addValue(100 * a.fp32(), a.metric(), "FP32 reference");
    paints.add(Palette.NEUTRAL);
    if (a.allDigital() != null) {
      d.addValue(100 * a.allDigital(), a.metric(), "all-digital");
      paints.add(Palette.DIGITAL);
    }
    d.addValue(100 * a.chipMean(), a.metric(), "this chip (" + a.chips() + (a.chips() == 1 ? " seed)" : " seeds)"));
    paints.add(Palette.HIGHLIGHT);
    JFreeChart c = bars("Accuracy (" + a.metric() + ", " + a.samples() + " samples)", null, a.metric() + " (%)", d,
        paints, PlotOrientation.VERTICAL);
    NumberAxis range = (NumberAxis) c.getCategoryPlot().getRangeAxis();
    range.setRange(0, 100);
    return c;
  }

  /**
   * One bar per weight layer: its sensitivity score when analysed, else its arrays; coloured by
   * placement.
   */
  static JFreeChart layers(List<LayerEntry> layers, Map<String, Double> sensitivity) {
    boolean scores = !sensitivity.isEmpty();
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    List<Paint> paints = new ArrayList<>();
    for (LayerEntry l : layers) {
      Double s = sensitivity.get(l.name());
      if (scores ? s == null : l.arrays() == 0) {
        continue;
      }
      d.addValue(scores ? s : l.arrays(), scores ? "sensitivity" : "arrays", l.name());
      paints.add(Palette.kind(l.placement()));
    }
    if (d.getColumnCount() == 0) {
      for (LayerEntry l : layers) {
        d.addValue(l.cycles() == null ? 0 : l.cycles(), "cycles", l.name());
        paints.add(Palette.kind(l.placement()));
      }
      return bars("Busy cycles per layer (no weight layers), colour = placement", null, "cycles", d, paints,
          PlotOrientation.VERTICAL);
    }
    String title = scores ? "Sensitivity per weight layer (logit NMSE alone on memristor), colour = placement"
        : "Arrays per weight layer (no sensitivity analysis), colour = placement";
    JFreeChart c = bars(title, null, scores ? "sensitivity (logit NMSE)" : "arrays", d, paints,
        PlotOrientation.VERTICAL);
    LegendItemCollection kinds = new LegendItemCollection();
    for (String k : List.of("memristor", "sram", "digital")) {
      kinds.add(new LegendItem(k, Palette.kind(k)));
    }
    c.getCategoryPlot().setFixedLegendItems(kinds);
    c.addLegend(new LegendTitle(c.getCategoryPlot()));
    return c;
  }

  /** Energy of one inference by architect group, pJ; leakage apart from the dynamic groups. */
  static JFreeChart energyByComponent(Map<String, Double> groupedPj) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    List<Paint> paints = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Double> e : groupedPj.entrySet()) {
      d.addValue(e.getValue(), "energy", e.getKey());
      paints.add("leakage".equals(e.getKey()) ? Palette.NEUTRAL : Palette.category(i));
      i++;
    }
    return bars("Energy per inference by component (dynamic and leakage)", null, "pJ", d, paints,
        PlotOrientation.HORIZONTAL);
  }

  /** Dynamic energy of one inference per layer, stacked by architect group, pJ. */
  static JFreeChart energyByLayer(List<LayerEntry> layers) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    List<String> groups = new ArrayList<>(Metrics.GROUPS.keySet());
    groups.remove("leakage");
    for (LayerEntry l : layers) {
      Map<String, Double> g = Metrics.grouped(l.energyPj());
      for (String group : groups) {
        d.addValue(g.get(group), group, l.name());
      }
    }
    CategoryPlot plot = new CategoryPlot(d, new CategoryAxis(null), new NumberAxis("pJ"),
        new HintedRenderers.Stacked());
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    HintedRenderers.Stacked r = (HintedRenderers.Stacked) plot.getRenderer();
    r.setShadowVisible(false);
    r.setBarPainter(new StandardBarPainter());
    for (int i = 0; i < groups.size(); i++) {
      r.setSeriesPaint(i, Palette.category(i));
    }
    return new JFreeChart("Dynamic energy per inference by layer", ChartSvg.TITLE, plot, true);
  }

  /** Busy cycles of every used tile in one inference alone, coloured by tile kind. */
  static JFreeChart tileBusy(List<TileBusy> tiles) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    List<Paint> paints = new ArrayList<>();
    for (TileBusy t : tiles) {
      d.addValue(t.busyCycles(), "busy cycles", "t" + t.tile());
      paints.add(Palette.kind(t.kind()));
    }
    JFreeChart c = bars("Busy cycles per tile (one inference), colour = tile kind", "tile", "cycles", d, paints,
        PlotOrientation.VERTICAL);
    if (tiles.size() > 12) {
      c.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
    }
    return c;
  }

  /** A single-series bar chart, each bar its own colour, no legend. */
  static JFreeChart bars(String title, String domain, String range, DefaultCategoryDataset d, List<Paint> paints,
      PlotOrientation orientation) {
    CategoryAxis x = new CategoryAxis(domain);
    x.setMaximumCategoryLabelLines(2);
    if (orientation == PlotOrientation.VERTICAL && d.getColumnCount() > 6) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    CategoryPlot plot = new CategoryPlot(d, x, new NumberAxis(range), new HintedRenderers.ColouredBars(paints));
    plot.setOrientation(orientation);
    plot.getRenderer().setDefaultOutlinePaint(Color.WHITE);
    return new JFreeChart(title, ChartSvg.TITLE, plot, false);
  }
}
