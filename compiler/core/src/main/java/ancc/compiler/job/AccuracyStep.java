package ancc.compiler.job;

import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Progress;
import ancc.compiler.driver.Strategy;
import ancc.compiler.eval.EvalData;
import ancc.compiler.eval.Measure;
import ancc.compiler.eval.Fidelity;
import ancc.compiler.report.Accuracy;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The accuracy stage: the FP32 reference, the compiled program on {@code --chips} chip instances
 * and the all-digital program (the exact-arithmetic baseline) on the evaluation data; and, when
 * the partitioner did not measure the strategies, the uniform strategies' points.
 */
final class AccuracyStep {
  /**
   * @param measure the evaluation data with the reference's classes
   * @param figures the figures the report shows
   * @param accuracy the JSON report's {@code accuracy} section (labelled data only), or null
   * @param firstChip the figure of the first chip instance (seed {@code --seed})
   */
  record Result(Measure measure, AccuracyFigures figures, Accuracy accuracy, double firstChip,
      Sweeps.Compiled digital) {}

  private AccuracyStep() {}

  static Result run(Options o, Path model, Module canonical, Chip chip, Calibration cal, CompiledModel compiled,
      EvalData data, Progress progress) {
    Sweeps.Compiled digital = Sweeps.compile(model, canonical, chip, Strategy.ALL_DIGITAL, cal);
    int n = data.size();
    Progress.Stage st = progress.start("accuracy", (long) n * (o.chips() + 1 + (digital.model() != null ? 1 : 0)));
    Measure measure = Measure.of(data, compiled.module(), st);
    List<Accuracy.ChipAccuracy> perChip = new ArrayList<>();
    List<Fidelity> fidelity = new ArrayList<>();
    double first = 0;
    for (int k = 0; k < o.chips(); k++) {
      Measure.Run run = measure.run(compiled, o.simulation(k), st);
      Accuracy.ChipAccuracy c = measure.entry(o.seed() + k, run);
      if (k == 0) {
        first = c.top1();
      }
      fidelity.add(run.fidelity());
      perChip.add(c);
    }
    Double digitalFigure = digital.model() == null ? null
        : measure.figure(measure.simulate(digital.model(), o.simulation(0), st));
    Accuracy summary = Accuracy.of(n, measure.referenceFigure(), perChip);
    AccuracyFigures figures = new AccuracyFigures(data.metric(), data.description(), n, o.chips(),
        measure.referenceFigure(), summary.simulatedTop1Mean(), summary.simulatedTop1Std(), digitalFigure,
        Fidelity.mean(fidelity));
    st.done(String.format(Locale.ROOT, "%s %.2f%% (FP32 %.2f%%)", data.metric(), 100 * summary.simulatedTop1Mean(),
        100 * measure.referenceFigure()));
    return new Result(measure, figures, data.labelled() ? summary : null, first, digital);
  }

  /** Every uniform strategy's point beside the compiled program's, on the first {@code --sweep-samples} inputs. */
  static List<StrategyPoint> sweep(Options o, Path model, Module canonical, Chip chip, Calibration cal,
      String chosen, CostReport costs, Result acc, Progress progress) {
    Measure sweep = acc.measure().first(o.sweepSamples());
    boolean whole = sweep == acc.measure();
    List<Sweeps.Compiled> others = new ArrayList<>();
    for (Strategy.Fixed s : Strategy.fixed()) {
      if (s instanceof Strategy.Uniform && !s.text().equals(chosen)) {
        others.add(s == Strategy.ALL_DIGITAL ? acc.digital() : Sweeps.compile(model, canonical, chip, s, cal));
      }
    }
    Progress.Stage st = progress.start("strategies", (long) sweep.data().size() * (others.size() + (whole ? 0 : 1)));
    double figure = whole ? acc.firstChip()
        : sweep.figure(sweep.simulate(costs.model(), o.simulation(0), st));
    List<StrategyPoint> out = Sweeps.strategies(chosen, costs.energyPerInferenceUj(), figure, others, sweep,
        o, st);
    st.done(out.size() + " strategies on " + sweep.data().size() + " inputs");
    return out;
  }
}
