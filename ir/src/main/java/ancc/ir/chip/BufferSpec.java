package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.DataSize;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * A tile's local buffer (SRAM or eDRAM): its size, the width of one access in bytes, the energy
 * of one read or write access of that width, the latency of one access, its area, and the bits of
 * one activation (feature-map value) it holds, {@code activationBits}; 0 when the chip file does
 * not say, and activations are then held at the digital tiles' precision (docs/chips.md).
 */
public record BufferSpec(DataSize size, int accessBytes, Energy readEnergy, Energy writeEnergy, Time latency,
    Area area, int activationBits) {
  /** A buffer whose activation width the chip file does not give. */
  public BufferSpec(DataSize size, int accessBytes, Energy readEnergy, Energy writeEnergy, Time latency, Area area) {
    this(size, accessBytes, readEnergy, writeEnergy, latency, area, 0);
  }

  public BufferSpec {
    if (activationBits < 0 || activationBits > 32) {
      throw new IllegalArgumentException("activation bits " + activationBits + " out of range (0..32)");
    }
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
