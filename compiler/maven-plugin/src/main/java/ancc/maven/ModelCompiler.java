package ancc.maven;

import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.partition.Partitioner;
import ancc.compiler.partition.ProgressListener;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/**
 * The one place the plugin turns a canonical model into a compilation: the fixed placements
 * ({@link Compiler#FIXED_PLACEMENTS}) go straight to the compiler; the data-driven strategies
 * ({@code auto}, {@code auto-greedy}) run the {@link Partitioner} (sensitivity analysis, a
 * placement under the accuracy budget, verification by simulation, repair) first.
 */
final class ModelCompiler {
  private ModelCompiler() {}

  /** A compilation and, for the data-driven strategies, what the partitioner decided. */
  record Result(Compilation compilation, PartitionSummary partition) {}

  /** The placement strategies {@code ancc:compile} accepts. */
  static List<String> placements() {
    return PartitionOptions.STRATEGIES;
  }

  /** Whether {@code placement} runs the partitioner (and so uses the budget and labelled calibration data). */
  static boolean partitions(String placement) {
    return !Compiler.FIXED_PLACEMENTS.contains(placement);
  }

  static Result compile(Module canonical, Chip chip, CompileSettings s, String name, Log log) throws IOException {
    if (!partitions(s.placement())) {
      CalibrationSource cal = s.calibration() == null ? CalibrationSource.synthetic()
          : new CalibrationSource.NpyFile(s.calibration());
      log.debug("ancc: " + name + ": placement " + s.placement() + ", calibration " + cal.describe());
      return new Result(Compiler.compile(canonical, chip, s.placement(), cal), null);
    }
    CompileSettings.Partitioning p = s.partitioning();
    Dataset calib = null;
    if (s.calibration() != null) {
      if (canonical.inputs().size() != 1) {
        throw new InvalidInputException(name + ": partitioning needs a model with one input, it has "
            + canonical.inputs().size());
      }
      calib = Dataset.load(s.calibration(), p.calibrationLabels(), s.normalize(), 0,
          canonical.inputs().get(0).type());
    }
    PartitionOptions options = new PartitionOptions(s.placement(), p.budgetPercent(), p.kernelGranular(),
        p.calibrationSamples(), s.seed(), s.chips(), p.cacheDirectory());
    PartitionResult r = Partitioner.run(canonical, chip, options, calib, listener(name, log));
    PartitionSummary sum = r.summary();
    log.info(String.format(Locale.ROOT, "ancc: %s: %s at budget %s%%: measured drop %.2f%% (predicted %.2f%%) on %d"
        + " calibration images, %d repair%s%s", name, sum.strategy(), Quantity.plain(sum.budgetPercent()),
        sum.measuredDropPercent(), sum.predictedDropPercent(), sum.calibrationSamples(), sum.repairs(),
        sum.repairs() == 1 ? "" : "s", sum.cached() ? ", sensitivities from the cache" : ""));
    return new Result(r.compilation(), sum);
  }

  /** Partitioner progress at debug level (one line per finished stage), its warnings as warnings. */
  private static ProgressListener listener(String name, Log log) {
    return new ProgressListener() {
      @Override
      public void progress(String stage, int done, int total) {
        if (done == total && log.isDebugEnabled()) {
          log.debug("ancc: " + name + ": partitioner " + stage + " done (" + total + " steps)");
        }
      }

      @Override
      public void warn(String message) {
        log.warn("ancc: " + name + ": " + message);
      }
    };
  }
}
