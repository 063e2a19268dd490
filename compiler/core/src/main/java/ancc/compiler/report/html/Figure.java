package ancc.compiler.report.html;

import org.jfree.chart.JFreeChart;

/**
 * One chart of a page: its element id, the chart drawn as inline SVG, and its caption (null: none).
 * The template {@code figure.jte} lays it out.
 */
record Figure(String id, String svg, String caption) {
  /** Draws {@code chart} at {@code width} x {@code height} (scaled to the page by a view box). */
  static Figure of(String id, JFreeChart chart, int width, int height, String caption) {
    return new Figure(id, ChartSvg.render(chart, id, width, height), caption);
  }
}
