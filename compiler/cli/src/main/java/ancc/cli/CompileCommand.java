package ancc.cli;

import ancc.compiler.driver.Artifacts;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.partition.PartitionReports;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ancc compile MODEL [--chip NAME|FILE] [--placement P] [--budget PCT] [--calib FILE] [-o DIR]}:
 * compiles a model for a chip on the one pipeline (import or read, canonicalize, partition, calibrate,
 * lower), writes the graph IR with placements and the program (all or nothing), and prints a per-layer
 * summary and the partitioner's table.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = {
      "Compile a model for a chip: import and canonicalize it (or read a .air), place every layer on a tile kind,"
          + " map the weights onto crossbars or SRAM macros, place the arrays on the mesh, and emit the program.",
      "Writes DIR/MODEL.air (graph IR with placements) + MODEL.air.bin, and DIR/MODEL.xbp (program) +"
          + " MODEL.xbp.bin, all or nothing, then prints a summary per layer and totals.",
      "Exit code 4 when the model does not fit the chip, or when no partition meets --budget."
    })
final class CompileCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx|MODEL.air", description = "The model: ONNX or textual graph IR.")
  Path model;

  @Mixin
  ChipOption chip;

  @Mixin
  PlacementOptions placement;

  @Mixin
  InstanceOptions instances;

  @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
      description = "Folder for the outputs, created if missing (default: ancc-out/MODEL).")
  Path outputDir;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write a JSON report (schema ancc-report/2): layers, timing and energy of one inference.")
  Path json;

  @Mixin
  DiagnosticOptions diagnostics;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Options o = Commands.build(spec, Options.builder().chip(chip.chip), placement, instances, diagnostics);
    Pipeline p = Commands.pipeline(spec, o, diagnostics, false);
    Pipeline.requireFile(model);
    String base = CompiledModel.baseName(model);
    Path dir = outputDir != null ? outputDir : Path.of("ancc-out", OutputFiles.sanitize(base));
    OutputFiles.requireUsableDir(dir);
    if (json != null) {
      ReportWriter.requireWritable(json);
    }
    p.chip();
    Compilation c = p.compile(p.load(model), false);
    PartitionSummary summary = p.partition().orElse(null);
    Artifacts files = p.timed("emit", () -> Artifacts.render(c, base));
    List<Path> written = p.timed("write", () -> CompileOutputs.write(files, dir));
    out.print(CompileSummary.format(c, files, model.getFileName().toString(), calibrationText(p, summary)));
    Commands.notes(p, err);
    if (summary != null) {
      out.print(PartitionTable.format(summary));
    }
    p.solvedPartition().ifPresent(s -> out.print(PartitionTable.format(s)));
    out.flush();
    err.println("ancc: wrote " + dir + ": "
        + String.join(", ", written.stream().map(f -> f.getFileName().toString()).toList()));
    if (json != null) {
      CostReport one = p.costs(CompiledModel.of(model, c), 1);
      Report report = one.report("compile", null, null);
      ReportWriter.write(summary == null ? report : PartitionReports.attach(report, summary), json);
      err.println("ancc: wrote report " + json);
    }
    Commands.timings(p, diagnostics, err);
    err.flush();
    return ErrorReporter.OK;
  }

  /** Where the quantizer ranges came from; synthetic data under the partitioner is flagged as not meaningful. */
  private static String calibrationText(Pipeline p, PartitionSummary summary) {
    String source = p.calibration().map(cal -> cal.source()).orElse("none");
    return summary != null && summary.syntheticCalibration() ? source + "; NOT meaningful for the partition" : source;
  }
}
