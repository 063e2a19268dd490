package ancc.ir.chip;

import ancc.ir.chip.Quantities.Bandwidth;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * Off-chip DRAM (LPDDR, HBM): the bytes of one access (a burst), the energy of one read or write
 * access (array, I/O and interface together), the latency of an access (activation to first data)
 * and the bandwidth of the interface. Its capacity is taken as unbounded: spilled activations are
 * far smaller than any DRAM part.
 */
public record DramSpec(int accessBytes, Energy readEnergy, Energy writeEnergy, Time latency, Bandwidth bandwidth)
    implements SpillMemory {
  public DramSpec {
    Objects.requireNonNull(readEnergy, "readEnergy");
    Objects.requireNonNull(writeEnergy, "writeEnergy");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(bandwidth, "bandwidth");
  }
}
