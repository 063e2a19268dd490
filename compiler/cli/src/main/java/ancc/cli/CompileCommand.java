package ancc.cli;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.report.CostReport;
import ancc.compiler.driver.Artifacts;
import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionReports;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.partition.Partitioner;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReportWriter;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
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
 * {@code ancc compile MODEL.onnx [--chip NAME|FILE] [--placement P] [--budget PCT] [--calib FILE] [-o DIR]}:
 * compiles a model for a chip (placing layers by the partitioner for {@code auto}, {@code auto-greedy}
 * or when {@code --calib} is given, else by the fixed rule), writes the graph IR with placements and
 * the program (all or nothing), and prints a per-layer summary and the partitioner's table.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = {
      "Compile an ONNX model for a chip: import and canonicalize it, place every layer on a tile kind,"
          + " map the weights onto crossbars or SRAM macros, place the arrays on the mesh, and emit the program.",
      "Writes DIR/MODEL.air (graph IR with placements) + MODEL.air.bin, and DIR/MODEL.xbp (program) +"
          + " MODEL.xbp.bin, all or nothing, then prints a summary per layer and totals.",
      "Exit code 4 when the model does not fit the chip, or when no partition meets --budget."
    })
final class CompileCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
  Path model;

  @Option(names = "--chip", paramLabel = "NAME|FILE", defaultValue = "default",
      description = "A chip preset (see 'ancc chips') or a .yaml/.yml chip file (default: ${DEFAULT-VALUE}).")
  String chip;

  @Option(names = "--placement", paramLabel = "PLACEMENT", defaultValue = "auto",
      converter = PartitionFlags.StrategyConverter.class, completionCandidates = PartitionFlags.Strategies.class,
      description = "Where array-mappable layers go: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}):"
          + " auto chooses per layer from measured sensitivities within --budget; every other op runs on"
          + " digital tiles.")
  String placement;

  @Mixin
  PartitionFlags partition;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Partitioner: seed of the first simulated chip instance (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--calibration", paramLabel = "FILE.npy",
      description = "A batch for the model's input to set quantizer and ADC ranges"
          + " (default: 16 seeded standard-normal samples).")
  Path calibration;

  @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
      description = "Folder for the outputs, created if missing (default: ./MODEL-CHIP, e.g. ./lenet-default).")
  Path outputDir;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write a JSON report (schema ancc-report/1): layers, timing and energy of one inference.")
  Path json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Frontend.requireFile(model);
    Chip target = Chips.resolve(chip);
    String base = baseName(model);
    Path dir = outputDir != null ? outputDir : Path.of(OutputFiles.sanitize(base + "-" + target.name()));
    OutputFiles.requireUsableDir(dir);
    if (json != null) {
      ReportWriter.requireWritable(json);
    }
    CalibrationSource cal = calibration == null ? CalibrationSource.synthetic()
        : new CalibrationSource.NpyFile(calibration);
    Compilation c;
    PartitionSummary summary = null;
    String calText = cal.describe();
    if (partition.partitions(placement)) {
      if (calibration != null) {
        throw new InvalidInputException(calibration + ": --calibration applies to fixed placements without --calib;"
            + " the partitioner takes its ranges from --calib");
      }
      Module canonical = Compiler.frontend(model);
      PartitionOptions opts = partition.options(placement, seed);
      PartitionResult r = Partitioner.run(canonical, target, opts, partition.calibration(canonical),
          partition.progress(err));
      c = r.compilation();
      summary = r.summary();
      calText = partition.calib == null ? "synthetic (" + summary.calibrationSamples() + " samples, seed " + seed
          + "; NOT meaningful)" : partition.calib + " (" + summary.calibrationSamples() + " samples)";
    } else {
      c = Compiler.compile(model, target, placement, cal);
    }
    Artifacts files = Artifacts.render(c, base);
    List<Path> written = CompileOutputs.write(files, dir);
    out.print(CompileSummary.format(c, files, model.getFileName().toString(), calText));
    if (summary != null) {
      out.print(PartitionTable.format(summary));
    }
    out.flush();
    err.println("ancc: wrote " + dir + ": "
        + String.join(", ", written.stream().map(f -> f.getFileName().toString()).toList()));
    if (json != null) {
      Report report = CostReport.of(CompiledModel.of(model, c), 1).report("compile", null, null);
      ReportWriter.write(summary == null ? report : PartitionReports.attach(report, summary), json);
      err.println("ancc: wrote report " + json);
    }
    err.flush();
    return ErrorReporter.OK;
  }

  /** The model file name without its {@code .onnx} extension. */
  static String baseName(Path model) {
    return CompiledModel.baseName(model);
  }

  /** The placements, for help and completion (every strategy). */
  static final class Placements extends PartitionFlags.Strategies {}

  /** Accepts a placement name in any case; anything else is a usage error listing the choices. */
  static final class PlacementConverter extends PartitionFlags.StrategyConverter {}
}
