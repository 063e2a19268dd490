package ancc.cli;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
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

/** {@code ancc run MODEL.onnx --input [NAME=]FILE ... -o OUT.npy | --output-dir DIR --mode reference}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    abbreviateSynopsis = true,
    versionProvider = Main.Version.class,
    description = {
      "Import an ONNX model, canonicalize it and run it on the given inputs.",
      "Inputs are .npy or ONNX TensorProto .pb files; an input without NAME= binds to the next graph"
          + " input not bound by name, in graph order.",
      "Outputs are written as .npy files, all or nothing."
    })
final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
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
    PrintWriter err = spec.commandLine().getErr();
    Timings timings = new Timings();
    Module m = Frontend.load(model, frontend, err, timings);
    if (m.outputs().isEmpty()) {
      throw new InvalidInputException(model + ": the model has no graph outputs");
    }
    InputBinder.Bound bound = timings.time("read inputs", () -> new InputBinder(m, model).bind(inputs));
    Map<String, Tensor> results = timings.time("run (" + mode.label() + ")", () -> execute(m, bound.inputs()));
    long runNanos = timings.lastNanos();

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
      return null;
    });

    err.println(summary(m, bound, results.get(first.name()), runNanos, dirFiles));
    if (frontend.timing) {
      timings.print(err);
    }
    err.flush();
    return ErrorReporter.OK;
  }

  private Map<String, Tensor> execute(Module m, Map<String, Tensor> in) {
    return switch (mode) {
      case REFERENCE -> new Interpreter().run(m, in);
    };
  }

  /** One line: model, batch, mode, time and what was written. */
  private String summary(Module m, InputBinder.Bound bound, Tensor firstOut, long runNanos, List<Path> dirFiles) {
    StringBuilder sb = new StringBuilder("ancc: ran ").append(model.getFileName());
    Long batch = batchSize(m, bound);
    if (batch != null) {
      sb.append(" on a batch of ").append(batch);
    }
    sb.append(String.format(Locale.ROOT, " (%s) in %.1f ms; wrote ", mode.label(), runNanos / 1e6));
    List<String> wrote = new ArrayList<>();
    if (output != null) {
      wrote.add(output + " (" + m.outputs().get(0).name() + " " + firstOut.type() + ")");
    }
    if (outputDir != null) {
      wrote.add(dirFiles.size() + " output(s) to " + outputDir);
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
