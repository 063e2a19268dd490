package ancc.ir.chip;

import ancc.ir.chip.Quantities.Bandwidth;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;

/**
 * A memory outside the tiles where buffers that do not fit a tile's local buffer are spilled: the
 * chip's {@link GlobalBufferSpec global buffer} or the off-chip {@link DramSpec DRAM}. An access
 * moves {@link #accessBytes()} bytes at the energy of one access; an instruction's accesses take
 * the latency once and stream at the bandwidth (docs/energy-model.md, "Spill").
 */
public sealed interface SpillMemory permits GlobalBufferSpec, DramSpec {
  int accessBytes();

  Energy readEnergy();

  Energy writeEnergy();

  Time latency();

  Bandwidth bandwidth();

  /** Accesses needed to move {@code bytes} bytes (rounded up to whole accesses). */
  default long accesses(long bytes) {
    return (bytes + accessBytes() - 1) / accessBytes();
  }
}
