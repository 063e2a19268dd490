package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.Partitioner;
import ancc.compiler.partition.ProgressListener;
import ancc.compiler.pass.Pass;
import ancc.compiler.pass.PassContext;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;

/**
 * partition: sets every node's placement. An automatic strategy runs the {@link Partitioner}
 * (sensitivity analysis, the solver under the accuracy budget, verification by simulation and
 * repair; in kernel-granular mode the result splits layers into channel groups); a fixed strategy
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
    return "place every node on a tile kind: measured sensitivities under the accuracy budget, or a fixed rule";
  }

  @Override
  public Module run(Module m, PassContext ctx) {
    boolean partitionable = m.inputs().size() == 1 && !m.outputs().isEmpty();
    if (!partitionable && strategy.automatic()) {
      ctx.remark(name(), "the partitioner needs a model with one input and a class-score output; " + m.name()
          + " has " + m.inputs().size() + " inputs, so it was placed " + FALLBACK.text()
          + " without sensitivity analysis");
      return place(m, FALLBACK.assign(m));
    }
    if (strategy instanceof Strategy.Fixed fixed && !(measure && partitionable)) {
      return place(m, fixed.assign(m));
    }
    PartitionResult r = Partitioner.run(m, chip, options, calib, listener);
    ctx.put(PartitionResult.class, r);
    for (String w : r.summary().warnings()) {
      ctx.remark(name(), w);
    }
    return r.compilation().module();
  }

  private static Module place(Module m, Assignment a) {
    return Compiler.withPlacements(m, a);
  }
}
