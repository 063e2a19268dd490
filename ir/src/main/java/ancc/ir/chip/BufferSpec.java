package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.DataSize;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * A tile's local buffer (SRAM or eDRAM): its size, the width of one access in bytes, the energy
 * of one read or write access of that width, the latency of one access, and its area.
 */
public record BufferSpec(DataSize size, int accessBytes, Energy readEnergy, Energy writeEnergy, Time latency,
    Area area) {
  public BufferSpec {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(readEnergy, "readEnergy");
    Objects.requireNonNull(writeEnergy, "writeEnergy");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(area, "area");
  }

  /** Accesses needed to move {@code bytes} bytes (rounded up to whole accesses). */
  public long accesses(long bytes) {
    return (bytes + accessBytes - 1) / accessBytes;
  }
}
