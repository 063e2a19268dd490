package ancc.compiler.partition;

/**
 * The sensitivity of one unit to one tile kind's error model, measured with that unit alone on the
 * kind (everything else exact) over the calibration set and averaged over chip instances.
 *
 * @param disagreement fraction of images whose top-1 class differs from the FP32 reference's
 *     (the partitioner's per-unit drop: an image can only lose its correct class by flipping)
 * @param accuracyDrop FP32 top-1 minus simulated top-1 against the labels (may be negative)
 * @param logitNmse squared error of the logits over the squared FP32 logits (resolves small effects)
 * @param kl mean KL divergence of the simulated softmax from the FP32 softmax (nats)
 */
public record Score(double disagreement, double accuracyDrop, double logitNmse, double kl) {

  /** No degradation (the digital kind). */
  public static final Score EXACT = new Score(0, 0, 0, 0);
}
