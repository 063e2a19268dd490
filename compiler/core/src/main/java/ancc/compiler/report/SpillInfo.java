package ancc.compiler.report;

import ancc.ir.chip.Chip;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyReport;
import ancc.runtime.sim.timing.Shapes;
import ancc.runtime.sim.timing.StageModel;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The buffers that did not fit their tiles and live in the chip's global buffer or in DRAM
 * (docs/energy-model.md, "Spill"): how many, their bytes at batch 1 (physical widths), and the
 * energy of one inference's accesses to them.
 *
 * @param buffers spilled buffers
 * @param globalBytes bytes of the buffers in the global buffer
 * @param dramBytes bytes of the buffers in DRAM
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

  /** Bytes at batch 1 (physical widths, as the ledger counts them) of the buffers of {@code p} in {@code space}. */
  public static long bytes(Program p, Chip chip, Buffer.Space space) {
    StageModel widths = new StageModel(p, chip, new Shapes(p, 1));
    return p.buffers().stream().filter(b -> b.space() == space).mapToLong(b -> widths.bytes(b.name())).sum();
  }
}
