package ancc.compiler.driver;

import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.Partitioner;
import ancc.compiler.partition.ProgressListener;
import ancc.compiler.partition.SolvedPartition;
import ancc.compiler.pass.Pass;
import ancc.compiler.pass.PassContext;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;

/**
 * partition: sets every node's placement. An automatic strategy runs the {@link Partitioner}
 * (sensitivity analysis, the solver under the accuracy budget, verification by simulation and
 * repair; in kernel-granular mode the result splits layers into channel groups), or, when the
 * options name a sensitivities file, only solves from the given sensitivities ({@link
 * Partitioner#solve}: no simulation; a {@link SolvedPartition} goes to the context); a fixed strategy
 * applies its rule, and is also measured by the partitioner when {@code measure} is set (the main
 * job's strategy points and sensitivities). The partitioner's decisions go to the context
 * ({@link PartitionResult}) for the steps and reports after it. A model the partitioner cannot take
 * (not one graph input and a class-score output) is placed {@code all-memristor} instead, with a
 * remark saying so.
 *
 * @param calib the calibration images, or null for the partitioner's synthetic inputs
 */
public record Partition(Chip chip, Strategy strategy, PartitionOptions options, Dataset calib, boolean measure,
    ProgressListener listener) implements Pass {

  /** The fixed strategy a model the partitioner cannot take is placed with. */
  public static final Strategy.Fixed FALLBACK = Strategy.ALL_MEMRISTOR;

  @Override
  public String name() {
    return "partition";
  }

  @Override
  public String summary() {
    return "place every node on a tile kind: measured or given sensitivities under the accuracy budget, or a fixed"
        + " rule";
  }

  /** The module this step placed and the name of the strategy that placed it (for summaries and reports). */
  public record PlacedBy(Module module, String strategy) {}

  @Override
  public Module run(Module m, PassContext ctx) {
    boolean partitionable = !m.inputs().isEmpty() && !m.outputs().isEmpty();
    if (!partitionable && strategy.automatic()) {
      String why = "the partitioner needs a model with inputs and an output; " + m.name() + " has "
          + m.inputs().size() + " inputs and " + m.outputs().size() + " outputs, so it was placed " + FALLBACK.text() + " without sensitivity analysis";
      ctx.remark(name(), why);
      listener.warn(why);
      return place(m, FALLBACK, ctx);
    }
    if (strategy instanceof Strategy.Fixed fixed && !(measure && partitionable)) {
      return place(m, fixed, ctx);
    }
    if (strategy.automatic() && options.sensitivities() != null) {
      SolvedPartition s = Partitioner.solve(m, chip, options, calib);
      ctx.put(SolvedPartition.class, s);
      ctx.remark(name(), s.describe());
      ctx.put(PlacedBy.class, new PlacedBy(s.module(), s.strategy()));
      return s.module();
    }
    PartitionResult r = Partitioner.run(m, chip, options, calib, listener);
    ctx.put(PartitionResult.class, r);
    for (String w : r.summary().warnings()) {
      ctx.remark(name(), w);
    }
    Module placed = r.compilation().module();
    ctx.put(PlacedBy.class, new PlacedBy(placed, r.summary().strategy()));
    return placed;
  }

  private static Module place(Module m, Strategy.Fixed s, PassContext ctx) {
    Module placed = Compiler.withPlacements(m, s.assign(m));
    ctx.put(PlacedBy.class, new PlacedBy(placed, s.text()));
    return placed;
  }
}
