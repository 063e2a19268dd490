package ancc.cli.job;

import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.CalibrationFiles;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.partition.Partitioner;
import ancc.compiler.partition.ProgressListener;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's compile step: sensitivity analysis and the choice of a tile kind per layer (or channel
 * group) by the partitioner ({@link Partitioner}), which also lowers, places on the mesh, emits the
 * program and measures every strategy's energy/accuracy point. Calibration data: {@code --calib}
 * (unlabelled: disagreement with FP32), else the labelled {@code --images}, else synthetic inputs
 * (the partitioner warns that its figures are then not meaningful). A model the partitioner cannot
 * take (not one input) is compiled with a uniform placement instead, and the output says so.
 */
final class PartitionStep {
  /** The uniform placement used when the partitioner cannot run. */
  static final String FALLBACK = "all-memristor";

  /**
   * A compiled program and how its placement was chosen.
   *
   * @param strategy the strategy that placed the program
   * @param summary what the partitioner decided and measured, or null when it did not run
   * @param notes what the reader must know about the choice
   */
  record Result(Compilation compilation, String strategy, PartitionSummary summary, List<String> notes) {}

  private PartitionStep() {}

  /** Chip instances the partitioner averages its measurements over. */
  static int partitionChips() {
    return PartitionOptions.defaults().chips();
  }

  static Result run(Module canonical, Chip chip, JobSpec spec, CalibrationSource calibration, Stages.Stage stage)
      throws IOException {
    if (canonical.inputs().size() != 1 || canonical.outputs().isEmpty()) {
      String uniform = Compiler.PLACEMENTS.contains(spec.strategy()) ? spec.strategy() : FALLBACK;
      Compilation c = Compiler.compile(canonical, chip, uniform, calibration);
      return new Result(c, uniform, null, List.of("The partitioner needs a model with one input and a class-score"
          + " output; this one has " + canonical.inputs().size() + " inputs, so it was compiled " + uniform
          + " without sensitivity analysis."));
    }
    PartitionOptions opts = new PartitionOptions(spec.strategy(), spec.budgetPercent(), spec.kernelGranular(),
        spec.calibSamples(), spec.seed(), partitionChips(), spec.cacheDir());
    Dataset calib = null;
    List<String> notes = new ArrayList<>();
    if (spec.calib() != null) {
      calib = CalibrationFiles.load(spec.calib(), spec.calibLabels(), spec.normalize(), spec.calibSamples(),
          canonical.inputs().get(0).type());
    } else if (spec.labelled()) {
      calib = CalibrationFiles.load(spec.images(), spec.labels(), spec.normalize(), spec.calibSamples(),
          canonical.inputs().get(0).type());
      notes.add("No --calib: the sensitivity analysis and the strategy points used the first " + calib.size()
          + " of the labelled images, the same data the accuracy is measured on (give --calib for held-out"
          + " calibration data).");
    }
    ProgressListener listener = new ProgressListener() {
      @Override
      public void progress(String what, int done, int total) {
        stage.progress(what, done, total);
      }

      @Override
      public void warn(String message) {
        stage.warn(message);
      }
    };
    PartitionResult r = Partitioner.run(canonical, chip, opts, calib, listener);
    notes.addAll(r.summary().warnings());
    return new Result(r.compilation(), r.summary().strategy(), r.summary(), notes);
  }
}
