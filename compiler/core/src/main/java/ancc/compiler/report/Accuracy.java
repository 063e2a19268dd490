package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Top-1 accuracy of {@code ancc eval}: fractions in 0..1 over {@code samples} labelled inputs.
 *
 * @param samples labelled inputs evaluated
 * @param chips chip instances simulated
 * @param referenceTop1 top-1 of the FP32 reference interpreter on the same inputs
 * @param simulatedTop1Mean mean over the chip instances of the simulated top-1
 * @param simulatedTop1Std population standard deviation of the same (0 for one chip)
 * @param agreement mean over the chip instances of the fraction of inputs whose simulated
 *     top-1 class equals the reference's
 * @param perChip each instance's top-1 and agreement, in seed order
 */
@JsonPropertyOrder({"samples", "chips", "reference_top1", "simulated_top1_mean", "simulated_top1_std", "agreement",
    "per_chip"})
public record Accuracy(
    @JsonProperty("samples") int samples,
    @JsonProperty("chips") int chips,
    @JsonProperty("reference_top1") double referenceTop1,
    @JsonProperty("simulated_top1_mean") double simulatedTop1Mean,
    @JsonProperty("simulated_top1_std") double simulatedTop1Std,
    @JsonProperty("agreement") double agreement,
    @JsonProperty("per_chip") List<ChipAccuracy> perChip) {

  /** One chip instance. */
  @JsonPropertyOrder({"seed", "top1", "agreement"})
  public record ChipAccuracy(
      @JsonProperty("seed") long seed,
      @JsonProperty("top1") double top1,
      @JsonProperty("agreement") double agreement) {}

  public Accuracy {
    perChip = List.copyOf(perChip);
    if (perChip.size() != chips) {
      throw new IllegalArgumentException(chips + " chips but " + perChip.size() + " per-chip entries");
    }
  }

  /** Summarizes per-chip results: mean and population std of top-1, mean agreement. */
  public static Accuracy of(int samples, double referenceTop1, List<ChipAccuracy> perChip) {
    int k = perChip.size();
    if (k == 0) {
      throw new IllegalArgumentException("no chip instances");
    }
    double mean = 0;
    double agree = 0;
    for (ChipAccuracy c : perChip) {
      mean += c.top1();
      agree += c.agreement();
    }
    mean /= k;
    agree /= k;
    double var = 0;
    for (ChipAccuracy c : perChip) {
      var += (c.top1() - mean) * (c.top1() - mean);
    }
    return new Accuracy(samples, k, referenceTop1, mean, Math.sqrt(var / k), agree, perChip);
  }
}
