package ancc.compiler.partition;

/**
 * How the predicted drops of a partition's units combine (docs/partitioning.md, "Why disagreement
 * is the partitioner's drop"). A unit's drop {@code d_i} is the fraction of calibration images
 * whose top-1 class it alone flips (its disagreement, 0..1). Treating the units' errors as
 * independent, an image keeps its class only if no unit flips it, so the partition's predicted
 * drop is
 *
 * <pre>
 *   D = 1 - prod_i (1 - d_i),
 * </pre>
 *
 * at most 1 (and at most the sum of the {@code d_i}, equal to it to first order). The solvers need
 * an additive constraint: with the weight {@code w(d) = -ln(1 - d)}, {@code D <= B} holds exactly
 * when {@code sum_i w(d_i) <= w(B)}, so they budget weights instead of drops and stay exact.
 */
final class Drops {
  private Drops() {}

  /** The combined drop of independent drops {@code a} and {@code b}: 1 - (1 - a)(1 - b). */
  static double combine(double a, double b) {
    return 1 - (1 - clamp(a)) * (1 - clamp(b));
  }

  /** The additive weight of drop {@code d}: -ln(1 - d); 0 for d <= 0, infinite for d >= 1. */
  static double weight(double d) {
    return d <= 0 ? 0 : d >= 1 ? Double.POSITIVE_INFINITY : -Math.log1p(-d);
  }

  /** The drop of weight {@code w}: 1 - e^-w. */
  static double ofWeight(double w) {
    return w <= 0 ? 0 : -Math.expm1(-w);
  }

  private static double clamp(double d) {
    return Math.max(0, Math.min(1, d));
  }
}
