package ancc.compiler.eval;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Progress;
import ancc.compiler.report.Accuracy;
import ancc.ir.graph.Module;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import java.util.Arrays;

/**
 * Runs inputs through the FP32 reference or a simulated chip and scores the top-1 classes: against
 * the labels when the data has them, else against the reference's classes (agreement); and, with or
 * without labels, the fidelity of the chip's class scores to FP32's ({@link Fidelity}).
 */
public final class Measure {
  private final EvalData data;
  private final float[][] referenceScores;
  private final int[] reference;

  private Measure(EvalData data, float[][] referenceScores) {
    this.data = data;
    this.referenceScores = referenceScores;
    this.reference = Evaluator.argmax(referenceScores);
  }

  /** What one run on a chip produced: its classes and the fidelity of its scores. */
  public record Run(int[] classes, Fidelity fidelity) {}

  /** Runs the FP32 reference over {@code data} (steps: one per input). */
  public static Measure of(EvalData data, Module reference, Progress.Stage stage) {
    float[][] scores = Evaluator.logits(data.data(), data.chunk(), data.output(),
        x -> new Interpreter().run(reference, x), stage::step);
    return new Measure(data, scores);
  }

  public EvalData data() {
    return data;
  }

  /** The same measure on the first {@code n} inputs. */
  public Measure first(int n) {
    EvalData d = data.first(n);
    return d == data ? this : new Measure(d, Arrays.copyOf(referenceScores, d.size()));
  }

  /** The FP32 reference's figure: its top-1, or 1 for agreement. */
  public double referenceFigure() {
    return data.labelled() ? Evaluator.top1(reference, data.data().labels()) : 1.0;
  }

  /** The program on the simulated chip (steps: one per input). */
  public Run run(CompiledModel model, SimOptions options, Progress.Stage stage) {
    float[][] scores = Evaluator.logits(data.data(), data.chunk(), data.output(),
        x -> model.simulate(x, options), stage::step);
    return new Run(Evaluator.argmax(scores), Fidelity.of(referenceScores, scores));
  }

  /** One chip instance's accuracy entry: its figure and its agreement with the reference. */
  public Accuracy.ChipAccuracy entry(long seed, Run run) {
    return new Accuracy.ChipAccuracy(seed, figure(run.classes()), agreement(run.classes()));
  }

  /** The top-1 classes of the program on the simulated chip (steps: one per input). */
  public int[] simulate(CompiledModel model, SimOptions options, Progress.Stage stage) {
    return run(model, options, stage).classes();
  }

  /** The figure of predicted classes: top-1 against the labels, else agreement with the reference. */
  public double figure(int[] predicted) {
    return data.labelled() ? Evaluator.top1(predicted, data.data().labels()) : agreement(predicted);
  }

  /** Agreement of predicted classes with the reference's. */
  public double agreement(int[] predicted) {
    return Evaluator.agreement(predicted, reference);
  }
}
