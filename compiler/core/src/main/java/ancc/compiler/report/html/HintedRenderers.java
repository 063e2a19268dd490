package ancc.compiler.report.html;

import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.KeyedValues2DItemKey;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYItemKey;

/**
 * Renderers that wrap every data item they draw in an element group, so the SVG holds one
 * {@code <g jfreesvg:ref="...">} per mark (JFreeChart's {@code BarRenderer} and
 * {@code XYBarRenderer} do it only in some cases; these add it to the others the report uses). The
 * browser test counts these groups per chart, with their laid-out boxes, to see that data was drawn.
 */
final class HintedRenderers {
  private HintedRenderers() {}

  /** Lines with a marker at every point. */
  static final class Lines extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    Lines() {
      super(true, true);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
        XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
        CrosshairState crosshairState, int pass) {
      beginElementGroup(g2, new XYItemKey<>(dataset.getSeriesKey(series), item));
      super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
          pass);
      endElementGroup(g2);
    }
  }

  /** Blocks of a heat map (the chip's mesh). */
  static final class Blocks extends XYBlockRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
        XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
        CrosshairState crosshairState, int pass) {
      beginElementGroup(g2, new XYItemKey<>(dataset.getSeriesKey(series), item));
      super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
          pass);
      endElementGroup(g2);
    }
  }

  /** Bars from a start to an end value (the pipeline's Gantt bars). */
  static final class Intervals extends XYBarRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
        XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
        CrosshairState crosshairState, int pass) {
      beginElementGroup(g2, new XYItemKey<>(dataset.getSeriesKey(series), item));
      super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
          pass);
      endElementGroup(g2);
    }
  }

  /** Stacked bars. */
  static final class Stacked extends StackedBarRenderer {
    private static final long serialVersionUID = 1L;

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
        CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
      beginElementGroup(g2, new KeyedValues2DItemKey<>(dataset.getRowKey(row), dataset.getColumnKey(column)));
      super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
      endElementGroup(g2);
    }
  }

  /** Bars of one series, each column painted its own colour (e.g. by placement). */
  static final class ColouredBars extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final transient List<? extends Paint> paints;

    ColouredBars(List<? extends Paint> paints) {
      this.paints = List.copyOf(paints);
      setShadowVisible(false);
      setDrawBarOutline(false);
      setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    }

    @Override
    public Paint getItemPaint(int row, int column) {
      return column < paints.size() ? paints.get(column) : super.getItemPaint(row, column);
    }
  }
}
