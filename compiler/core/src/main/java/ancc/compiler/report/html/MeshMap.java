package ancc.compiler.report.html;

import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.TileEntry;
import ancc.ir.chip.Chip;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The chip's mesh as a heat map: one block per tile at its mesh row and column, coloured by the
 * layer whose weights (or, on digital tiles, whose output) it holds, unused tiles in a pale
 * colour of their kind; each block is labelled with its number, kind and busy utilization.
 */
final class MeshMap {
  /** One tile of the map: who owns it and how busy it is. */
  record Cell(int tile, int row, int col, String kind, String layer, Double utilization) {}

  private MeshMap() {}

  /** The cells of every tile of the chip, owners from the report's layers (weight layers first). */
  static List<Cell> cells(Chip chip, List<LayerEntry> layers, List<TileEntry> tiles) {
    Map<Integer, String> owner = new HashMap<>();
    for (LayerEntry l : layers) {
      if (l.arrays() > 0) {
        l.tiles().forEach(t -> owner.putIfAbsent(t, l.name()));
      }
    }
    for (LayerEntry l : layers) {
      l.tiles().forEach(t -> owner.putIfAbsent(t, l.name()));
    }
    Map<Integer, Double> util = new HashMap<>();
    if (tiles != null) {
      tiles.forEach(t -> util.put(t.tile(), t.utilization()));
    }
    List<Cell> out = new ArrayList<>();
    for (int t = 0; t < chip.tileCount(); t++) {
      out.add(new Cell(t, chip.mesh().row(t), chip.mesh().col(t), chip.groupOf(t).kind().text(), owner.get(t),
          util.get(t)));
    }
    return out;
  }

  static JFreeChart chart(Chip chip, List<Cell> cells) {
    Map<String, Integer> colourIndex = new LinkedHashMap<>();
    List<Paint> colours = new ArrayList<>();
    List<LegendItem> legend = new ArrayList<>();
    for (Cell c : cells) {
      String key = c.layer() != null ? "layer " + c.layer() : "unused " + c.kind();
      if (!colourIndex.containsKey(key)) {
        colourIndex.put(key, colours.size());
        Color col = c.layer() != null ? Palette.category(colours.size()) : Palette.paleKind(c.kind());
        colours.add(col);
        legend.add(new LegendItem(c.layer() != null ? c.layer() : "unused " + c.kind() + " tile", col));
      }
    }
    double[][] xyz = new double[3][cells.size()];
    XYPlot plot = new XYPlot();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      xyz[0][i] = c.col();
      xyz[1][i] = c.row();
      xyz[2][i] = colourIndex.get(c.layer() != null ? "layer " + c.layer() : "unused " + c.kind());
      XYTextAnnotation a = new XYTextAnnotation("t" + c.tile() + " " + letter(c.kind())
          + (c.utilization() == null ? "" : String.format(Locale.ROOT, " %.0f%%", 100 * c.utilization())),
          c.col(), c.row());
      a.setFont(ChartSvg.TICK);
      a.setPaint(c.layer() != null ? Color.WHITE : Color.DARK_GRAY);
      plot.addAnnotation(a);
    }
    DefaultXYZDataset d = new DefaultXYZDataset();
    d.addSeries("tiles", xyz);
    HintedRenderers.Blocks r = new HintedRenderers.Blocks();
    r.setBlockWidth(0.94);
    r.setBlockHeight(0.9);
    r.setPaintScale(new IndexScale(colours));
    NumberAxis x = new NumberAxis("mesh column");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setRange(-0.5, chip.mesh().cols() - 0.5);
    NumberAxis y = new NumberAxis("mesh row");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setRange(-0.5, chip.mesh().rows() - 0.5);
    y.setInverted(true);
    plot.setDataset(d);
    plot.setDomainAxis(x);
    plot.setRangeAxis(y);
    plot.setRenderer(r);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    LegendItemCollection items = new LegendItemCollection();
    legend.forEach(items::add);
    plot.setFixedLegendItems(items);
    return new JFreeChart("Chip mesh " + chip.mesh().rows() + "\u00d7" + chip.mesh().cols()
        + ": tiles by layer (M memristor, S SRAM, D digital; % = busy utilization)", ChartSvg.TITLE, plot, true);
  }

  private static String letter(String kind) {
    return kind.isEmpty() ? "?" : kind.substring(0, 1).toUpperCase(Locale.ROOT);
  }

  /** Maps a colour index (the z value) to its colour. */
  private static final class IndexScale implements PaintScale {
    private final List<Paint> colours;

    IndexScale(List<Paint> colours) {
      this.colours = List.copyOf(colours);
    }

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return Math.max(1, colours.size() - 1);
    }

    @Override
    public Paint getPaint(double value) {
      int i = (int) Math.round(value);
      return i >= 0 && i < colours.size() ? colours.get(i) : Palette.NEUTRAL;
    }
  }
}
