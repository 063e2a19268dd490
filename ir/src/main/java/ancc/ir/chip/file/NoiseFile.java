package ancc.ir.chip.file;

import static ancc.ir.chip.file.KeyProblem.check;

import ancc.ir.chip.NoiseModel;
import ancc.ir.chip.NoiseSpec;
import ancc.ir.chip.Quantities.Conductance;
import ancc.ir.chip.Quantities.Time;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A memristor tile's {@code noise} block: {@code model} picks the record, and with it the
 * model's own keys; the effects common to every model ({@link NoiseSpec}) are optional keys of
 * each (absent: 0, write-verify off).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "model")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoiseFile.None.class, name = "none"),
    @JsonSubTypes.Type(value = NoiseFile.Gaussian.class, name = "gaussian"),
    @JsonSubTypes.Type(value = NoiseFile.RramWan2022.class, name = "rram_wan2022"),
    @JsonSubTypes.Type(value = NoiseFile.PcmNandakumar2019.class, name = "pcm_nandakumar2019")})
sealed interface NoiseFile {
  Double stuckOnRate();

  Double stuckOffRate();

  Double irDrop();

  WriteVerify writeVerify();

  Double dacGainSigma();

  Double adcGainSigma();

  Double dacOffsetSigma();

  Double adcOffsetSigma();

  NoiseModel toModel();

  /** Closed-loop programming: {@link NoiseSpec.WriteVerify}. */
  record WriteVerify(@Required Boolean enabled, @Required @Range(min = 0, max = 1) Double residualSigma) {}

  /** The model with the common effects. */
  default NoiseSpec toSpec() {
    NoiseSpec.WriteVerify wv = writeVerify() == null ? NoiseSpec.WriteVerify.OFF
        : new NoiseSpec.WriteVerify(writeVerify().enabled(), writeVerify().residualSigma());
    return new NoiseSpec(toModel(), or0(stuckOnRate()), or0(stuckOffRate()), or0(irDrop()), wv, or0(dacGainSigma()),
        or0(adcGainSigma()), or0(dacOffsetSigma()), or0(adcOffsetSigma()));
  }

  private static double or0(Double d) {
    return d == null ? 0 : d;
  }

  /** The stuck-cell rates sum to at most 1. */
  static void checkRates(Double on, Double off) {
    double sum = or0(on) + or0(off);
    check(sum <= 1, "stuck_off_rate", () -> "stuck_on_rate + stuck_off_rate must be at most 1, got " + sum);
  }

  /** Polynomial fits need at least one coefficient. */
  static void checkPoly(List<Conductance> poly) {
    check(!poly.isEmpty(), "programming_poly", () -> "must not be empty");
  }

  /** Ideal devices. */
  record None(
      @Range(min = 0, max = 1) Double stuckOnRate, @Range(min = 0, max = 1) Double stuckOffRate,
      @Range(min = 0, max = 1) Double irDrop, WriteVerify writeVerify,
      @Range(min = 0, max = 1) Double dacGainSigma, @Range(min = 0, max = 1) Double adcGainSigma,
      @Range(min = 0, max = 1) Double dacOffsetSigma, @Range(min = 0, max = 1) Double adcOffsetSigma)
      implements NoiseFile {

    public None {
      checkRates(stuckOnRate, stuckOffRate);
    }

    @Override
    public NoiseModel toModel() {
      return new NoiseModel.None();
    }
  }

  /** {@link NoiseModel.Gaussian}. */
  record Gaussian(
      @Required @Range(min = 0, max = 1) Double programmingSigma,
      @Required @Range(min = 0, max = 1) Double readSigma,
      @Range(min = 0, max = 1) Double stuckOnRate, @Range(min = 0, max = 1) Double stuckOffRate,
      @Range(min = 0, max = 1) Double irDrop, WriteVerify writeVerify,
      @Range(min = 0, max = 1) Double dacGainSigma, @Range(min = 0, max = 1) Double adcGainSigma,
      @Range(min = 0, max = 1) Double dacOffsetSigma, @Range(min = 0, max = 1) Double adcOffsetSigma)
      implements NoiseFile {

    public Gaussian {
      checkRates(stuckOnRate, stuckOffRate);
    }

    @Override
    public NoiseModel toModel() {
      return new NoiseModel.Gaussian(programmingSigma, readSigma);
    }
  }

  /** {@link NoiseModel.RramWan2022}. */
  record RramWan2022(
      @Required @Signed List<Conductance> programmingPoly,
      @Required @Positive Conductance gMax,
      @Required @Range(min = 0, max = 1) Double readSigma,
      @Range(min = 0, max = 1) Double stuckOnRate, @Range(min = 0, max = 1) Double stuckOffRate,
      @Range(min = 0, max = 1) Double irDrop, WriteVerify writeVerify,
      @Range(min = 0, max = 1) Double dacGainSigma, @Range(min = 0, max = 1) Double adcGainSigma,
      @Range(min = 0, max = 1) Double dacOffsetSigma, @Range(min = 0, max = 1) Double adcOffsetSigma)
      implements NoiseFile {

    public RramWan2022 {
      checkPoly(programmingPoly);
      checkRates(stuckOnRate, stuckOffRate);
    }

    @Override
    public NoiseModel toModel() {
      return new NoiseModel.RramWan2022(programmingPoly, gMax, readSigma);
    }
  }

  /** {@link NoiseModel.PcmNandakumar2019}. */
  record PcmNandakumar2019(
      @Required @Signed List<Conductance> programmingPoly,
      @Required @Positive Conductance gMax,
      @Required Boolean drift,
      @Required @Positive Time t0,
      @Required Boolean readNoise,
      @Required @Positive Time tRead,
      @Range(min = 0, max = 1) Double stuckOnRate, @Range(min = 0, max = 1) Double stuckOffRate,
      @Range(min = 0, max = 1) Double irDrop, WriteVerify writeVerify,
      @Range(min = 0, max = 1) Double dacGainSigma, @Range(min = 0, max = 1) Double adcGainSigma,
      @Range(min = 0, max = 1) Double dacOffsetSigma, @Range(min = 0, max = 1) Double adcOffsetSigma)
      implements NoiseFile {

    public PcmNandakumar2019 {
      checkPoly(programmingPoly);
      checkRates(stuckOnRate, stuckOffRate);
    }

    @Override
    public NoiseModel toModel() {
      return new NoiseModel.PcmNandakumar2019(programmingPoly, gMax, drift, t0, readNoise, tRead);
    }
  }
}
