package ancc.cli.job;

import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Compiler;
import ancc.compiler.report.Accuracy;
import ancc.compiler.report.CostReport;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.runtime.sim.SimOptions;
import java.io.IOException;
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

  static Result run(JobSpec spec, Path onnx, Module canonical, Chip chip, CalibrationSource cal,
      CompiledModel compiled, EvalData data, long batch, Stages stages) throws IOException {
    Sweeps.Compiled digital = Sweeps.compile(onnx, canonical, chip, "all-digital", cal, batch);
    int n = data.size();
    Stages.Stage st = stages.start("accuracy", (long) n * (spec.chips() + 1 + (digital.model() != null ? 1 : 0)));
    Measure measure = Measure.of(data, compiled.module(), st);
    List<Accuracy.ChipAccuracy> perChip = new ArrayList<>();
    double first = 0;
    for (int k = 0; k < spec.chips(); k++) {
      int[] predicted = measure.simulate(compiled, SimOptions.analog(spec.seed() + k), st);
      double f = measure.figure(predicted);
      if (k == 0) {
        first = f;
      }
      perChip.add(new Accuracy.ChipAccuracy(spec.seed() + k, f, measure.agreement(predicted)));
    }
    Double digitalFigure = digital.model() == null ? null
        : measure.figure(measure.simulate(digital.model(), SimOptions.analog(spec.seed()), st));
    Accuracy summary = Accuracy.of(n, measure.referenceFigure(), perChip);
    AccuracyFigures figures = new AccuracyFigures(data.metric(), data.description(), n, spec.chips(),
        measure.referenceFigure(), summary.simulatedTop1Mean(), summary.simulatedTop1Std(), digitalFigure);
    st.done(String.format(Locale.ROOT, "%s %.2f%% (FP32 %.2f%%)", data.metric(), 100 * summary.simulatedTop1Mean(),
        100 * measure.referenceFigure()));
    return new Result(measure, figures, data.labelled() ? summary : null, first, digital);
  }

  /** Every uniform strategy's point beside the compiled program's, on the first {@code --sweep-samples} inputs. */
  static List<StrategyPoint> sweep(JobSpec spec, Path onnx, Module canonical, Chip chip, CalibrationSource cal,
      String chosen, CostReport costs, Result acc, Stages stages) throws IOException {
    Measure sweep = acc.measure().first(spec.sweepSamples());
    boolean whole = sweep == acc.measure();
    List<Sweeps.Compiled> others = new ArrayList<>();
    for (String s : Compiler.PLACEMENTS) {
      if (!s.equals(chosen)) {
        others.add("all-digital".equals(s) ? acc.digital()
            : Sweeps.compile(onnx, canonical, chip, s, cal, costs.batch()));
      }
    }
    Stages.Stage st = stages.start("strategies", (long) sweep.data().size() * (others.size() + (whole ? 0 : 1)));
    double figure = whole ? acc.firstChip()
        : sweep.figure(sweep.simulate(costs.model(), SimOptions.analog(spec.seed()), st));
    List<StrategyPoint> out = Sweeps.strategies(chosen, costs.energyPerInferenceUj(), figure, others, sweep,
        spec.seed(), st);
    st.done(out.size() + " strategies on " + sweep.data().size() + " inputs");
    return out;
  }
}
