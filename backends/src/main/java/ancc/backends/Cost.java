package ancc.backends;

import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.Action;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of one node on one tile kind, per inference at batch 1, read off the energy ledger and
 * the timing model of the node lowered alone ({@link ancc.backends.place.Estimator};
 * docs/energy-model.md, "Estimates").
 *
 * @param kind the tile kind
 * @param arrays crossbars or SRAM macros the node occupies (0 on digital tiles)
 * @param actions the action counts of the node's own instructions: everything its fragment emits,
 *     the moves between the tiles of a layer whose arrays span tiles included
 * @param componentsPj their energy per action, pJ (array reads scaled by the cells they use)
 * @param energyPj their sum, pJ
 * @param cycles the node's latency in clock cycles: from the start of its first instruction to the
 *     end of its last in the timing model of the one-node program at batch 1
 * @param inputs the node's non-constant inputs as that program loads them onto its tile
 * @param outputs its outputs as that program stores them from its tile
 *
 * <p>Excluded: the loads and stores ({@link #inputs}, {@link #outputs}), which stand for the moves
 * between this node and its neighbours that depend on where those are placed, and leakage, which
 * the ledger charges per used tile over the whole run. The partitioner adds both
 * (docs/partitioning.md, "Objective").
 */
public record Cost(TileKind kind, long arrays, Map<Action, Long> actions, Map<Action, Double> componentsPj,
    double energyPj, long cycles, List<Port> inputs, List<Port> outputs) {

  /**
   * One operand at the node's boundary, as the one-node program loads (an input) or stores (an
   * output) it: its name, its physical bytes at batch 1, the load's or store's actions, energy
   * (pJ) and cycles.
   */
  public record Port(String value, long bytes, Map<Action, Long> actions, double pj, long cycles) {
    public Port {
      actions = Collections.unmodifiableMap(actions.isEmpty() ? new EnumMap<>(Action.class) : new EnumMap<>(actions));
    }
  }

  public Cost {
    actions = Collections.unmodifiableMap(actions.isEmpty() ? new EnumMap<>(Action.class) : new EnumMap<>(actions));
    componentsPj = Collections.unmodifiableMap(
        componentsPj.isEmpty() ? new EnumMap<>(Action.class) : new EnumMap<>(componentsPj));
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** Count of one action, 0 when absent. */
  public long count(Action action) {
    return actions.getOrDefault(action, 0L);
  }

  /** Energy of one component, pJ (0 when absent). */
  public double componentPj(Action action) {
    return componentsPj.getOrDefault(action, 0.0);
  }

  /** The port of input {@code value}, or null (a constant, or not an input). */
  public Port input(String value) {
    return inputs.stream().filter(p -> p.value().equals(value)).findFirst().orElse(null);
  }

  /** The port of output {@code value}, or null. */
  public Port output(String value) {
    return outputs.stream().filter(p -> p.value().equals(value)).findFirst().orElse(null);
  }
}
