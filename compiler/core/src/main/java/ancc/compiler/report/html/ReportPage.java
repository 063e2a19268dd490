package ancc.compiler.report.html;

import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.Report;
import ancc.compiler.report.Totals;
import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.ir.chip.Chip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the templates of {@code report.html} ({@code report.jte} and one template per section) read:
 * the run's {@link ReportData}, the figures derived from it, and the charts drawn as SVG. The
 * templates own the markup; this class owns the arithmetic and the charts' sizes and captions.
 */
final class ReportPage {
  /** One entry of the navigation bar: a section's element id and title. */
  record Link(String id, String title) {}

  /** One row of the layers table. */
  record LayerRow(LayerEntry layer, String shape, double energyPj, Double share, Double sensitivity) {}

  /** One row of the energy-by-component table. */
  record EnergyRow(String component, double pj, Double share) {}

  /** The sections, in page order. */
  static final List<Link> SECTIONS = List.of(new Link("summary", "Summary"), new Link("chip", "Chip map"),
      new Link("layers", "Layers"), new Link("energy", "Energy"), new Link("latency", "Latency"),
      new Link("drift", "Drift"), new Link("strategies", "Strategies"));

  private static final String CSS = Templates.resource("report.css");
  private static final String SCRIPT = Templates.resource("report.js");

  private final ReportData data;

  ReportPage(ReportData data) {
    this.data = data;
  }

  ReportData data() {
    return data;
  }

  Report report() {
    return data.report();
  }

  Totals totals() {
    return data.report().totals();
  }

  Chip chip() {
    return data.chip();
  }

  /** The accuracy figures, or null when the model was not evaluated. */
  AccuracyFigures accuracy() {
    return data.accuracy();
  }

  String css() {
    return CSS;
  }

  String script() {
    return SCRIPT;
  }

  /** The first 12 hex digits of the model's SHA-256. */
  String shortSha() {
    String sha = report().model().sha256();
    return sha.substring(0, Math.min(12, sha.length()));
  }

  /** The accuracy metric's name ({@code top-1}, {@code agreement}), {@code accuracy} when not evaluated. */
  String metric() {
    return accuracy() == null ? "accuracy" : accuracy().metric();
  }

  List<LayerRow> layerRows() {
    Double perInference = totals().energyPerInferenceUj();
    double total = perInference == null ? 0 : perInference * 1e6;
    List<LayerRow> rows = new ArrayList<>();
    for (LayerEntry l : report().layers()) {
      double e = l.energyPj().values().stream().mapToDouble(Double::doubleValue).sum();
      rows.add(new LayerRow(l, data.shapes().getOrDefault(l.name(), ""), e, total > 0 ? e / total : null,
          data.sensitivity().get(l.name())));
    }
    return rows;
  }

  List<EnergyRow> energyRows() {
    Map<String, Double> grouped = Metrics.grouped(totals().energyPj());
    double sum = grouped.values().stream().mapToDouble(Double::doubleValue).sum();
    List<EnergyRow> rows = new ArrayList<>();
    grouped.forEach((k, v) -> rows.add(new EnergyRow(k, v, sum > 0 ? v / sum : null)));
    return rows;
  }

  /** Whether the strategies section has a point to plot (one that fits and was measured). */
  boolean hasParetoPoints() {
    return data.strategies().stream().anyMatch(p -> p.fits() && p.accuracy() != null);
  }

  Figure accuracyChart() {
    return Figure.of("chart-accuracy", Charts.accuracy(accuracy()), 560, 300,
        "Accuracy of the FP32 reference, the all-digital program and this chip.");
  }

  Figure meshChart() {
    List<MeshMap.Cell> cells = MeshMap.cells(chip(), report().layers(), report().tiles());
    int height = Math.max(320, 90 * chip().mesh().rows() + 140);
    return Figure.of("chart-mesh", MeshMap.chart(chip(), cells), 1000, height,
        "Each block is a tile at its mesh position; colour = the layer it holds (pale: unused tile of that kind).");
  }

  Figure layersChart() {
    return Figure.of("chart-layers", Charts.layers(report().layers(), data.sensitivity()), 1000, 360,
        data.sensitivity().isEmpty() ? "No sensitivity scores: the program's placement was not chosen by the"
            + " sensitivity analysis." : "Sensitivity score per weight layer (higher: more accuracy lost on an"
            + " analog substrate).");
  }

  Figure energyComponentsChart() {
    return Figure.of("chart-energy-components", Charts.energyByComponent(Metrics.grouped(totals().energyPj())), 640,
        380, "Energy of one inference by component; leakage is the static part over the inference's share of time.");
  }

  Figure energyLayersChart() {
    int height = Math.max(300, 26 * report().layers().size() + 140);
    return Figure.of("chart-energy-layers", Charts.energyByLayer(report().layers()), 1000, height,
        "Dynamic energy of one inference booked to each layer, by component.");
  }

  Figure tilesChart() {
    return Figure.of("chart-tiles", Charts.tileBusy(data.tileBusy()), 640, 360,
        "Cycles each used tile is busy in one inference alone.");
  }

  Figure pipelineChart() {
    int height = Math.max(300, 24 * data.pipeline().size() + 140);
    return Figure.of("chart-pipeline", TradeoffCharts.pipeline(data.pipeline()), 760, height,
        "From each layer's first to its last busy cycle in one inference alone.");
  }

  Figure driftChart() {
    return Figure.of("chart-drift", TradeoffCharts.drift(data.drift().points(), data.drift().metric()), 900, 420,
        "The chip read at each time since programming, with and without global drift compensation.");
  }

  Figure paretoChart() {
    return Figure.of("chart-pareto", TradeoffCharts.pareto(data.strategies(), metric()), 900, 440,
        "Every strategy's energy per inference and accuracy; the dashed line joins the Pareto-optimal ones.");
  }
}
