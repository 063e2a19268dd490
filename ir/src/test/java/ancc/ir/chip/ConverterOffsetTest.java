package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The optional converter offset keys of the noise block: parsed, range-checked, written only when set, round-tripped. */
class ConverterOffsetTest {

  private static String small() throws Exception {
    return Files.readString(ChipErrorsTest.resources().resolve("small.yaml"), StandardCharsets.UTF_8);
  }

  private static String withOffsets(String dac, String adc) throws Exception {
    return small().replace("      stuck_on_rate: 0.001\n",
        "      stuck_on_rate: 0.001\n      dac_offset_sigma: " + dac + "\n      adc_offset_sigma: " + adc + "\n");
  }

  @Test
  void offsetSigmasParseAndRoundTrip() throws Exception {
    Chip chip = Chips.parse(withOffsets("0.003", "0.004"), "offset.yaml");
    NoiseSpec noise = chip.memristor().orElseThrow().noise();
    assertEquals(0.003, noise.dacOffsetSigma(), 0.0);
    assertEquals(0.004, noise.adcOffsetSigma(), 0.0);
    String canonical = chip.canonicalYaml();
    assertTrue(canonical.contains("dac_offset_sigma: 0.003"), canonical);
    assertTrue(canonical.contains("adc_offset_sigma: 0.004"), canonical);
    Chip again = Chips.parse(canonical, "canonical.yaml");
    assertEquals(chip, again);
    assertEquals(canonical, again.canonicalYaml());
  }

  @Test
  void absentOffsetsAreZeroAndNotWritten() throws Exception {
    Chip chip = Chips.parse(small(), "small.yaml");
    NoiseSpec noise = chip.memristor().orElseThrow().noise();
    assertEquals(0, noise.dacOffsetSigma(), 0.0);
    assertEquals(0, noise.adcOffsetSigma(), 0.0);
    assertFalse(chip.canonicalYaml().contains("offset_sigma"));
    for (String preset : Chips.presetNames()) {
      assertFalse(Chips.preset(preset).canonicalYaml().contains("offset_sigma"), preset);
    }
    NoiseSpec gains = new NoiseSpec(new NoiseModel.None(), 0, 0, 0, NoiseSpec.WriteVerify.OFF, 0.1, 0.2);
    assertEquals(new NoiseSpec(new NoiseModel.None(), 0, 0, 0, NoiseSpec.WriteVerify.OFF, 0.1, 0.2, 0, 0), gains);
  }

  @Test
  void outOfRangeOffsetIsAOneLineErrorNamingTheKey() throws Exception {
    String text = withOffsets("0.003", "1.5");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.parse(text, "bad.yaml"));
    assertTrue(e.getMessage().contains("adc_offset_sigma"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
