package ancc.cli;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.eval.Dataset;
import ancc.compiler.eval.Evaluator;
import ancc.compiler.report.Accuracy;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.ReportWriter;
import ancc.compiler.report.SimulationInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
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
 * {@code ancc eval MODEL.onnx|COMPILED_DIR --images FILE --labels FILE [--samples N] [--chips K]
 * [--seed N] [--drift-time T] [--json FILE]}: top-1 accuracy of the FP32 reference and of K
 * simulated chip instances (seeds seed .. seed+K-1), their agreement, energy per inference and
 * latency.
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
  /** Images per simulated batch when the model's batch dimension is symbolic. */
  static final int CHUNK = 256;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx|COMPILED_DIR",
      description = "The ONNX model, or a folder written by 'ancc compile'.")
  Path model;

  @Option(names = "--images", required = true, paramLabel = "FILE", description = "Images: .npy or IDX (.gz ok).")
  Path images;

  @Option(names = "--labels", required = true, paramLabel = "FILE",
      description = "Integer labels, one per image: .npy or IDX (.gz ok).")
  Path labels;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "0",
      description = "Evaluate the first N images (default: all).")
  int samples;

  @Option(names = "--chips", paramLabel = "K", defaultValue = "1",
      description = "Chip instances to simulate, seeds seed .. seed+K-1 (default: ${DEFAULT-VALUE}).")
  int chips;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "analog", converter = Mode.Converter.class,
      description = "ideal or analog (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--normalize", paramLabel = "MEAN,STD", converter = NormalizeConverter.class,
      description = "After scaling integer pixels to [0,1], map x to (x-MEAN)/STD, e.g. 0.2860,0.3530 for"
          + " Fashion-MNIST (default: none).")
  Dataset.Normalize normalize;

  @Option(names = "--no-progress", description = "No progress display on stderr.")
  boolean noProgress;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write a JSON report (schema ancc-report/1).")
  Path json;

  @Mixin
  SimulationOptions sim;

  @Override
  public Integer call() throws Exception {
    if (!mode.simulates()) {
      throw new ParameterException(spec.commandLine(), "--mode must be ideal or analog");
    }
    if (samples < 0 || chips < 1) {
      throw new ParameterException(spec.commandLine(), samples < 0 ? "--samples must be >= 0, got " + samples
          : "--chips must be >= 1, got " + chips);
    }
    if (json != null) {
      ReportWriter.requireWritable(json);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Timings timings = new Timings();
    CompiledModel compiled = ModelLoader.load(model, sim, new FrontendOptions(), err, timings);
    Module m = compiled.module();
    if (m.inputs().size() != 1 || m.outputs().isEmpty()) {
      throw new InvalidInputException(model + ": eval needs a model with one input and a class-score output; it has "
          + m.inputs().size() + " input(s) and " + m.outputs().size() + " output(s)");
    }
    Value input = m.inputs().get(0);
    Value output = m.outputs().get(0);
    Dataset data = Dataset.load(images, labels, normalize, samples, input.type());
    int n = data.size();
    boolean fixedBatch = input.type().dim(0) instanceof Dim.Fixed;
    int chunk = fixedBatch ? (int) ((Dim.Fixed) input.type().dim(0)).size() : Math.min(CHUNK, n);
    if (fixedBatch && n % chunk != 0) {
      throw new InvalidInputException(model + ": its input " + input.type() + " takes batches of " + chunk
          + "; give --samples as a multiple of " + chunk);
    }

    CostReport costs = timings.time("timing and energy", () -> CostReport.of(compiled, chunk));
    Progress progress = new Progress(err, !noProgress, (long) n * (chips + 1));
    int[] reference = Evaluator.classes(data, chunk, input.name(), output.name(), x -> new Interpreter().run(m, x),
        done -> progress.advance(done, "reference"));
    progress.finished(String.format(Locale.ROOT, "reference: top-1 %.2f%%",
        100 * Evaluator.top1(reference, data.labels())));
    List<Accuracy.ChipAccuracy> perChip = new ArrayList<>();
    for (int k = 0; k < chips; k++) {
      long seed = sim.seed + k;
      SimOptions options = new SimOptions(mode == Mode.IDEAL ? SimOptions.Mode.IDEAL : SimOptions.Mode.ANALOG, seed,
          sim.driftSeconds, !sim.noDriftCompensation);
      String label = "chip " + (k + 1) + "/" + chips + " (seed " + seed + ")";
      int[] predicted = Evaluator.classes(data, chunk, input.name(), output.name(),
          x -> compiled.simulate(x, options), done -> progress.advance(done, label));
      Accuracy.ChipAccuracy c = new Accuracy.ChipAccuracy(seed, Evaluator.top1(predicted, data.labels()),
          Evaluator.agreement(predicted, reference));
      perChip.add(c);
      progress.finished(String.format(Locale.ROOT, "%s: top-1 %.2f%%, agreement %.2f%%", label, 100 * c.top1(),
          100 * c.agreement()));
    }
    progress.close();
    Accuracy accuracy = Accuracy.of(n, Evaluator.top1(reference, data.labels()), perChip);
    out.print(summary(compiled, n, accuracy, costs));
    out.flush();
    if (json != null) {
      SimulationInfo info = new SimulationInfo(mode.label(), sim.seed, chips, sim.driftSeconds,
          !sim.noDriftCompensation, chunk);
      ReportWriter.write(costs.report("eval", info, accuracy), json);
      err.println("ancc: wrote report " + json);
      err.flush();
    }
    return ErrorReporter.OK;
  }

  private String summary(CompiledModel c, int n, Accuracy a, CostReport costs) {
    StringBuilder sb = new StringBuilder();
    sb.append(model.getFileName()).append(" on chip ").append(c.chip().name());
    if (c.placement() != null) {
      sb.append(", placement ").append(c.placement());
    }
    sb.append(", ").append(mode.label()).append(", ").append(n).append(" samples, ").append(chips)
        .append(chips == 1 ? " chip" : " chips").append(" (").append(sim.describe(chips)).append(")\n");
    sb.append(String.format(Locale.ROOT, "%-20s %.2f%%%n", "reference top-1:", 100 * a.referenceTop1()));
    sb.append(String.format(Locale.ROOT, "%-20s %.2f%% +- %.2f%% (mean +- std over %d chip%s)%n", "simulated top-1:",
        100 * a.simulatedTop1Mean(), 100 * a.simulatedTop1Std(), chips, chips == 1 ? "" : "s"));
    sb.append(String.format(Locale.ROOT, "%-20s %.2f%%%n", "agreement:", 100 * a.agreement()));
    sb.append(String.format(Locale.ROOT, "%-20s %.6g uJ%n", "energy/inference:", costs.energyPerInferenceUj()));
    sb.append(String.format(Locale.ROOT, "%-20s %.6g us%n", "latency:", costs.latencyUs()));
    sb.append(String.format(Locale.ROOT, "%-20s %.6g inferences/s%n", "throughput:", costs.timing().throughput()));
    return sb.toString();
  }
}
