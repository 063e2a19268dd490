package ancc.runtime.sim.energy;

import ancc.ir.program.Instr;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One instruction's line of the energy ledger (docs/energy-model.md, "Energy"): where it ran, the
 * layer it is booked to, the actions it counted at the batch, their energy on its tile (pJ; array
 * reads scaled by the cells they use), and the model MACs it computes. Leakage is not per
 * instruction: {@link EnergyModel#estimate} adds it per tile.
 */
public record LedgerEntry(int tile, int index, Instr instr, String layer, Map<Action, Long> counts,
    Map<Action, Double> pj, long macs) {

  public LedgerEntry {
    counts = Collections.unmodifiableMap(counts.isEmpty() ? new EnumMap<>(Action.class) : new EnumMap<>(counts));
    pj = Collections.unmodifiableMap(pj.isEmpty() ? new EnumMap<>(Action.class) : new EnumMap<>(pj));
  }

  /** The instruction's dynamic energy, pJ. */
  public double totalPj() {
    return pj.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
