package ancc.compiler.job;

import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.Artifacts;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.driver.Progress;
import ancc.compiler.eval.EvalData;
import ancc.compiler.eval.Measure;
import ancc.compiler.partition.PartitionReports;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.Report;
import ancc.compiler.report.SensitivityScore;
import ancc.compiler.report.SimulationInfo;
import ancc.compiler.report.Throughput;
import ancc.compiler.report.html.ReportData;
import ancc.compiler.report.html.ReportData.DriftFigures;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The main job, {@code ancc MODEL}, on the one {@link Pipeline}: load (import and canonicalize an
 * ONNX model, or read a {@code .air}), partition (sensitivity analysis and placement), calibrate and
 * lower, program emission, timing and energy, accuracy over chip instances with the FP32 and
 * all-digital baselines ({@link AccuracyStep}), the strategy points and the drift sweep. Every
 * figure of one inference (energy, latency, per layer and per tile) is at batch 1; the figures of
 * a batch run are the report's throughput section, named by their batch. Writing the files is the
 * caller's ({@link JobOutputs}).
 */
public final class JobRunner {
  /** The report's {@code command}. */
  public static final String COMMAND = "job";

  private JobRunner() {}

  /** Runs the job on {@code model}; progress to {@code progress}, IR dumps to {@code dumps}. */
  public static JobResult run(Path model, Options o, Progress progress, Consumer<String> dumps) throws IOException {
    Pipeline p = new Pipeline(o, progress, dumps);
    p.chip();
    String base = CompiledModel.baseName(model);
    Module canonical = p.load(model);
    Compilation compilation = p.lower(p.place(canonical, true));
    Chip chip = compilation.chip(); // with scale-to-fit, the chip sized to the model
    CompiledModel compiled = CompiledModel.of(model, compilation);
    PartitionSummary summary = p.partition().orElse(null);

    Progress.Stage st = progress.start("emit program", 0);
    Artifacts artifacts = p.timed("emit", () -> Artifacts.render(compilation, base));
    st.done(String.format(Locale.ROOT, "%d instructions, %.1f kB", compilation.instructionCount(),
        artifacts.programBytes() / 1e3));

    List<String> notes = new ArrayList<>(p.notes());
    String[] why = new String[1];
    EvalData data = EvalData.load(model, o, canonical, why);
    long batch = data == null ? 1 : data.chunk();
    st = progress.start("timing and energy", 0);
    CostReport single = p.costs(compiled, 1);
    CostReport batchRun = batch == 1 ? null : p.costs(compiled, batch);
    st.done(String.format(Locale.ROOT, "%.4g uJ/inference, latency %.4g us (batch 1)", single.energyPerInferenceUj(),
        single.latencyUs()));

    Calibration cal = p.calibrate(canonical).calibration();
    AccuracyStep.Result acc = null;
    DriftFigures drift = Sweeps.withoutSweep(chip, compiled, data == null ? "accuracy" : data.metric());
    if (data == null) {
      notes.add("No accuracy figures: " + why[0] + ".");
    } else {
      if (!data.labelled()) {
        notes.add("No labelled data (--images/--labels): the chip is compared with the FP32 reference on " + data.size()
            + " synthetic inputs (class-score error, top-1 margin, agreement of the top-1 class): a measure of"
            + " fidelity, not of classification accuracy.");
      }
      acc = p.timed("accuracy", () -> AccuracyStep.run(o, model, canonical, chip, cal, compiled, data, progress));
      if (o.sweeps()) {
        Measure driftData = acc.measure().first(Math.min(o.sweepSamples(), 128));
        long steps = Sweeps.driftSteps(chip, compilation, driftData);
        if (steps > 0) {
          Progress.Stage ds = progress.start("drift", steps);
          drift = p.timed("drift", () -> Sweeps.drift(chip, compiled, driftData, o.seed(), ds));
          ds.done(Sweeps.TIMES.size() + " times, with and without compensation");
        }
      } else {
        notes.add("--no-sweeps: the drift sweep was skipped.");
      }
    }

    List<StrategyPoint> strategies;
    String basis;
    if (summary != null) {
      strategies = fromPartitioner(summary);
      basis = "Each strategy as the partitioner measured it: energy per inference at batch 1 and "
          + (summary.syntheticCalibration() ? "agreement with FP32 on " + summary.calibrationSamples()
              + " synthetic inputs" : "top-1 on " + summary.calibrationSamples() + " calibration inputs")
          + ", mean over " + o.chips() + " chip instances.";
    } else if (acc != null && o.sweeps()) {
      AccuracyStep.Result a = acc;
      strategies = p.timed("strategies", () -> AccuracyStep.sweep(o, model, canonical, chip, cal,
          compilation.placement(), single, a, progress));
      basis = "Each uniform strategy compiled and simulated: energy per inference at batch 1, "
          + acc.measure().data().metric() + " on the first " + Math.min(o.sweepSamples(), data.size())
          + " evaluation inputs, chip seed " + o.seed() + ".";
    } else {
      strategies = List.of(new StrategyPoint(compilation.placement(), true, single.energyPerInferenceUj(),
          acc == null ? null : acc.figures().chipMean(), true, "the compiled program"));
      basis = "Only the compiled program: no other strategy was measured.";
    }

    SimulationInfo sim = data == null ? null
        : new SimulationInfo(o.mode().name().toLowerCase(Locale.ROOT), o.seed(), o.chips(), o.driftSeconds(),
            o.driftCompensation(), batch);
    Report report = single.report(COMMAND, sim, acc == null ? null : acc.accuracy());
    if (batchRun != null) {
      report = report.withThroughput(Throughput.of(batchRun));
    }
    if (summary != null) {
      report = PartitionReports.attach(report, summary);
    }
    ReportData rd = new ReportData(report, chip, compilation.placement(),
        ReportParts.shapes(compilation.module()), sensitivities(report), acc == null ? null : acc.figures(),
        ReportParts.pipeline(compiled, single), ReportParts.tileBusy(chip, single), drift, strategies, basis, notes);
    return new JobResult(rd, artifacts, base, p.context().timings());
  }

  /** The partitioner's strategy points. */
  private static List<StrategyPoint> fromPartitioner(PartitionSummary s) {
    List<StrategyPoint> out = new ArrayList<>();
    s.baselines().forEach((name, b) -> {
      boolean fits = b.energyPerInferenceUj() != null && b.measuredTop1() != null;
      out.add(new StrategyPoint(name, fits, fits ? b.energyPerInferenceUj() : Double.NaN, b.measuredTop1(),
          name.equals(s.strategy()), b.note() == null ? "" : b.note()));
    });
    return out;
  }

  /**
   * A sensitivity per analysed layer, by name: the logit NMSE of the layer alone on memristor tiles
   * (else on SRAM), a continuous measure that resolves effects too small to flip a top-1 class.
   */
  static Map<String, Double> sensitivities(Report r) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (LayerEntry l : r.layers()) {
      Map<String, SensitivityScore> s = l.sensitivity();
      if (s == null || s.isEmpty()) {
        continue;
      }
      SensitivityScore score = s.containsKey("memristor") ? s.get("memristor") : s.get("sram");
      if (score != null) {
        out.put(l.name(), score.logitNmse());
      }
    }
    return out;
  }
}
