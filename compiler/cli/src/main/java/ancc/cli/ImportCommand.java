package ancc.cli;

import ancc.ir.graph.Module;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import java.io.PrintWriter;
import java.nio.file.Files;
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

  @Mixin
  FrontendOptions frontend;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Timings timings = new Timings();
    if (output != null) {
      OutputFiles.requireWritableTarget(output);
    }
    Module m = Frontend.load(model, frontend, err, timings);
    if (output == null) {
      String text = timings.time("print", () -> IrPrinter.print(m, IrPrinter.Options.DEFAULT.withElide(true), null));
      out.print(text);
      out.flush();
    } else {
      timings.time("write", () -> {
        IrFiles.write(m, output);
        return null;
      });
      Path sidecar = IrFiles.sidecarPath(output);
      err.println("ancc: wrote " + output + (Files.exists(sidecar) ? " and " + sidecar : "")
          + " (" + m.nodes().size() + " nodes, " + m.constants().size() + " constants)");
    }
    if (frontend.timing) {
      timings.print(err);
    }
    err.flush();
    return ErrorReporter.OK;
  }
}
