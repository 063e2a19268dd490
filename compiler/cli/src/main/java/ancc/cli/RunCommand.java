package ancc.cli;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReportWriter;
import ancc.compiler.report.SimulationInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ancc run MODEL.onnx|COMPILED_DIR --input [NAME=]FILE ... -o OUT.npy | --output-dir DIR
 * --mode reference|ideal|analog [--json FILE]}: the FP32 reference interpreter, or the compiled
 * program on the simulated chip (an ONNX model is compiled on the fly).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    abbreviateSynopsis = true,
    versionProvider = Main.Version.class,
    description = {
      "Run a model on the given inputs: the FP32 reference interpreter (--mode reference), or the compiled"
          + " program on the simulated chip (--mode ideal: exact devices and converters; --mode analog: the chip's"
          + " device and circuit models). An ONNX model is compiled on the fly; a folder written by 'ancc compile'"
          + " is run as compiled.",
      "Inputs are .npy or ONNX TensorProto .pb files; an input without NAME= binds to the next graph"
          + " input not bound by name, in graph order.",
      "Outputs are written as .npy files, all or nothing."
    })
final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx|COMPILED_DIR",
      description = "The ONNX model, or a folder written by 'ancc compile'.")
  Path model;

  @Option(names = {"-i", "--input"}, paramLabel = "[NAME=]FILE",
      description = "An input tensor (.npy or .pb), for graph input NAME or the next unbound one. Repeatable.")
  List<String> inputs = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.npy", description = "Write the first graph output here.")
  Path output;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Write every graph output to DIR/NAME.npy (NAME sanitized; DIR is created).")
  Path outputDir;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "reference", converter = Mode.Converter.class,
      completionCandidates = Mode.Candidates.class,
      description = "How to execute: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, the FP32 interpreter).")
  Mode mode;

  @Mixin
  SimulationOptions sim;

  private String chipName;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write a JSON report (schema ancc-report/1) of the simulated run; needs --mode ideal|analog.")
  Path json;

  @Mixin
  FrontendOptions frontend;

  @Override
  public Integer call() throws Exception {
    if (output == null && outputDir == null) {
      throw new ParameterException(spec.commandLine(), "no output: give -o OUT.npy or --output-dir DIR (or both)");
    }
    if (output != null) {
      OutputFiles.requireWritableTarget(output);
    }
    if (outputDir != null) {
      OutputFiles.requireUsableDir(outputDir);
    }
    checkModeOptions();
    if (json != null) {
      ReportWriter.requireWritable(json);
    }
    PrintWriter err = spec.commandLine().getErr();
    Timings timings = new Timings();
    CompiledModel compiled = mode.simulates() ? ModelLoader.load(model, sim, frontend, err, timings) : null;
    chipName = compiled == null ? null : compiled.chip().name();
    Module m = compiled != null ? compiled.module() : reference(err, timings);
    if (m.outputs().isEmpty()) {
      throw new InvalidInputException(model + ": the model has no graph outputs");
    }
    InputBinder.Bound bound = timings.time("read inputs", () -> new InputBinder(m, model).bind(inputs));
    Map<String, Tensor> results = timings.time("run (" + mode.label() + ")", () -> compiled == null
        ? new Interpreter().run(m, bound.inputs()) : compiled.simulate(bound.inputs(), simOptions()));
    long runNanos = timings.lastNanos();
    Report report = json == null ? null : timings.time("report", () -> report(compiled, bound));

    OutputFiles files = new OutputFiles();
    Value first = m.outputs().get(0);
    if (output != null) {
      files.add(output, results.get(first.name()));
    }
    List<Path> dirFiles = new ArrayList<>();
    if (outputDir != null) {
      for (Value v : m.outputs()) {
        dirFiles.add(files.addToDir(outputDir, v.name(), results.get(v.name())));
      }
    }
    timings.time("write outputs", () -> {
      files.writeAll();
      if (report != null) {
        ReportWriter.write(report, json);
      }
      return null;
    });

    err.println(summary(m, bound, results.get(first.name()), runNanos, dirFiles));
    if (frontend.timing) {
      timings.print(err);
    }
    err.flush();
    return ErrorReporter.OK;
  }

  /** The simulator options have a meaning only in the simulating modes: reject them otherwise. */
  private void checkModeOptions() {
    if (mode.simulates()) {
      return;
    }
    List<String> simulatorOnly = new ArrayList<>(List.of("--chip", "--placement", "--calibration", "--seed",
        "--drift-time", "--no-drift-compensation", "--json"));
    simulatorOnly.addAll(PartitionFlags.OPTIONS);
    for (String opt : simulatorOnly) {
      if (spec.commandLine().getParseResult().hasMatchedOption(opt)) {
        throw new ParameterException(spec.commandLine(), opt + " needs --mode ideal or analog");
      }
    }
  }

  /** The reference graph: the ONNX model imported and canonicalized, or a compiled folder's graph IR. */
  private Module reference(PrintWriter err, Timings timings) throws Exception {
    if (Files.isDirectory(model)) {
      return timings.time("read graph IR", () -> CompiledModel.readFolder(model, sim.chip).module());
    }
    return Frontend.load(model, frontend, err, timings);
  }

  private SimOptions simOptions() {
    SimOptions.Mode m = mode == Mode.IDEAL ? SimOptions.Mode.IDEAL : SimOptions.Mode.ANALOG;
    return new SimOptions(m, sim.seed, sim.driftSeconds, !sim.noDriftCompensation);
  }

  private Report report(CompiledModel compiled, InputBinder.Bound bound) {
    Long batch = batchSize(compiled.module(), bound);
    long b = batch == null || batch < 1 ? 1 : batch;
    SimulationInfo info = new SimulationInfo(mode.label(), sim.seed, 1, sim.driftSeconds, !sim.noDriftCompensation, b);
    return CostReport.of(compiled, b).report("run", info, null);
  }

  /** One line: model, batch, mode, time and what was written. */
  private String summary(Module m, InputBinder.Bound bound, Tensor firstOut, long runNanos, List<Path> dirFiles) {
    StringBuilder sb = new StringBuilder("ancc: ran ").append(model.getFileName());
    Long batch = batchSize(m, bound);
    if (batch != null) {
      sb.append(" on a batch of ").append(batch);
    }
    String how = mode.simulates() ? mode.label() + " on chip " + chipName + ", " + sim.describe() : mode.label();
    sb.append(String.format(Locale.ROOT, " (%s) in %.1f ms; wrote ", how, runNanos / 1e6));
    List<String> wrote = new ArrayList<>();
    if (output != null) {
      wrote.add(output + " (" + m.outputs().get(0).name() + " " + firstOut.type() + ")");
    }
    if (outputDir != null) {
      wrote.add(dirFiles.size() + " output(s) to " + outputDir);
    }
    if (json != null) {
      wrote.add("report " + json);
    }
    return sb.append(String.join(" and ", wrote)).toString();
  }

  /** The size bound to the first symbolic dim, else the leading dim of the first input, if any. */
  private static Long batchSize(Module m, InputBinder.Bound bound) {
    if (!bound.symbols().isEmpty()) {
      return bound.symbols().values().iterator().next();
    }
    if (!m.inputs().isEmpty()) {
      Tensor t = bound.inputs().get(m.inputs().get(0).name());
      if (t.rank() > 0) {
        return t.dim(0);
      }
    }
    return null;
  }
}
