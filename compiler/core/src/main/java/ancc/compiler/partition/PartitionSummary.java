package ancc.compiler.partition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a partitioner run decided and measured. Drops and the budget are in percent points of top-1
 * against the FP32 reference; top-1 figures are fractions.
 *
 * @param strategy the strategy run
 * @param budgetPercent the allowed drop
 * @param predictedDropPercent the predicted drop of the final partition (unit drops combined as independent errors, 1 - prod(1 - d), capped at the reference top-1)
 * @param estimatedEnergyPj the partitioner's model of the ledger energy of the final partition (pJ per
 *     inference, batch 1; {@link Objective}), the quantity the solvers minimize
 * @param measuredDropPercent FP32 top-1 minus the simulated top-1 of the final partition on the
 *     calibration data, mean over the chip instances
 * @param referenceTop1 FP32 top-1 on the calibration data (1 for a per-token output: its positions are scored
 *     against FP32's own classes)
 * @param measuredTop1 simulated top-1 of the final partition (mean over instances)
 * @param calibrationSamples images measured on
 * @param syntheticCalibration no calibration data was given: the images are seeded noise labelled by
 *     FP32 itself, so accuracy figures are agreement on noise, not meaningful accuracy
 * @param kernelGranular units are channel groups
 * @param exact the solver proved its optimum (false: greedy, fixed, or the exact search hit its limit)
 * @param repairs units moved to a more precise kind after verification
 * @param cached the sensitivities came from the cache
 * @param warnings lines the user must see
 * @param layers one decision per unit, in program order
 * @param baselines energy and measured top-1 per strategy (the fixed ones and the one run)
 */
public record PartitionSummary(String strategy, double budgetPercent, double predictedDropPercent,
    double estimatedEnergyPj, double measuredDropPercent, double referenceTop1, double measuredTop1,
    int calibrationSamples, boolean syntheticCalibration, boolean kernelGranular, boolean exact, int repairs,
    boolean cached, List<String> warnings, List<LayerDecision> layers, Map<String, Baseline> baselines) {

  public PartitionSummary {
    warnings = List.copyOf(warnings);
    layers = List.copyOf(layers);
    baselines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
  }

  /** Energy per inference of the chosen partition (uJ), from its baseline entry. */
  public Double energyPerInferenceUj() {
    Baseline b = baselines.get(strategy);
    return b == null ? null : b.energyPerInferenceUj();
  }
}
