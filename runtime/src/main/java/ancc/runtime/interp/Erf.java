package ancc.runtime.interp;

/**
 * The error function in double precision, accurate to ~1e-15 relative: a positive-term Taylor
 * series for |x| < 3 (no cancellation) and the continued fraction of erfc beyond.
 */
final class Erf {
  private Erf() {}

  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

  static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double r;
    if (a < 3.0) {
      r = series(a);
    } else if (a < 27.0) {
      r = 1.0 - erfcFraction(a);
    } else {
      r = 1.0;
    }
    return Math.copySign(r, x);
  }

  /** erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)), all terms positive. */
  private static double series(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < 500; n++) {
      term *= 2.0 * x2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }

  /**
   * erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated
   * backwards from a fixed depth that is ample for x >= 3.
   */
  private static double erfcFraction(double x) {
    double t = x;
    for (int k = 120; k >= 1; k--) {
      t = x + (k * 0.5) / t;
    }
    return ONE_OVER_SQRT_PI * Math.exp(-x * x) / t;
  }
}
