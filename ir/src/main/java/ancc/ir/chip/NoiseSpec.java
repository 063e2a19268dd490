package ancc.ir.chip;

import java.util.Objects;

/**
 * The non-ideality model of a memristor tile: the device {@link NoiseModel} plus effects common
 * to every model: fractions of cells stuck at Gmax ({@code stuckOnRate}) or Gmin
 * ({@code stuckOffRate}), a first-order IR-drop coefficient (relative loss of column current
 * per unit of normalized array load; 0 = none), closed-loop write-verify, and the converters'
 * gain mismatch: the relative gain error of each row DAC ({@code dacGainSigma}) and of each ADC
 * ({@code adcGainSigma}) is Gaussian with that standard deviation, drawn per chip instance
 * (0 = exact gain); and their offsets: the offset of each row DAC as a fraction of the DAC's
 * full-scale drive ({@code dacOffsetSigma}) and of each ADC as a fraction of its full-scale input
 * ({@code adcOffsetSigma}), Gaussian with that standard deviation, drawn per chip instance (0 = no
 * offset).
 */
public record NoiseSpec(NoiseModel model, double stuckOnRate, double stuckOffRate, double irDrop,
    WriteVerify writeVerify, double dacGainSigma, double adcGainSigma, double dacOffsetSigma,
    double adcOffsetSigma) {

  /**
   * Write-verify: when enabled, programming repeats until the conductance is within tolerance; the
   * residual error is Gaussian with {@code residualSigma} x Gmax and replaces the programming noise.
   */
  public record WriteVerify(boolean enabled, double residualSigma) {
    public static final WriteVerify OFF = new WriteVerify(false, 0);
  }

  public NoiseSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(writeVerify, "writeVerify");
  }

  /** Without converter offsets. */
  public NoiseSpec(NoiseModel model, double stuckOnRate, double stuckOffRate, double irDrop, WriteVerify writeVerify,
      double dacGainSigma, double adcGainSigma) {
    this(model, stuckOnRate, stuckOffRate, irDrop, writeVerify, dacGainSigma, adcGainSigma, 0, 0);
  }

  /** Without converter gain errors or offsets. */
  public NoiseSpec(NoiseModel model, double stuckOnRate, double stuckOffRate, double irDrop, WriteVerify writeVerify) {
    this(model, stuckOnRate, stuckOffRate, irDrop, writeVerify, 0, 0, 0, 0);
  }

  /** Ideal devices, no defects. */
  public static final NoiseSpec IDEAL = new NoiseSpec(new NoiseModel.None(), 0, 0, 0, WriteVerify.OFF);
}
