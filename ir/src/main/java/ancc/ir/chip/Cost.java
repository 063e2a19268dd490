package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * What one action of a component costs (energy, latency) and what one instance of it occupies
 * (area). Which action and which instance is defined per component in docs/chips.md (for
 * example: one conversion of one ADC; one read of a whole crossbar with one input slice).
 */
public record Cost(Energy energy, Time latency, Area area) {
  public Cost {
    Objects.requireNonNull(energy, "energy");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(area, "area");
  }
}
