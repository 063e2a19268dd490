package ancc.cli.job;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.eval.Evaluator;
import ancc.ir.graph.Module;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import java.util.Arrays;

/**
 * Runs inputs through the FP32 reference or a simulated chip and scores the top-1 classes: against
 * the labels when the data has them, else against the reference's classes (agreement).
 */
final class Measure {
  private final EvalData data;
  private final int[] reference;

  private Measure(EvalData data, int[] reference) {
    this.data = data;
    this.reference = reference;
  }

  /** Runs the FP32 reference over {@code data} (steps: one per input). */
  static Measure of(EvalData data, Module reference, Stages.Stage stage) {
    int[] classes = Evaluator.classes(data.data(), data.chunk(), data.input(), data.output(),
        x -> new Interpreter().run(reference, x), stage::step);
    return new Measure(data, classes);
  }

  EvalData data() {
    return data;
  }

  /** The same measure on the first {@code n} inputs. */
  Measure first(int n) {
    EvalData d = data.first(n);
    return d == data ? this : new Measure(d, Arrays.copyOf(reference, d.size()));
  }

  /** The FP32 reference's figure: its top-1, or 1 for agreement. */
  double referenceFigure() {
    return data.labelled() ? Evaluator.top1(reference, data.data().labels()) : 1.0;
  }

  /** The top-1 classes of the program on the simulated chip (steps: one per input). */
  int[] simulate(CompiledModel model, SimOptions options, Stages.Stage stage) {
    return Evaluator.classes(data.data(), data.chunk(), data.input(), data.output(),
        x -> model.simulate(x, options), stage::step);
  }

  /** The figure of predicted classes: top-1 against the labels, else agreement with the reference. */
  double figure(int[] predicted) {
    return data.labelled() ? Evaluator.top1(predicted, data.data().labels()) : agreement(predicted);
  }

  /** Agreement of predicted classes with the reference's. */
  double agreement(int[] predicted) {
    return Evaluator.agreement(predicted, reference);
  }
}
