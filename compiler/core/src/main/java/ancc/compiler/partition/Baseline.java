package ancc.compiler.partition;

/**
 * The energy/accuracy point of one strategy on the calibration data.
 *
 * @param energyPerInferenceUj energy per inference from the compiled program's energy ledger (batch 1),
 *     null when the strategy does not fit the chip
 * @param measuredTop1 mean simulated top-1 over the chip instances (a fraction), null when it does not fit
 * @param predictedDropPercent the predicted drop of the strategy's placement (percent points; per-layer drops combined as independent errors, capped at the reference top-1)
 * @param note why the point is missing, else empty
 */
public record Baseline(Double energyPerInferenceUj, Double measuredTop1, double predictedDropPercent, String note) {}
