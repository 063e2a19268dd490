package ancc.cli.job;

import ancc.compiler.report.html.ReportData;
import ancc.compiler.report.html.ReportData.DriftFigures;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.compiler.driver.Artifacts;
import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.partition.PartitionReports;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.Pipelines;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.Report;
import ancc.compiler.report.SensitivityScore;
import ancc.compiler.report.SimulationInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job, stage by stage: import, canonicalize, partition (sensitivity analysis and
 * placement, lowering, mesh placement), program emission, timing and energy, accuracy over chip
 * instances with the FP32 and all-digital baselines ({@link AccuracyStep}), the strategy points
 * and the drift sweep. Each stage reports to {@link Stages}. Writing the files is the caller's
 * ({@link JobOutputs}).
 */
public final class JobRunner {
  /** The report's {@code command}. */
  public static final String COMMAND = "job";

  private JobRunner() {}

  public static JobResult run(JobSpec spec, Stages stages) throws IOException {
    Path onnx = spec.model();
    Chip chip = Chips.resolve(spec.chip());
    String base = CompiledModel.baseName(onnx);

    Stages.Stage st = stages.start("import", 0);
    Module imported = inFile(onnx, () -> {
      Module m = OnnxImporter.importModel(onnx);
      Verifier.verify(m);
      return m;
    });
    st.done(imported.nodes().size() + " nodes");
    st = stages.start("canonicalize", 0);
    Module canonical = inFile(onnx, () -> new PassManager(Pipelines.canonicalize()).verifyEach(true)
        .run(imported, new PassContext()));
    st.done(canonical.nodes().size() + " nodes");

    // converter ranges of the programs compiled here beside the partitioner's (the all-digital baseline)
    CalibrationSource cal = spec.calib() != null && spec.calib().getFileName().toString().endsWith(".npy")
        ? new CalibrationSource.NpyFile(spec.calib()) : CalibrationSource.synthetic();
    st = stages.start("sensitivity and partition", 0);
    PartitionStep.Result part = PartitionStep.run(canonical, chip, spec, cal, st);
    CompiledModel compiled = CompiledModel.of(onnx, part.compilation());
    PartitionSummary summary = part.summary();
    st.done(part.strategy() + ", " + part.compilation().arrayCount() + " arrays on " + part.compilation().tilesUsed()
        + " tiles" + (summary == null ? "" : String.format(Locale.ROOT, ", measured drop %.2f%% (budget %s%%)",
        summary.measuredDropPercent(), trim(summary.budgetPercent()))));

    st = stages.start("emit program", 0);
    Artifacts artifacts = Artifacts.render(part.compilation(), base);
    st.done(String.format(Locale.ROOT, "%d instructions, %.1f kB", part.compilation().instructionCount(),
        artifacts.programBytes() / 1e3));

    List<String> notes = new ArrayList<>(part.notes());
    String[] why = new String[1];
    EvalData data = EvalData.load(spec, canonical, why);
    long batch = data == null ? 1 : data.chunk();
    st = stages.start("timing and energy", 0);
    CostReport costs = CostReport.of(compiled, batch);
    CostReport single = batch == 1 ? costs : CostReport.of(compiled, 1);
    st.done(String.format(Locale.ROOT, "%.4g uJ/inference, latency %.4g us", costs.energyPerInferenceUj(),
        costs.latencyUs()));

    AccuracyStep.Result acc = null;
    DriftFigures drift = Sweeps.withoutSweep(chip, compiled, data == null ? "accuracy" : data.metric());
    if (data == null) {
      notes.add("No accuracy figures: " + why[0] + ".");
    } else {
      if (!data.labelled()) {
        notes.add("No labelled data (--images/--labels): accuracy figures are the agreement of the chip's top-1"
            + " class with the FP32 reference's on " + data.size() + " synthetic inputs, a measure of fidelity,"
            + " not of classification accuracy.");
      }
      acc = AccuracyStep.run(spec, onnx, canonical, chip, cal, compiled, data, batch, stages);
      if (spec.sweeps()) {
        Measure driftData = acc.measure().first(Math.min(spec.sweepSamples(), 128));
        long steps = Sweeps.driftSteps(chip, part.compilation(), driftData);
        if (steps > 0) {
          st = stages.start("drift", steps);
          drift = Sweeps.drift(chip, compiled, driftData, spec.seed(), st);
          st.done(Sweeps.TIMES.size() + " times, with and without compensation");
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
          + ", mean over " + PartitionStep.partitionChips() + " chip instances.";
    } else if (acc != null && spec.sweeps()) {
      strategies = AccuracyStep.sweep(spec, onnx, canonical, chip, cal, part.strategy(), costs, acc, stages);
      basis = "Each uniform strategy compiled and simulated: energy per inference at batch " + batch + ", "
          + acc.measure().data().metric() + " on the first " + Math.min(spec.sweepSamples(), data.size())
          + " evaluation inputs, chip seed " + spec.seed() + ".";
    } else {
      strategies = List.of(new StrategyPoint(part.strategy(), true, costs.energyPerInferenceUj(),
          acc == null ? null : acc.figures().chipMean(), true, "the compiled program"));
      basis = "Only the compiled program: no other strategy was measured.";
    }

    SimulationInfo sim = data == null ? null : new SimulationInfo("analog", spec.seed(), spec.chips(), 0, true, batch);
    Report report = costs.report(COMMAND, sim, acc == null ? null : acc.accuracy());
    if (summary != null) {
      report = PartitionReports.attach(report, summary);
    }
    ReportData rd = new ReportData(report, chip, part.strategy(), ReportParts.shapes(part.compilation().module()),
        sensitivities(report), acc == null ? null : acc.figures(), ReportParts.pipeline(compiled, single),
        ReportParts.tileBusy(chip, single), drift, strategies, basis, notes);
    return new JobResult(rd, artifacts, base);
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

  static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private interface Work<T> {
    T run();
  }

  /** Runs {@code w}, naming {@code onnx} in an invalid-input message that does not name it yet. */
  private static <T> T inFile(Path onnx, Work<T> w) {
    try {
      return w.run();
    } catch (InvalidInputException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage();
      throw msg.contains(onnx.getFileName().toString()) ? e : e.in(onnx.toString());
    }
  }
}
