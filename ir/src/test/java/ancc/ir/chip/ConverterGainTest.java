package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The optional converter gain-mismatch keys of the noise block: parsed, written only when set, round-tripped. */
class ConverterGainTest {

  private static String small() throws Exception {
    return Files.readString(ChipErrorsTest.resources().resolve("small.yaml"), StandardCharsets.UTF_8);
  }

  @Test
  void gainSigmasParseAndRoundTrip() throws Exception {
    String text = small().replace("      stuck_on_rate: 0.001\n",
        "      stuck_on_rate: 0.001\n      dac_gain_sigma: 0.01\n      adc_gain_sigma: 0.02\n");
    Chip chip = Chips.parse(text, "gain.yaml");
    NoiseSpec noise = chip.memristor().orElseThrow().noise();
    assertEquals(0.01, noise.dacGainSigma(), 0.0);
    assertEquals(0.02, noise.adcGainSigma(), 0.0);
    String canonical = chip.canonicalYaml();
    assertTrue(canonical.contains("dac_gain_sigma: 0.01"), canonical);
    assertTrue(canonical.contains("adc_gain_sigma: 0.02"), canonical);
    Chip again = Chips.parse(canonical, "canonical.yaml");
    assertEquals(chip, again);
    assertEquals(canonical, again.canonicalYaml());
  }

  @Test
  void absentGainsAreZeroAndNotWritten() throws Exception {
    Chip chip = Chips.parse(small(), "small.yaml");
    NoiseSpec noise = chip.memristor().orElseThrow().noise();
    assertEquals(0, noise.dacGainSigma(), 0.0);
    assertEquals(0, noise.adcGainSigma(), 0.0);
    assertFalse(chip.canonicalYaml().contains("gain_sigma"));
    for (String preset : Chips.presetNames()) {
      assertFalse(Chips.preset(preset).canonicalYaml().contains("gain_sigma"), preset);
    }
    NoiseSpec old = new NoiseSpec(new NoiseModel.None(), 0, 0, 0, NoiseSpec.WriteVerify.OFF);
    assertEquals(new NoiseSpec(new NoiseModel.None(), 0, 0, 0, NoiseSpec.WriteVerify.OFF, 0, 0), old);
  }
}
