package ancc.runtime.device;

/**
 * PCM conductance drift after Nandakumar et al., ICECS 2019 (as encoded in aihwkit's
 * PCMLikeNoiseModel): g(t) = g_prog (t / t0)^-nu for t > t0 (no drift at t <= t0), with a drift
 * exponent per device nu = max(0, mu(g) + sigma(g) z), z ~ N(0, 1), where g = G_target / gMax
 * (clamped to >= 1e-7 before the log) and
 * mu = clip(-0.0155 ln g + 0.0244, 0.049, 0.1), sigma = clip(-0.0125 ln g - 0.0059, 0.008, 0.045).
 *
 * @param t0 reference time of the fit, seconds (> 0)
 * @param t time since programming at which the array is read, seconds
 */
public record PcmDrift(double t0, double t) {

  static final double MU_SLOPE = -0.0155;
  static final double MU_OFFSET = 0.0244;
  static final double MU_MIN = 0.049;
  static final double MU_MAX = 0.1;
  static final double SIGMA_SLOPE = -0.0125;
  static final double SIGMA_OFFSET = -0.0059;
  static final double SIGMA_MIN = 0.008;
  static final double SIGMA_MAX = 0.045;
  private static final double G_FLOOR = 1e-7;

  public PcmDrift {
    if (!(t0 > 0) || !(t >= 0)) {
      throw new IllegalArgumentException("drift needs t0 > 0 and t >= 0, got t0 " + t0 + " s, t " + t + " s");
    }
  }

  /** Whether conductances change at all (t > t0). */
  public boolean active() {
    return t > t0;
  }

  /** Mean drift exponent for a target at fraction g. */
  public static double nuMean(double g) {
    return clip(MU_SLOPE * Math.log(Math.max(g, G_FLOOR)) + MU_OFFSET, MU_MIN, MU_MAX);
  }

  /** Standard deviation of the drift exponent for a target at fraction g. */
  public static double nuSigma(double g) {
    return clip(SIGMA_SLOPE * Math.log(Math.max(g, G_FLOOR)) + SIGMA_OFFSET, SIGMA_MIN, SIGMA_MAX);
  }

  /** ln(t / t0) when drift is active, else 0: a device with exponent nu drifts by exp(-nu ln(t / t0)). */
  public double logTimeRatio() {
    return active() ? Math.log(t / t0) : 0;
  }

  private static double clip(double v, double lo, double hi) {
    return Math.min(hi, Math.max(lo, v));
  }
}
