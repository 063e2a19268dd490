package ancc.runtime.device;

/**
 * PCM 1/f read noise after Nandakumar et al., ICECS 2019 (aihwkit PCMLikeNoiseModel): a device at
 * drifted conductance g_d deviates by g_d x sigma_n z, z ~ N(0, 1), with
 * sigma_n = Q_s sqrt(ln((t + t_read) / (2 t_read))), Q_s = min(0.0088 / max(g, 1e-3)^0.65, 0.2)
 * for a target at fraction g = G_target / gMax (the floor keeps Q_s finite at g = 0, as aihwkit
 * does). t is the time since programming, taken as at least t0 (the fit's reference time): the
 * noise accumulated since programming is frozen into the conductances a chip instance shows at
 * that time, as aihwkit applies it, rather than redrawn at every MVM (see docs/noise-models.md).
 *
 * @param tRead duration of one read, seconds (> 0)
 * @param t time since programming, seconds
 */
public record PcmReadNoise(double tRead, double t) {

  static final double Q_COEFF = 0.0088;
  static final double Q_EXP = 0.65;
  static final double Q_MAX = 0.2;
  private static final double G_FLOOR = 1e-3;

  public PcmReadNoise {
    if (!(tRead > 0) || !(t >= 0)) {
      throw new IllegalArgumentException("read noise needs t_read > 0 and t >= 0, got " + tRead + " s, " + t + " s");
    }
  }

  /** Q_s for a target at fraction g. */
  public static double qs(double g) {
    return Math.min(Q_COEFF / Math.pow(Math.max(Math.abs(g), G_FLOOR), Q_EXP), Q_MAX);
  }

  /** The time factor sqrt(ln((t + t_read) / (2 t_read))), 0 when the log is not positive. */
  public double timeFactor() {
    double l = Math.log((t + tRead) / (2 * tRead));
    return l > 0 ? Math.sqrt(l) : 0;
  }

  /** Relative standard deviation sigma_n of a device whose target is at fraction g. */
  public double sigma(double g) {
    return qs(g) * timeFactor();
  }
}
