package ancc.compiler.report.html;

import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.Report;
import ancc.ir.chip.Chip;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code report.html} and {@code layers.csv} show about one run of the main job: the
 * JSON report ({@code report.json}: layers, tiles, totals, accuracy) and what the JSON schema does
 * not hold: the chip description (mesh, area, drift), the layers' output shapes and sensitivities,
 * the schedule of one inference, the accuracy of the baselines, the drift sweep and the
 * energy/accuracy points of the placement strategies.
 *
 * @param strategy the placement strategy of the compiled program, e.g. {@code auto} or {@code all-memristor}
 * @param shapes output type of each layer, by layer name (e.g. {@code f32[N,6,24,24]})
 * @param sensitivity each weight layer's sensitivity score, by layer name (absent: not analysed)
 * @param accuracy the accuracy figures, or null when the model could not be evaluated
 * @param pipeline when each layer runs in one inference alone (batch 1), in graph order
 * @param tileBusy busy cycles of each used tile in one inference alone (batch 1), ascending by tile
 * @param drift the drift sweep (its {@code drifts} false when the chip's devices do not drift)
 * @param strategies the energy/accuracy point of each placement strategy
 * @param strategyBasis what the strategies' figures were measured on, e.g. {@code top-1 on 256 calibration inputs}
 * @param notes sentences the reader must see (e.g. that no labelled data was given)
 */
public record ReportData(Report report, Chip chip, String strategy, Map<String, String> shapes,
    Map<String, Double> sensitivity, AccuracyFigures accuracy, List<LayerSpan> pipeline, List<TileBusy> tileBusy,
    DriftFigures drift, List<StrategyPoint> strategies, String strategyBasis, List<String> notes) {

  public ReportData {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(strategy, "strategy");
    shapes = Map.copyOf(shapes);
    sensitivity = Map.copyOf(sensitivity);
    pipeline = List.copyOf(pipeline);
    tileBusy = List.copyOf(tileBusy);
    Objects.requireNonNull(drift, "drift");
    strategies = List.copyOf(strategies);
    Objects.requireNonNull(strategyBasis, "strategyBasis");
    notes = List.copyOf(notes);
  }

  /** The layers of the report, in graph order. */
  public List<LayerEntry> layers() {
    return report.layers();
  }

  /**
   * Accuracy of the compiled program against the FP32 reference and the all-digital baseline.
   *
   * @param metric what the fractions measure: {@code top-1} (labelled data) or {@code agreement}
   *     (top-1 class equal to the FP32 reference's, when there are no labels)
   * @param data where the inputs came from, e.g. {@code images_256.npy (256 samples)}
   * @param fp32 the FP32 reference's figure (1 for agreement)
   * @param chipMean mean over the chip instances
   * @param chipStd population standard deviation over the instances
   * @param allDigital the all-digital program's figure, or null when it was not measured
   * @param fidelity the chip's class scores against FP32's, mean over the instances (meaningful with or
   *     without labels), or null when not measured
   */
  public record AccuracyFigures(String metric, String data, int samples, int chips, double fp32, double chipMean,
      double chipStd, Double allDigital, ancc.compiler.eval.Fidelity fidelity) {}

  /** Cycles [start, end) in which a layer's instructions run in one inference alone. */
  public record LayerSpan(String layer, String placement, long start, long end) {}

  /** Busy cycles of one tile in one inference alone. */
  public record TileBusy(int tile, String kind, long busyCycles) {}

  /**
   * Accuracy against the time since programming, with and without global drift compensation.
   *
   * @param drifts whether the chip's devices drift; when false {@code points} is empty
   * @param reason why there is no sweep, or which device model drifts
   */
  public record DriftFigures(boolean drifts, String reason, String metric, List<DriftPoint> points) {
    public DriftFigures {
      points = List.copyOf(points);
    }
  }

  /** One drift time: its label (e.g. {@code 1 day}), seconds and the figure with and without compensation. */
  public record DriftPoint(String label, double seconds, double compensated, double uncompensated) {}

  /**
   * One placement strategy's cost and accuracy.
   *
   * @param accuracy the metric of {@link AccuracyFigures}, or null when not measured
   * @param fits false when the model does not fit the chip with this strategy (no other figure then)
   * @param chosen whether this is the strategy of the compiled program
   */
  public record StrategyPoint(String strategy, boolean fits, double energyUj, Double accuracy, boolean chosen,
      String note) {}
}
