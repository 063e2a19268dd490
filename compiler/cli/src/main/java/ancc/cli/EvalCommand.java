package ancc.cli;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.driver.Progress;
import ancc.compiler.eval.EvalData;
import ancc.compiler.eval.Fidelity;
import ancc.compiler.eval.Measure;
import ancc.compiler.report.Accuracy;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReportWriter;
import ancc.compiler.report.SimulationInfo;
import ancc.compiler.report.Throughput;
import ancc.ir.InvalidInputException;
import ancc.runtime.sim.SimOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ancc eval MODEL|COMPILED_DIR --images FILE --labels FILE [--samples N] [--chips K]
 * [--seed N] [--drift-time T] [--json FILE]}: top-1 accuracy of the FP32 reference and of K
 * simulated chip instances (seeds seed .. seed+K-1), their agreement, energy per inference and
 * latency (one inference, batch 1) and the throughput of the evaluated batch.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    abbreviateSynopsis = true,
    versionProvider = Main.Version.class,
    description = {
      "Evaluate a classifier on labelled images: top-1 of the FP32 reference interpreter and of the compiled"
          + " program on K simulated chip instances (each with its own programming noise), the agreement of their"
          + " top-1 classes, energy per inference and latency.",
      "Images and labels are .npy or IDX files (.gz accepted). Integer pixels are scaled to [0,1];"
          + " --normalize MEAN,STD then maps x to (x-MEAN)/STD."
    })
final class EvalCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx|MODEL.air|COMPILED_DIR",
      description = "The model (ONNX or textual graph IR), or a folder written by 'ancc compile'.")
  Path model;

  @Mixin
  DataOptions data;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "analog", converter = Mode.Converter.class,
      description = "ideal or analog (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write a JSON report (schema ancc-report/2).")
  Path json;

  @Mixin
  ChipOption chip;

  @Mixin
  PlacementOptions placement;

  @Mixin
  InstanceOptions instances;

  @Mixin
  ReadOptions read;

  @Mixin
  DiagnosticOptions diagnostics;

  @Override
  public Integer call() throws Exception {
    if (!mode.simulates()) {
      throw new ParameterException(spec.commandLine(), "--mode must be ideal or analog");
    }
    if (data.images == null || data.labels == null) {
      throw new ParameterException(spec.commandLine(), "eval needs --images and --labels");
    }
    if (json != null) {
      ReportWriter.requireWritable(json);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Options.Builder b = Options.builder().chip(chip.chip)
        .mode(mode == Mode.IDEAL ? SimOptions.Mode.IDEAL : SimOptions.Mode.ANALOG);
    Options o = Commands.build(spec, b, data, placement, instances, read, diagnostics);
    Pipeline p = Commands.pipeline(spec, o, diagnostics, false);
    Commands.rejectPlacementOptions(spec, model);
    if (!java.nio.file.Files.isDirectory(model)) {
      p.chip();
    }
    CompiledModel compiled = p.compile(model);
    Commands.partitionTable(p, err);
    Commands.notes(p, err);
    String[] why = new String[1];
    EvalData d = EvalData.load(model, o, compiled.module(), why);
    if (d == null) {
      throw new InvalidInputException(model + ": eval needs a model with one input and a class-score output: " + why[0]);
    }
    Progress progress = Commands.progress(spec, diagnostics, false);
    Progress.Stage st = progress.start("reference", d.size());
    Measure measure = p.timed("reference", () -> Measure.of(d, compiled.module(), st));
    st.done(String.format(Locale.ROOT, "top-1 %.2f%%", 100 * measure.referenceFigure()));
    List<Accuracy.ChipAccuracy> perChip = new ArrayList<>();
    List<Fidelity> fidelity = new ArrayList<>();
    for (int k = 0; k < o.chips(); k++) {
      Progress.Stage cs = progress.start("chip " + (k + 1) + "/" + o.chips() + " (seed " + (o.seed() + k) + ")",
          d.size());
      int instance = k;
      Measure.Run run = p.timed("chip-" + (k + 1), () -> measure.run(compiled, o.simulation(instance), cs));
      Accuracy.ChipAccuracy c = measure.entry(o.seed() + k, run);
      perChip.add(c);
      fidelity.add(run.fidelity());
      cs.done(String.format(Locale.ROOT, "top-1 %.2f%%, agreement %.2f%%", 100 * c.top1(), 100 * c.agreement()));
    }
    Accuracy accuracy = Accuracy.of(d.size(), measure.referenceFigure(), perChip);
    CostReport single = p.costs(compiled, 1);
    CostReport batch = d.chunk() == 1 ? single : p.costs(compiled, d.chunk());
    out.print(summary(compiled, o, d.size(), accuracy, Fidelity.mean(fidelity), single, batch));
    out.flush();
    if (json != null) {
      SimulationInfo info = new SimulationInfo(mode.label(), o.seed(), o.chips(), o.driftSeconds(),
          o.driftCompensation(), d.chunk());
      Report r = Commands.withPartition(p, single.report("eval", info, accuracy));
      ReportWriter.write(batch == single ? r : r.withThroughput(Throughput.of(batch)), json);
      err.println("ancc: wrote report " + json);
    }
    Commands.timings(p, diagnostics, err);
    err.flush();
    return ErrorReporter.OK;
  }

  private String summary(CompiledModel c, Options o, int n, Accuracy a, Fidelity f, CostReport single,
      CostReport batch) {
    StringBuilder sb = new StringBuilder();
    sb.append(model.getFileName()).append(" on chip ").append(c.chip().name());
    if (c.placement() != null) {
      sb.append(", placement ").append(c.placement());
    }
    int chips = o.chips();
    sb.append(", ").append(mode.label()).append(", ").append(n).append(" samples, ").append(chips)
        .append(chips == 1 ? " chip" : " chips").append(" (").append(seeds(o)).append(")\n");
    sb.append(String.format(Locale.ROOT, "%-20s %.2f%%%n", "reference top-1:", 100 * a.referenceTop1()));
    sb.append(String.format(Locale.ROOT, "%-20s %.2f%% +- %.2f%% (mean +- std over %d chip%s)%n", "simulated top-1:",
        100 * a.simulatedTop1Mean(), 100 * a.simulatedTop1Std(), chips, chips == 1 ? "" : "s"));
    sb.append(String.format(Locale.ROOT, "%-20s %.2f%%%n", "agreement:", 100 * a.agreement()));
    sb.append(String.format(Locale.ROOT, "%-20s %.4g (class scores vs FP32)%n", "logit NMSE:", f.logitNmse()));
    sb.append(String.format(Locale.ROOT, "%-20s %.6g uJ (one inference, batch 1)%n", "energy/inference:",
        single.energyPerInferenceUj()));
    sb.append(String.format(Locale.ROOT, "%-20s %.6g us (one inference, batch 1)%n", "latency:", single.latencyUs()));
    if (single.reprogramming() != null) {
      sb.append(String.format(Locale.ROOT, "%-20s %s, on chip %s (included above)%n", "reprogramming:",
          ancc.compiler.report.ReprogrammingInfo.of(single.reprogramming(), c.chip()).text(),
          single.reprogramming().physical().name()));
    }
    Throughput t = Throughput.of(batch);
    sb.append(String.format(Locale.ROOT, "%-20s %.6g inferences/s, %.6g uJ per inference (batch of %d)%n",
        "throughput:", t.inferencesPerS(), t.energyPerInferenceUj(), t.batch()));
    return sb.toString();
  }

  /** "seeds 3..7, drift 1h" style text of the noise-relevant settings. */
  private static String seeds(Options o) {
    String s = o.chips() == 1 ? "seed " + o.seed() : "seeds " + o.seed() + ".." + (o.seed() + o.chips() - 1);
    if (o.driftSeconds() > 0) {
      s += ", drift " + DriftTime.format(o.driftSeconds()) + (o.driftCompensation() ? "" : " uncompensated");
    }
    return s;
  }
}
