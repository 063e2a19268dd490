package ancc.maven;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.driver.Progress;
import ancc.compiler.eval.EvalData;
import ancc.compiler.eval.Measure;
import ancc.compiler.report.Accuracy;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.SimulationInfo;
import ancc.ir.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/**
 * Top-1 accuracy of a compiled classifier on the evaluation images, as {@code ancc eval}
 * measures it: the FP32 reference interpreter, then each simulated chip instance (seeds {@code
 * seed .. seed+chips-1}), with the timing and energy of one inference and of the evaluated batch.
 */
final class Evaluation {
  /** What the evaluation measured. */
  record Result(Accuracy accuracy, CostReport single, CostReport batch, SimulationInfo simulation) {}

  private Evaluation() {}

  static Result run(Pipeline p, Path file, CompiledModel compiled, String name, Log log) throws IOException {
    Options o = p.options();
    String[] why = new String[1];
    EvalData data = EvalData.load(file, o, compiled.module(), why);
    if (data == null) {
      throw new InvalidInputException(name + ": evaluation needs a model with one input and a class-score output: "
          + why[0]);
    }
    Measure measure = Measure.of(data, compiled.module(), Progress.NONE.start("reference", data.size()));
    log.debug(String.format(Locale.ROOT, "ancc: %s: reference top-1 %.2f%%", name, 100 * measure.referenceFigure()));
    List<Accuracy.ChipAccuracy> perChip = new ArrayList<>();
    for (int k = 0; k < o.chips(); k++) {
      Accuracy.ChipAccuracy c = measure.entry(o.seed() + k,
          measure.run(compiled, o.simulation(k), Progress.NONE.start("chip", data.size())));
      perChip.add(c);
      log.debug(String.format(Locale.ROOT, "ancc: %s: chip %d/%d (seed %d): top-1 %.2f%%, agreement %.2f%%", name,
          k + 1, o.chips(), c.seed(), 100 * c.top1(), 100 * c.agreement()));
    }
    Accuracy accuracy = Accuracy.of(data.size(), measure.referenceFigure(), perChip);
    SimulationInfo info = new SimulationInfo(o.mode().name().toLowerCase(Locale.ROOT), o.seed(), o.chips(),
        o.driftSeconds(), o.driftCompensation(), data.chunk());
    return new Result(accuracy, p.costs(compiled, 1), p.costs(compiled, data.chunk()), info);
  }
}
