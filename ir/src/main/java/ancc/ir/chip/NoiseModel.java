package ancc.ir.chip;

import ancc.ir.chip.Quantities.Conductance;
import ancc.ir.chip.Quantities.Time;
import java.util.List;
import java.util.Objects;

/**
 * The device model a memristor tile's conductances follow; a closed set, named in the chip file
 * by {@link #modelName()}. This package only describes the parameters: the simulator implements
 * the models (docs/chips.md gives the equations and their sources).
 */
public sealed interface NoiseModel
    permits NoiseModel.None, NoiseModel.Gaussian, NoiseModel.RramWan2022, NoiseModel.PcmNandakumar2019 {

  /** The name used as {@code noise.model} in chip files. */
  String modelName();

  /** Ideal devices. */
  record None() implements NoiseModel {
    public String modelName() {
      return "none";
    }
  }

  /**
   * Conductance-independent Gaussian noise: programming noise (once, when the array is written)
   * and read noise (every read), each a standard deviation as a fraction of Gmax.
   */
  record Gaussian(double programmingSigma, double readSigma) implements NoiseModel {
    public String modelName() {
      return "gaussian";
    }
  }

  /**
   * RRAM fit of Wan et al., Nature 2022 (aihwkit): programming sigma(g) = sum_i c_i g^i in
   * siemens, g = target / gMax in [0, 1]; plus Gaussian read noise of {@code readSigma} x Gmax.
   */
  record RramWan2022(List<Conductance> programmingPoly, Conductance gMax, double readSigma) implements NoiseModel {
    public RramWan2022 {
      programmingPoly = List.copyOf(programmingPoly);
      Objects.requireNonNull(gMax, "gMax");
    }

    public String modelName() {
      return "rram_wan2022";
    }
  }

  /**
   * PCM model of Nandakumar et al., ICECS 2019 (aihwkit PCMLikeNoiseModel): programming sigma(g)
   * polynomial as above; drift g(t) = g_prog (t / t0)^-nu with the paper's nu statistics when
   * {@code drift}; 1/f read noise with read duration {@code tRead} when {@code readNoise}.
   */
  record PcmNandakumar2019(List<Conductance> programmingPoly, Conductance gMax, boolean drift, Time t0,
      boolean readNoise, Time tRead) implements NoiseModel {
    public PcmNandakumar2019 {
      programmingPoly = List.copyOf(programmingPoly);
      Objects.requireNonNull(gMax, "gMax");
      Objects.requireNonNull(t0, "t0");
      Objects.requireNonNull(tRead, "tRead");
    }

    public String modelName() {
      return "pcm_nandakumar2019";
    }
  }
}
