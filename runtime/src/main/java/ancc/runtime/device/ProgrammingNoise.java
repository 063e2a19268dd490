package ancc.runtime.device;

import ancc.ir.chip.Quantities.Conductance;
import java.util.List;

/**
 * Programming noise of one cell: the standard deviation of the Gaussian error between the
 * programmed and the target conductance, as a FRACTION of the cell's gMax, for a target at
 * fraction {@code g = G_target / gMax} in [0, 1]. Chosen by the chip's noise model (see
 * docs/noise-models.md); write-verify replaces it with {@link #constant} of its residual sigma.
 */
@FunctionalInterface
public interface ProgrammingNoise {

  /** Standard deviation (fraction of gMax, >= 0) for a target at fraction {@code g}. */
  double sigma(double g);

  /** Exact programming. */
  static ProgrammingNoise none() {
    return g -> 0;
  }

  /** Conductance-independent noise of {@code sigma} x gMax (model {@code gaussian}, write-verify residual). */
  static ProgrammingNoise constant(double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException("programming sigma must be >= 0, got " + sigma);
    }
    return g -> sigma;
  }

  /**
   * A published fit sigma(g) = sum_i c_i g^i (siemens) normalized by the fit's own {@code gMaxFit}:
   * the fraction poly(g) / gMaxFit is applied to the cell's range, so a fit made on a device with
   * another gMax keeps its relative size. Negative values of the polynomial count as 0; g is
   * clipped to [0, 1] first (the fits are only defined there).
   */
  static ProgrammingNoise polynomial(List<Conductance> coefficients, Conductance gMaxFit) {
    double[] c = new double[coefficients.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = coefficients.get(i).siemens() / gMaxFit.siemens();
    }
    if (!(gMaxFit.siemens() > 0)) {
      throw new IllegalArgumentException("fit g_max must be > 0 S, got " + gMaxFit.siemens());
    }
    return g -> {
      double x = Math.min(1, Math.max(0, g));
      double s = 0;
      for (int i = c.length - 1; i >= 0; i--) {
        s = s * x + c[i];
      }
      return Math.max(0, s);
    };
  }
}
