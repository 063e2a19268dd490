package ancc.compiler.report;

import ancc.backends.place.BufferPlan;
import ancc.ir.chip.Chip;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyReport;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The buffers that did not fit their tiles and live in the chip's global buffer or in DRAM
 * (docs/energy-model.md, "Spill"): how many, their bytes as allocated ({@link #bytes}), and the
 * energy of one inference's accesses to them.
 *
 * @param buffers spilled buffers
 * @param globalBytes bytes of the buffers in the global buffer, as allocated
 * @param dramBytes bytes of the buffers in DRAM, as allocated
 * @param energyPj global-buffer and DRAM access energy of one inference, picojoules
 */
@JsonPropertyOrder({"buffers", "global_bytes", "dram_bytes", "energy_pj"})
public record SpillInfo(
    @JsonProperty("buffers") int buffers,
    @JsonProperty("global_bytes") long globalBytes,
    @JsonProperty("dram_bytes") long dramBytes,
    @JsonProperty("energy_pj") double energyPj) {

  /** The spill of {@code p}; null when nothing is spilled (the report leaves it out). */
  public static SpillInfo of(Program p, Chip chip, EnergyReport energy) {
    int n = (int) p.buffers().stream().filter(Buffer::spilled).count();
    if (n == 0) {
      return null;
    }
    double pj = 0;
    for (Action a : new Action[] {Action.GLOBAL_READ, Action.GLOBAL_WRITE, Action.DRAM_READ, Action.DRAM_WRITE}) {
      pj += energy.componentPj(a);
    }
    return new SpillInfo(n, bytes(p, chip, Buffer.Space.GLOBAL), bytes(p, chip, Buffer.Space.DRAM),
        pj / energy.batch());
  }

  /**
   * Bytes of the buffers of {@code p} in {@code space} as buffer allocation counts them against the
   * memories' sizes: per sample, with integer codes at the quantizer's width and a conv's row
   * buffers at one row ({@link BufferPlan}, docs/mapping.md). The ledger's accesses count every row.
   */
  public static long bytes(Program p, Chip chip, Buffer.Space space) {
    return BufferPlan.plan(p, chip).spilledBytes(space);
  }
}
