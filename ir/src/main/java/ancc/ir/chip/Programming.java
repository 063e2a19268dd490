package ancc.ir.chip;

import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * How a memristor tile's cells are programmed (the optional {@code programming} block of a
 * memristor tile, docs/chips.md): one programming {@code pulse} on one cell and one {@code verify}
 * read of one cell (energy, latency); {@code openLoopPulses} pulses per cell when write-verify is
 * off; {@code verifyIterations} pulse-and-verify rounds per cell (mean) when it is on
 * ({@link NoiseSpec.WriteVerify}); {@code parallelCells} cells of one array programmed at the same
 * time. A one-time cost, paid when the weights are written, not per inference.
 */
public record Programming(Energy pulseEnergy, Time pulseLatency, Energy verifyEnergy, Time verifyLatency,
    int openLoopPulses, int verifyIterations, int parallelCells) {

  public Programming {
    Objects.requireNonNull(pulseEnergy, "pulseEnergy");
    Objects.requireNonNull(pulseLatency, "pulseLatency");
    Objects.requireNonNull(verifyEnergy, "verifyEnergy");
    Objects.requireNonNull(verifyLatency, "verifyLatency");
    if (openLoopPulses < 1 || verifyIterations < 1 || parallelCells < 1) {
      throw new IllegalArgumentException("programming pulse, iteration and parallel cell counts must be >= 1");
    }
  }

  /** Pulses per cell: {@code verifyIterations} with write-verify, {@code openLoopPulses} without. */
  public int pulsesPerCell(boolean writeVerify) {
    return writeVerify ? verifyIterations : openLoopPulses;
  }

  /** Energy to program one cell, pJ: its pulses, each followed by a verify read with write-verify. */
  public double cellPj(boolean writeVerify) {
    double perPulse = pulseEnergy.pj() + (writeVerify ? verifyEnergy.pj() : 0);
    return pulsesPerCell(writeVerify) * perPulse;
  }

  /** Time to program one batch of {@code parallelCells} cells, seconds. */
  public double roundSeconds(boolean writeVerify) {
    double perPulse = pulseLatency.seconds() + (writeVerify ? verifyLatency.seconds() : 0);
    return pulsesPerCell(writeVerify) * perPulse;
  }
}
