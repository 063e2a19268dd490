package ancc.cli;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReportWriter;
import ancc.compiler.report.SimulationInfo;
import ancc.compiler.report.Throughput;
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

  @Parameters(index = "0", paramLabel = "MODEL.onnx|MODEL.air|COMPILED_DIR",
      description = "The model (ONNX or textual graph IR), or a folder written by 'ancc compile'.")
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
  ChipOption chip;

  @Mixin
  PlacementOptions placement;

  @Mixin
  InstanceOptions instances;

  @Mixin
  ReadOptions read;

  private String chipName;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write a JSON report (schema ancc-report/2) of the simulated run; needs --mode ideal|analog.")
  Path json;

  @Mixin
  DiagnosticOptions diagnostics;

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
    Options.Builder b = Options.builder().chip(chip.chip);
    if (mode.simulates()) {
      b.mode(mode == Mode.IDEAL ? SimOptions.Mode.IDEAL : SimOptions.Mode.ANALOG);
    }
    Pipeline p = Commands.pipeline(spec, Commands.build(spec, b, placement, instances, read, diagnostics), diagnostics,
        false);
    Commands.rejectPlacementOptions(spec, model);
    if (mode.simulates() && !Files.isDirectory(model)) {
      p.chip();
    }
    CompiledModel compiled = mode.simulates() ? p.compile(model) : null;
    Commands.partitionTable(p, err);
    Commands.notes(p, err);
    chipName = compiled == null ? null : compiled.chip().name();
    Module m = compiled != null ? compiled.module() : reference(p);
    if (m.outputs().isEmpty()) {
      throw new InvalidInputException(model + ": the model has no graph outputs");
    }
    InputBinder.Bound bound = p.timed("read-inputs", () -> new InputBinder(m, model).bind(inputs));
    long t0 = System.nanoTime();
    Map<String, Tensor> results = p.timed("run-" + mode.label(), () -> compiled == null
        ? new Interpreter().run(m, bound.inputs()) : p.simulate(compiled, bound.inputs(), 0));
    long runNanos = System.nanoTime() - t0;
    Report report = json == null ? null : p.timed("report", () -> report(p, compiled, bound));

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
    p.timed("write", () -> {
      files.writeAll();
      if (report != null) {
        ReportWriter.write(report, json);
      }
      return null;
    });

    err.println(summary(p.options(), m, bound, results.get(first.name()), runNanos, dirFiles));
    Commands.timings(p, diagnostics, err);
    err.flush();
    return ErrorReporter.OK;
  }

  /** The options that have a meaning only when simulating. */
  static final List<String> SIMULATOR_ONLY = List.of("--chip", "--placement", "--budget", "--granularity", "--calib",
      "--calib-labels", "--calib-samples", "--normalize", "--cache-dir", "--sensitivities", "--seed", "--chips",
      "--drift-time", "--no-drift-compensation", "--json", "--scale-to-fit", "--reprogram");

  /** The simulator options have a meaning only in the simulating modes: reject them otherwise. */
  private void checkModeOptions() {
    if (mode.simulates()) {
      return;
    }
    for (String opt : SIMULATOR_ONLY) {
      if (spec.commandLine().getParseResult().hasMatchedOption(opt)) {
        throw new ParameterException(spec.commandLine(), opt + " needs --mode ideal or analog");
      }
    }
  }

  /** The reference graph: the model loaded (ONNX imported and canonicalized, or .air read), or a compiled folder's. */
  private Module reference(Pipeline p) {
    if (Files.isDirectory(model)) {
      return p.timed("read-ir", () -> CompiledModel.readFolder(model, chip.chip).module());
    }
    return p.load(model);
  }

  /** One inference at batch 1, and the run's batch as throughput figures. */
  private Report report(Pipeline p, CompiledModel compiled, InputBinder.Bound bound) {
    Long batch = batchSize(compiled.module(), bound);
    long b = batch == null || batch < 1 ? 1 : batch;
    Options o = p.options();
    SimulationInfo info = new SimulationInfo(mode.label(), o.seed(), 1, o.driftSeconds(), o.driftCompensation(), b);
    Report r = Commands.withPartition(p, p.costs(compiled, 1).report("run", info, null));
    return b == 1 ? r : r.withThroughput(Throughput.of(p.costs(compiled, b)));
  }

  /** One line: model, batch, mode, time and what was written. */
  private String summary(Options o, Module m, InputBinder.Bound bound, Tensor firstOut, long runNanos,
      List<Path> dirFiles) {
    StringBuilder sb = new StringBuilder("ancc: ran ").append(model.getFileName());
    Long batch = batchSize(m, bound);
    if (batch != null) {
      sb.append(" on a batch of ").append(batch);
    }
    String how = mode.simulates() ? mode.label() + " on chip " + chipName + ", " + describe(o) : mode.label();
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

  /** "seed 3, drift 1h" style text of the noise-relevant settings. */
  static String describe(Options o) {
    String s = "seed " + o.seed();
    if (o.driftSeconds() > 0) {
      s += ", drift " + DriftTime.format(o.driftSeconds()) + (o.driftCompensation() ? "" : " uncompensated");
    }
    return s;
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
