package ancc.cli;

import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.ir.graph.Module;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ancc import MODEL.onnx [-o OUT.air]}: prints or writes the canonicalized graph IR. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    abbreviateSynopsis = true,
    versionProvider = Main.Version.class,
    description = {
      "Import an ONNX model, canonicalize it and print its graph IR.",
      "Without -o the IR goes to stdout with large constants elided (display only);"
          + " with -o it is written as OUT.air plus the OUT.air.bin weights sidecar, which parse back."
    })
final class ImportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
  Path model;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.air", description = "Write the IR to this file (and OUT.air.bin).")
  Path output;

  @Option(names = "--no-canonicalize", description = "Skip the canonicalization passes (the imported IR is still verified).")
  boolean noCanonicalize;

  @Mixin
  DiagnosticOptions diagnostics;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (output != null) {
      OutputFiles.requireWritableTarget(output);
    }
    Pipeline p = Commands.pipeline(spec, Commands.build(spec, Options.builder(), diagnostics), diagnostics, false);
    Module imported = p.importOnnx(model);
    Module m = noCanonicalize ? imported : p.canonicalize(imported, model);
    Commands.emitIr(p, m, output, out, err);
    Commands.timings(p, diagnostics, err);
    err.flush();
    return ErrorReporter.OK;
  }
}
