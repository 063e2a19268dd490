package ancc.compiler.partition;

import ancc.ir.graph.Module;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A partition solved from given sensitivities ({@link Partitioner#solve}): the placed module and
 * the solver's decisions, neither compiled nor measured by simulation.
 *
 * @param module the module with every node placed (kernel granularity: the chosen layers split into
 *     channel groups and their concat)
 * @param strategy the automatic strategy solved ({@code auto} or {@code auto-greedy})
 * @param sensitivities the file the sensitivities came from
 * @param budgetPercent the allowed drop, percent points
 * @param predictedDropPercent the disagreements of the chosen kinds combined as independent errors (1 - prod(1 - d)), percent points
 * @param estimatedEnergyPj the objective's energy of the partition, pJ per inference at batch 1
 * @param exact the solver proved its optimum (false for {@code auto-greedy})
 * @param kernelGranular units are layers or their channel groups
 * @param layers one decision per unit, in program order
 */
public record SolvedPartition(Module module, String strategy, Path sensitivities, double budgetPercent,
    double predictedDropPercent, double estimatedEnergyPj, boolean exact, boolean kernelGranular,
    List<LayerDecision> layers) {

  public SolvedPartition {
    layers = List.copyOf(layers);
  }

  /** One line: what was solved from which file, the predicted drop and the modelled energy. */
  public String describe() {
    return String.format(Locale.ROOT, "%s from the sensitivities in %s (not measured by simulation): predicted drop"
        + " %.2f%% (budget %s%%), modelled energy %.1f pJ/inference%s", strategy, sensitivities,
        predictedDropPercent, Decisions.pct(budgetPercent), estimatedEnergyPj, exact ? "" : ", not proven optimal");
  }
}
