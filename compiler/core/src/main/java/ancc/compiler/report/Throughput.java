package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Throughput-mode figures: the program run on a batch of {@code batch} inputs back to back, layers
 * pipelined across tiles. Leakage is spread over the batch, so energy per inference here is lower
 * than the batch-1 figure of {@link Totals}; both are reported, each named by its basis.
 *
 * @param batch inputs in the batch
 * @param batchTimeUs the batch's run time: the first input entering to the last result leaving, microseconds
 * @param inferencesPerS batch / batch time
 * @param energyPerInferenceUj the batch's energy over the batch, microjoules
 * @param averagePowerMw the batch's energy over its batch time, milliwatts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"batch", "batch_time_us", "inferences_per_s", "energy_per_inference_uj", "average_power_mw"})
public record Throughput(
    @JsonProperty("batch") long batch,
    @JsonProperty("batch_time_us") Double batchTimeUs,
    @JsonProperty("inferences_per_s") Double inferencesPerS,
    @JsonProperty("energy_per_inference_uj") Double energyPerInferenceUj,
    @JsonProperty("average_power_mw") Double averagePowerMw) {

  public Throughput {
    batchTimeUs = batchTimeUs == null ? null : Report.finite(batchTimeUs);
    inferencesPerS = inferencesPerS == null ? null : Report.finite(inferencesPerS);
    energyPerInferenceUj = energyPerInferenceUj == null ? null : Report.finite(energyPerInferenceUj);
    averagePowerMw = averagePowerMw == null ? null : Report.finite(averagePowerMw);
  }

  /** The throughput figures of a batch run. */
  public static Throughput of(CostReport batchRun) {
    double seconds = batchRun.batchSeconds();
    double energyJ = batchRun.energyPerInferencePj() * 1e-12 * batchRun.batch();
    return new Throughput(batchRun.batch(), seconds * 1e6, seconds > 0 ? batchRun.batch() / seconds : null,
        batchRun.energyPerInferenceUj(), seconds > 0 ? energyJ / seconds * 1e3 : null);
  }
}
