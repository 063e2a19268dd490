package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The optional {@code programming} block of memristor tiles: presets, round trip, errors. */
class ProgrammingBlockTest {

  @Test
  void presetsDescribeProgramming() {
    for (String name : Chips.presetNames()) {
      MemristorTile m = Chips.preset(name).memristor().orElseThrow();
      Programming p = m.programming().orElseThrow(() -> new AssertionError(name + " has no programming block"));
      assertTrue(p.pulseEnergy().pj() > 0 && p.pulseLatency().seconds() > 0, name);
      assertTrue(p.verifyIterations() >= p.openLoopPulses(), name);
    }
    Programming d = Chips.preset("default").memristor().orElseThrow().programming().orElseThrow();
    // (2 V)^2 x 40 uS x 100 ns
    assertEquals(16.0, d.pulseEnergy().pj(), 1e-9);
    assertEquals(10 * (16.0 + 1.67), d.cellPj(true), 1e-9);
    assertEquals(16.0, d.cellPj(false), 1e-9);
    assertEquals(10 * 110e-9, d.roundSeconds(true), 1e-15);
  }

  @Test
  void roundTripsThroughCanonicalText() {
    Chip chip = Chips.preset("default");
    String text = chip.canonicalYaml();
    assertTrue(text.contains("    programming:\n      pulse:\n"), text);
    Chip again = Chips.parse(text, "again.yaml");
    assertEquals(chip, again);
    assertEquals(text, again.canonicalYaml());
  }

  @Test
  void absentBlockKeepsTheTextWithoutIt() {
    String text = Chips.preset("default").canonicalYaml();
    String without = text.replaceAll("(?s)    programming:\n(      .*?\n)+(?=  - kind)", "");
    Chip chip = Chips.parse(without, "without.yaml");
    assertFalse(chip.memristor().orElseThrow().programming().isPresent());
    assertFalse(chip.canonicalYaml().contains("programming:"));
  }

  @Test
  void rejectsZeroParallelCells() {
    String text = Chips.preset("default").canonicalYaml().replace("parallel_cells: 32", "parallel_cells: 0");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.parse(text, "bad.yaml"));
    assertTrue(e.getMessage().startsWith("bad.yaml:") && e.getMessage().contains("parallel_cells"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
