package ancc.compiler.eval;

/**
 * How faithfully a chip computes a model's class scores, measured without labels against the FP32
 * reference's scores on the same inputs.
 *
 * @param logitNmse squared error of the chip's scores over the squared FP32 scores, summed over all
 *     inputs and classes
 * @param referenceMargin mean over inputs of the FP32 margin: the score of FP32's top class minus
 *     the best other score (always at least 0)
 * @param chipMargin the same margin on the chip's scores, for FP32's top class: negative on an
 *     input whose top class the chip flips
 * @param agreement fraction of inputs whose top class is FP32's
 */
public record Fidelity(double logitNmse, double referenceMargin, double chipMargin, double agreement) {

  /** The fidelity of {@code chip}'s scores against {@code reference}'s, row by row. */
  public static Fidelity of(float[][] reference, float[][] chip) {
    if (reference.length != chip.length) {
      throw new IllegalArgumentException(reference.length + " reference rows, " + chip.length + " chip rows");
    }
    double err = 0;
    double norm = 0;
    double refMargin = 0;
    double chipMargin = 0;
    int same = 0;
    int[] refClass = Evaluator.argmax(reference);
    int[] chipClass = Evaluator.argmax(chip);
    for (int i = 0; i < reference.length; i++) {
      float[] r = reference[i];
      float[] c = chip[i];
      for (int j = 0; j < r.length; j++) {
        double d = (double) c[j] - r[j];
        err += d * d;
        norm += (double) r[j] * r[j];
      }
      refMargin += margin(r, refClass[i]);
      chipMargin += margin(c, refClass[i]);
      same += refClass[i] == chipClass[i] ? 1 : 0;
    }
    int n = Math.max(1, reference.length);
    return new Fidelity(norm == 0 ? (err == 0 ? 0 : Double.POSITIVE_INFINITY) : err / norm, refMargin / n,
        chipMargin / n, reference.length == 0 ? 0 : (double) same / reference.length);
  }

  /** The score of class {@code k} minus the best other score (0 with one class). */
  static double margin(float[] scores, int k) {
    double other = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < scores.length; j++) {
      if (j != k) {
        other = Math.max(other, scores[j]);
      }
    }
    return other == Double.NEGATIVE_INFINITY ? 0 : scores[k] - other;
  }

  /** The mean of several chip instances' fidelities. */
  public static Fidelity mean(java.util.List<Fidelity> all) {
    double nmse = 0;
    double ref = 0;
    double chip = 0;
    double agree = 0;
    for (Fidelity f : all) {
      nmse += f.logitNmse;
      ref += f.referenceMargin;
      chip += f.chipMargin;
      agree += f.agreement;
    }
    int k = Math.max(1, all.size());
    return new Fidelity(nmse / k, ref / k, chip / k, agree / k);
  }
}
