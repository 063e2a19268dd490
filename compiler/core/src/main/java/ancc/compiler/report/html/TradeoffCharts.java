package ancc.compiler.report.html;

import ancc.compiler.report.html.ReportData.DriftPoint;
import ancc.compiler.report.html.ReportData.LayerSpan;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's XY charts: the pipeline of one inference (a Gantt chart of layers over cycles),
 * accuracy against drift time, and the energy/accuracy Pareto of the placement strategies.
 */
final class TradeoffCharts {
  private TradeoffCharts() {}

  /** One bar per layer from its first to its last busy cycle, coloured by placement. */
  static JFreeChart pipeline(List<LayerSpan> spans) {
    Map<String, XYIntervalSeries> byKind = new LinkedHashMap<>();
    String[] names = new String[spans.size()];
    for (int i = 0; i < spans.size(); i++) {
      LayerSpan s = spans.get(i);
      names[i] = s.layer();
      byKind.computeIfAbsent(s.placement(), XYIntervalSeries::new)
          .add(i, i - 0.35, i + 0.35, s.start(), s.start(), Math.max(s.end(), s.start() + 1));
    }
    XYIntervalSeriesCollection d = new XYIntervalSeriesCollection();
    byKind.values().forEach(d::addSeries);
    SymbolAxis layers = new SymbolAxis(null, names);
    layers.setGridBandsVisible(false);
    layers.setInverted(true);
    XYBarRenderer r = new HintedRenderers.Intervals();
    r.setUseYInterval(true);
    r.setShadowVisible(false);
    r.setBarPainter(new StandardXYBarPainter());
    int i = 0;
    for (String kind : byKind.keySet()) {
      r.setSeriesPaint(i++, Palette.kind(kind));
    }
    XYPlot plot = new XYPlot(d, layers, new NumberAxis("cycle"), r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    return new JFreeChart("Pipeline of one inference: when each layer runs, colour = placement", ChartSvg.TITLE,
        plot, true);
  }

  /** Accuracy (percent) against drift time on a log axis, with and without drift compensation. */
  static JFreeChart drift(List<DriftPoint> points, String metric) {
    XYSeries with = new XYSeries("with drift compensation");
    XYSeries without = new XYSeries("without compensation");
    for (DriftPoint p : points) {
      with.add(p.seconds(), 100 * p.compensated());
      without.add(p.seconds(), 100 * p.uncompensated());
    }
    XYSeriesCollection d = new XYSeriesCollection();
    d.addSeries(with);
    d.addSeries(without);
    LogAxis time = new LogAxis("time since programming (s)");
    time.setBase(10);
    time.setSmallestValue(0.1);
    time.setTickUnit(new NumberTickUnit(1));
    time.setLowerMargin(0.06);
    time.setUpperMargin(0.06);
    double[] values = new double[2 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      values[2 * i] = points.get(i).compensated();
      values[2 * i + 1] = points.get(i).uncompensated();
    }
    NumberAxis acc = percentAxis(metric, values);
    HintedRenderers.Lines r = new HintedRenderers.Lines();
    r.setSeriesPaint(0, Palette.SRAM);
    r.setSeriesPaint(1, Palette.MEMRISTOR);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesStroke(1, new BasicStroke(2f));
    XYPlot plot = new XYPlot(d, time, acc, r);
    for (DriftPoint p : points) {
      XYTextAnnotation a = new XYTextAnnotation(p.label(), p.seconds(), 100 * Math.max(p.compensated(),
          p.uncompensated()));
      a.setFont(ChartSvg.TICK);
      a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
      plot.addAnnotation(a);
    }
    return new JFreeChart("Accuracy vs drift time", ChartSvg.TITLE, plot, true);
  }

  /**
   * Energy per inference (x) against accuracy (y) of every strategy that fits and was measured,
   * one series each, with the Pareto front (no other point both cheaper and more accurate).
   */
  static JFreeChart pareto(List<StrategyPoint> points, String metric) {
    XYSeriesCollection d = new XYSeriesCollection();
    List<StrategyPoint> measured = new ArrayList<>();
    for (StrategyPoint p : points) {
      if (p.fits() && p.accuracy() != null) {
        measured.add(p);
      }
    }
    List<StrategyPoint> front = front(measured);
    XYSeries frontSeries = new XYSeries("Pareto front", false);
    for (StrategyPoint p : front) {
      frontSeries.add(p.energyUj(), 100 * p.accuracy());
    }
    d.addSeries(frontSeries);
    for (StrategyPoint p : measured) {
      XYSeries s = new XYSeries(p.strategy() + (p.chosen() ? " (chosen)" : ""), false);
      s.add(p.energyUj(), 100 * p.accuracy());
      d.addSeries(s);
    }
    HintedRenderers.Lines r = new HintedRenderers.Lines();
    r.setSeriesPaint(0, new Color(0x99, 0x99, 0x99));
    r.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
        new float[] {6f, 4f}, 0f));
    r.setSeriesShapesVisible(0, false);
    for (int i = 0; i < measured.size(); i++) {
      StrategyPoint p = measured.get(i);
      double size = p.chosen() ? 14 : 10;
      r.setSeriesShape(i + 1, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
      r.setSeriesPaint(i + 1, p.chosen() ? Palette.HIGHLIGHT : Palette.category(i));
      r.setSeriesLinesVisible(i + 1, false);
    }
    NumberAxis energy = new NumberAxis("energy per inference (\u00b5J)");
    energy.setAutoRangeIncludesZero(true);
    energy.setUpperMargin(0.2);
    NumberAxis acc = percentAxis(metric, measured.stream().mapToDouble(StrategyPoint::accuracy).toArray());
    XYPlot plot = new XYPlot(d, energy, acc, r);
    List<StrategyPoint> byEnergy = new ArrayList<>(measured);
    byEnergy.sort(Comparator.comparingDouble(StrategyPoint::energyUj));
    for (int i = 0; i < byEnergy.size(); i++) {
      StrategyPoint p = byEnergy.get(i);
      XYTextAnnotation a = new XYTextAnnotation("  " + p.strategy() + "  ", p.energyUj(), 100 * p.accuracy());
      a.setFont(ChartSvg.TICK);
      // alternate above and below so that neighbouring points keep readable labels
      a.setTextAnchor(i % 2 == 0 ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
      plot.addAnnotation(a);
    }
    return new JFreeChart("Energy vs accuracy of the placement strategies", ChartSvg.TITLE, plot, true);
  }

  /** A percent axis around {@code fractions}, at least 4 points wide and within 0..100. */
  static NumberAxis percentAxis(String metric, double[] fractions) {
    double lo = 100;
    double hi = 0;
    for (double f : fractions) {
      lo = Math.min(lo, 100 * f);
      hi = Math.max(hi, 100 * f);
    }
    if (lo > hi) {
      lo = 0;
      hi = 100;
    }
    double pad = Math.max(2, (hi - lo) * 0.15);
    NumberAxis axis = new NumberAxis(metric + " (%)");
    axis.setRange(Math.max(0, lo - pad), Math.min(100, hi + pad));
    return axis;
  }

  /** The points no other point beats on both energy (lower) and accuracy (higher), by energy. */
  static List<StrategyPoint> front(List<StrategyPoint> points) {
    List<StrategyPoint> out = new ArrayList<>();
    for (StrategyPoint p : points) {
      boolean dominated = false;
      for (StrategyPoint q : points) {
        if (q != p && q.energyUj() <= p.energyUj() && q.accuracy() >= p.accuracy()
            && (q.energyUj() < p.energyUj() || q.accuracy() > p.accuracy())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparingDouble(StrategyPoint::energyUj));
    return out;
  }
}
