package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How the program was simulated ({@code run} and {@code eval}).
 *
 * @param mode {@code ideal} or {@code analog}
 * @param seed the seed of the first (or only) chip instance
 * @param chips chip instances simulated (seeds {@code seed .. seed+chips-1}); 1 for run
 * @param driftSeconds time since programming at which the chip was read
 * @param driftCompensation whether global drift compensation was applied
 * @param batch inputs per simulated batch (run: the batch of the input files; eval: the samples)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "seed", "chips", "drift_seconds", "drift_compensation", "batch"})
public record SimulationInfo(
    @JsonProperty(value = "mode", required = true) String mode,
    @JsonProperty("seed") long seed,
    @JsonProperty("chips") int chips,
    @JsonProperty("drift_seconds") double driftSeconds,
    @JsonProperty("drift_compensation") boolean driftCompensation,
    @JsonProperty("batch") long batch) {

  public SimulationInfo {
    if (!"ideal".equals(mode) && !"analog".equals(mode)) {
      throw new IllegalArgumentException("mode must be ideal or analog, got " + mode);
    }
    if (chips < 1) {
      throw new IllegalArgumentException("chips must be >= 1, got " + chips);
    }
  }
}
