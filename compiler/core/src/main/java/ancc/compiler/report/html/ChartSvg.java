package ancc.compiler.report.html;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a JFreeChart into SVG text with JFreeSVG, for inlining in the HTML page: a fixed drawing
 * size scaled to the page by a view box, a common look, and ids that are unique per chart and
 * deterministic (the same report gives the same page). Renderers that wrap their data items in
 * element groups ({@link HintedRenderers}) make every drawn mark a {@code <g jfreesvg:ref=...>}
 * naming its data item (series and item or category), which a tool reading the SVG, the browser
 * test among them, can find.
 */
final class ChartSvg {
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChartSvg() {}

  /** The chart as an {@code <svg>} element of the given drawing size, identified by {@code id}. */
  static String render(JFreeChart chart, String id, int width, int height) {
    style(chart);
    chart.setElementHinting(true);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle(0, 0, width, height));
    String svg = g.getSVGElement(id, false, new ViewBox(0, 0, width, height), PreserveAspectRatio.XMID_YMID,
        MeetOrSlice.MEET);
    return svg.replaceFirst("<svg ", String.format(Locale.ROOT, "<svg class=\"chart-svg\" role=\"img\" "));
  }

  /** A common look: white background, light grid, the page's fonts. */
  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    TextTitle title = chart.getTitle();
    if (title != null) {
      title.setFont(TITLE);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(new Color(0xfa, 0xfa, 0xfa));
    plot.setOutlinePaint(new Color(0xcc, 0xcc, 0xcc));
    if (plot instanceof CategoryPlot cp) {
      cp.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
      cp.getDomainAxis().setTickLabelFont(TICK);
      cp.getDomainAxis().setLabelFont(LABEL);
      cp.getRangeAxis().setTickLabelFont(TICK);
      cp.getRangeAxis().setLabelFont(LABEL);
    } else if (plot instanceof XYPlot xp) {
      xp.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
      xp.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
      xp.getDomainAxis().setTickLabelFont(TICK);
      xp.getDomainAxis().setLabelFont(LABEL);
      xp.getRangeAxis().setTickLabelFont(TICK);
      xp.getRangeAxis().setLabelFont(LABEL);
    }
  }
}
