package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Bandwidth;
import ancc.ir.chip.Quantities.DataSize;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * The chip's shared on-chip buffer (SRAM or eDRAM outside the tiles, ISAAC's and PUMA's central
 * buffer): its size, the bytes of one access, the energy of one read or write access, the latency
 * of an access, the bandwidth all tiles share, and its area.
 */
public record GlobalBufferSpec(DataSize size, int accessBytes, Energy readEnergy, Energy writeEnergy, Time latency,
    Bandwidth bandwidth, Area area) implements SpillMemory {
  public GlobalBufferSpec {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(readEnergy, "readEnergy");
    Objects.requireNonNull(writeEnergy, "writeEnergy");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(bandwidth, "bandwidth");
    Objects.requireNonNull(area, "area");
  }
}
