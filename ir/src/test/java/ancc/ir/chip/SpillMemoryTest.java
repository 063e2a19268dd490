package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The optional top-level {@code global_buffer} and {@code dram} sections: presets, round trip, errors. */
class SpillMemoryTest {

  @Test
  void everyPresetHasBoth() {
    for (String name : Chips.presetNames()) {
      Chip c = Chips.preset(name);
      GlobalBufferSpec g = c.globalBuffer().orElseThrow(() -> new AssertionError(name + " has no global_buffer"));
      DramSpec d = c.dram().orElseThrow(() -> new AssertionError(name + " has no dram"));
      assertTrue(c.canSpill());
      assertTrue(g.size().bytes() > 0 && g.bandwidth().bytesPerSecond() > 0, name);
      // DRAM costs more per byte than the on-chip buffer
      assertTrue(d.readEnergy().pj() / d.accessBytes() > g.readEnergy().pj() / g.accessBytes(), name);
    }
    Chip d = Chips.preset("default");
    GlobalBufferSpec g = d.globalBuffer().orElseThrow();
    assertEquals(2 << 20, g.size().bytes());
    assertEquals(32e9, g.bandwidth().bytesPerSecond(), 1e-3);
    DramSpec dram = d.dram().orElseThrow();
    assertEquals(10400.0, dram.readEnergy().pj(), 1e-9);
    assertEquals(12.8e9, dram.bandwidth().bytesPerSecond(), 1e-3);
    assertEquals(2, dram.accesses(65));
    assertEquals(1, dram.accesses(64));
  }

  @Test
  void roundTripsThroughCanonicalText() {
    Chip chip = Chips.preset("default");
    String text = chip.canonicalYaml();
    assertTrue(text.contains("\nglobal_buffer:\n  size: 2MiB\n  access_bytes: 32\n  read_energy: 20.45pJ\n"
        + "  write_energy: 20.45pJ\n  latency: 2ns\n  bandwidth: 32GB/s\n  area: 2.656mm2\n"), text);
    assertTrue(text.endsWith("\ndram:\n  access_bytes: 64\n  read_energy: 10400pJ\n  write_energy: 10400pJ\n"
        + "  latency: 50ns\n  bandwidth: 12.8GB/s\n"), text);
    Chip again = Chips.parse(text, "again.yaml");
    assertEquals(chip, again);
    assertEquals(text, again.canonicalYaml());
  }

  @Test
  void equivalentUnitsGiveTheSameHash() {
    String text = Chips.preset("default").canonicalYaml();
    Chip other = Chips.parse(text.replace("bandwidth: 12.8GB/s", "bandwidth: 12800MB/s")
        .replace("read_energy: 10400pJ", "read_energy: 10.4nJ"), "units.yaml");
    assertEquals(Chips.preset("default").sha256(), other.sha256());
  }

  @Test
  void absentSectionsKeepTheTextWithoutThem() {
    String text = Chips.preset("default").canonicalYaml();
    String without = text.substring(0, text.indexOf("global_buffer:\n"));
    Chip chip = Chips.parse(without, "without.yaml");
    assertFalse(chip.globalBuffer().isPresent());
    assertFalse(chip.dram().isPresent());
    assertFalse(chip.canSpill());
    assertEquals(without, chip.canonicalYaml());
    String dramOnly = without + text.substring(text.indexOf("dram:\n"));
    Chip d = Chips.parse(dramOnly, "dram.yaml");
    assertFalse(d.globalBuffer().isPresent());
    assertTrue(d.canSpill());
    assertEquals(dramOnly, d.canonicalYaml());
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "global_buffer|bandwidth: 32GB/s|bandwidth: 0GB/s|key 'global_buffer.bandwidth': must be positive, got 0GB/s",
      "global_buffer|bandwidth: 32GB/s|bandwidth: 32GB|key 'global_buffer.bandwidth': expected a bandwidth such as"
          + " 25.6GB/s, got '32GB'",
      "dram|bandwidth: 12.8GB/s|bandwidth: 12.8Gb/s|key 'dram.bandwidth': expected a bandwidth such as 25.6GB/s",
      "global_buffer|size: 2MiB|size: 16B|key 'global_buffer.access_bytes': an access of 32 bytes exceeds the global"
          + " buffer size 16B",
      "dram|latency: 50ns|latency: 50ns\\n  colour: red|key 'dram.colour': unknown key (expected one of:"
          + " access_bytes, read_energy, write_energy, latency, bandwidth)",
      "global_buffer|area: 2.656mm2|area: 2.656mm2\\n  ports: 2|key 'global_buffer.ports': unknown key",
      "dram|access_bytes: 64|access_bytes: 0|key 'dram.access_bytes': must be positive (1 to 65536), got 0",
      "dram|read_energy: 10400pJ|read_energy: 10400|key 'dram.read_energy': expected an energy such as 1.67pJ, got"
          + " '10400' (no unit)"})
  void rejectsBadValues(String section, String from, String to, String message) {
    String text = Chips.preset("default").canonicalYaml();
    int at = text.indexOf("\n" + section + ":\n");
    String bad = text.substring(0, at) + text.substring(at).replaceFirst(Pattern.quote(from),
        Matcher.quoteReplacement(to.replace("\\n", "\n")));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.parse(bad, "bad.yaml"), bad);
    assertTrue(e.getMessage().startsWith("bad.yaml:") && e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void rejectsAMissingKey() {
    String text = Chips.preset("default").canonicalYaml().replace("  bandwidth: 12.8GB/s\n", "");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.parse(text, "bad.yaml"));
    assertTrue(e.getMessage().contains("key 'dram.bandwidth': missing (required)"), e.getMessage());
  }
}
