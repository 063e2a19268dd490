package ancc.backends;

import ancc.ir.program.TileKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cost of one node on one tile kind, per inference at batch 1, by the simulator's energy
 * ledger's rules (docs/energy-model.md, "Estimates"): arrays (crossbars or SRAM macros) it
 * occupies, action counts per component (keys in {@link Action}: the ledger's component names),
 * energy in pJ per component and in total (counts x the chip's per-action energies, array reads
 * scaled by the cells they use), and latency in cycles. Excluded, because they depend on where
 * the node and its neighbours are placed: moving operands between tiles (send, recv, mesh flits;
 * see {@link ancc.backends.digital.Tally#transferPj}) and leakage.
 */
public record Cost(TileKind kind, long arrays, Map<String, Long> actions, Map<String, Double> componentsPj,
    double energyPj, long cycles) {

  /** Action names, as the energy ledger (ancc.runtime.sim.energy.Action) and reports print them. */
  public static final class Action {
    public static final String BUFFER_READ = "buffer.read";
    public static final String BUFFER_WRITE = "buffer.write";
    public static final String DAC_DRIVE = "dac.drive";
    public static final String CROSSBAR_READ = "crossbar.read";
    public static final String MACRO_CYCLE = "macro.cycle";
    public static final String ADC_CONVERSION = "adc.conversion";
    public static final String SHIFT_ADD = "shift_add.op";
    public static final String MAC = "mac.op";
    public static final String VECTOR_OP = "vector.op";

    private Action() {}
  }

  public Cost {
    actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    componentsPj = Collections.unmodifiableMap(new LinkedHashMap<>(componentsPj));
  }

  /** Count of one action, 0 when absent. */
  public long count(String action) {
    return actions.getOrDefault(action, 0L);
  }

  /** Energy of one component, pJ (0 when absent). */
  public double componentPj(String action) {
    return componentsPj.getOrDefault(action, 0.0);
  }
}
