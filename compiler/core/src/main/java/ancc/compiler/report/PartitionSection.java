package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code partition} section of a report: what the partitioner chose and measured, and the
 * energy/accuracy point of every strategy. Drops and the budget are percent points of top-1 against
 * FP32; top-1 values are fractions.
 *
 * @param strategy {@code auto}, {@code auto-greedy}, or the fixed strategy run
 * @param budget the allowed top-1 drop (percent points)
 * @param predictedDrop the predicted drop of the chosen partition (percent points; per-layer disagreements combined as independent errors, capped at the reference top-1)
 * @param measuredDrop FP32 top-1 minus simulated top-1 on the calibration data (percent points, mean
 *     over chip instances)
 * @param referenceTop1 FP32 top-1 on the calibration data
 * @param granularity {@code layer} or {@code kernel}
 * @param calibrationSamples images measured on
 * @param syntheticCalibration true when no calibration data was given (accuracy figures not meaningful)
 * @param exact the exact solver proved its optimum
 * @param repairs units moved to a more precise kind after verification
 * @param warnings lines the user must see
 * @param baselines per strategy its energy per inference and measured top-1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"strategy", "budget", "predicted_drop", "measured_drop", "reference_top1", "granularity",
    "calibration_samples", "synthetic_calibration", "exact", "repairs", "warnings", "baselines"})
public record PartitionSection(
    @JsonProperty(value = "strategy", required = true) String strategy,
    @JsonProperty("budget") double budget,
    @JsonProperty("predicted_drop") double predictedDrop,
    @JsonProperty("measured_drop") double measuredDrop,
    @JsonProperty("reference_top1") double referenceTop1,
    @JsonProperty(value = "granularity", required = true) String granularity,
    @JsonProperty("calibration_samples") int calibrationSamples,
    @JsonProperty("synthetic_calibration") boolean syntheticCalibration,
    @JsonProperty("exact") boolean exact,
    @JsonProperty("repairs") int repairs,
    @JsonProperty(value = "warnings", required = true) List<String> warnings,
    @JsonProperty(value = "baselines", required = true) Map<String, Point> baselines) {

  /**
   * One strategy's energy/accuracy point; both null (and {@code note} set) when it does not fit the chip.
   *
   * @param energyPerInferenceUj energy per inference from the energy ledger (batch 1)
   * @param measuredTop1 mean simulated top-1 on the calibration data
   * @param predictedDrop the predicted drop of the strategy's placement (percent points)
   * @param note why the point is missing
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"energy_per_inference_uj", "measured_top1", "predicted_drop", "note"})
  public record Point(
      @JsonProperty("energy_per_inference_uj") Double energyPerInferenceUj,
      @JsonProperty("measured_top1") Double measuredTop1,
      @JsonProperty("predicted_drop") double predictedDrop,
      @JsonProperty("note") String note) {}

  public PartitionSection {
    Objects.requireNonNull(strategy, "strategy");
    warnings = List.copyOf(warnings);
    baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
  }
}
