package ancc.maven;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.eval.Dataset;
import ancc.compiler.eval.Evaluator;
import ancc.compiler.report.Accuracy;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.SimulationInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.logging.Log;

/**
 * Top-1 accuracy of a compiled classifier on the evaluation images, as {@code ancc eval}
 * measures it: the FP32 reference interpreter, then each simulated chip instance (seeds {@code
 * seed .. seed+chips-1}), with the timing and energy at the evaluated batch.
 */
final class Evaluation {
  /** Images per simulated batch when the model's batch dimension is symbolic. */
  static final int CHUNK = 256;

  /** What the evaluation measured. */
  record Result(Accuracy accuracy, CostReport costs, SimulationInfo simulation) {}

  private Evaluation() {}

  static Result run(CompiledModel compiled, CompileSettings s, String name, Log log) throws IOException {
    Module m = compiled.module();
    if (m.inputs().size() != 1 || m.outputs().isEmpty()) {
      throw new InvalidInputException(name + ": evaluation needs a model with one input and a class-score output;"
          + " it has " + m.inputs().size() + " input(s) and " + m.outputs().size() + " output(s)");
    }
    Value input = m.inputs().get(0);
    Value output = m.outputs().get(0);
    Dataset data = Dataset.load(s.images(), s.labels(), s.normalize(), s.samples(), input.type());
    int n = data.size();
    boolean fixed = input.type().dim(0) instanceof Dim.Fixed;
    int chunk = fixed ? (int) ((Dim.Fixed) input.type().dim(0)).size() : Math.min(CHUNK, n);
    if (fixed && n % chunk != 0) {
      throw new InvalidInputException(name + ": its input " + input.type() + " takes batches of " + chunk
          + "; set samples to a multiple of " + chunk);
    }
    CostReport costs = CostReport.of(compiled, chunk);
    int[] reference = Evaluator.classes(data, chunk, input.name(), output.name(), x -> new Interpreter().run(m, x),
        done -> { });
    double referenceTop1 = Evaluator.top1(reference, data.labels());
    log.debug(String.format(Locale.ROOT, "ancc: %s: reference top-1 %.2f%%", name, 100 * referenceTop1));
    List<Accuracy.ChipAccuracy> perChip = new ArrayList<>();
    for (int k = 0; k < s.chips(); k++) {
      SimOptions options = new SimOptions(s.mode(), s.seed() + k, 0, true);
      int[] predicted = Evaluator.classes(data, chunk, input.name(), output.name(),
          x -> compiled.simulate(x, options), done -> { });
      Accuracy.ChipAccuracy c = new Accuracy.ChipAccuracy(s.seed() + k, Evaluator.top1(predicted, data.labels()),
          Evaluator.agreement(predicted, reference));
      perChip.add(c);
      log.debug(String.format(Locale.ROOT, "ancc: %s: chip %d/%d (seed %d): top-1 %.2f%%, agreement %.2f%%", name,
          k + 1, s.chips(), c.seed(), 100 * c.top1(), 100 * c.agreement()));
    }
    Accuracy accuracy = Accuracy.of(n, referenceTop1, perChip);
    SimulationInfo info = new SimulationInfo(s.modeLabel(), s.seed(), s.chips(), 0, true, chunk);
    return new Result(accuracy, costs, info);
  }
}
