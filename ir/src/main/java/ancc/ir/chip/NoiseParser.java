package ancc.ir.chip;

import ancc.ir.chip.NoiseSpec.WriteVerify;
import ancc.ir.chip.Quantities.Conductance;
import ancc.ir.chip.Quantities.Time;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a memristor tile's {@code noise} block: the model and its parameters, then the common effects. */
final class NoiseParser {
  private static final List<String> MODELS = List.of("none", "gaussian", "rram_wan2022", "pcm_nandakumar2019");

  private NoiseParser() {}

  static NoiseSpec noise(MapReader n) {
    Map<String, String> names = new LinkedHashMap<>();
    MODELS.forEach(m -> names.put(m, m));
    String name = n.choice("model", names);
    NoiseModel model;
    switch (name) {
      case "none":
        model = new NoiseModel.None();
        break;
      case "gaussian":
        model = new NoiseModel.Gaussian(n.number("programming_sigma", 0, 1), n.number("read_sigma", 0, 1));
        break;
      case "rram_wan2022":
        model = new NoiseModel.RramWan2022(poly(n), gMax(n), n.number("read_sigma", 0, 1));
        break;
      case "pcm_nandakumar2019":
        model = new NoiseModel.PcmNandakumar2019(poly(n), gMax(n), n.bool("drift"),
            new Time(n.quantity("t0", Dimension.TIME, true)), n.bool("read_noise"),
            new Time(n.quantity("t_read", Dimension.TIME, true)));
        break;
      default:
        throw new IllegalStateException("model list and switch disagree: " + name);
    }
    double on = n.number("stuck_on_rate", 0, 1, 0);
    double off = n.number("stuck_off_rate", 0, 1, 0);
    if (on + off > 1) {
      throw n.fail("stuck_off_rate", "stuck_on_rate + stuck_off_rate must be at most 1, got " + (on + off));
    }
    double irDrop = n.number("ir_drop", 0, 1, 0);
    WriteVerify wv = WriteVerify.OFF;
    if (n.has("write_verify")) {
      MapReader w = n.map("write_verify");
      boolean enabled = w.bool("enabled");
      wv = new WriteVerify(enabled, w.number("residual_sigma", 0, 1));
      w.finish();
    }
    double dacGain = n.number("dac_gain_sigma", 0, 1, 0);
    double adcGain = n.number("adc_gain_sigma", 0, 1, 0);
    double dacOffset = n.number("dac_offset_sigma", 0, 1, 0);
    double adcOffset = n.number("adc_offset_sigma", 0, 1, 0);
    n.finish();
    return new NoiseSpec(model, on, off, irDrop, wv, dacGain, adcGain, dacOffset, adcOffset);
  }

  private static List<Conductance> poly(MapReader n) {
    return n.list("programming_poly", item -> new Conductance(item.quantity(Dimension.CONDUCTANCE)));
  }

  private static Conductance gMax(MapReader n) {
    return new Conductance(n.quantity("g_max", Dimension.CONDUCTANCE, true));
  }
}
