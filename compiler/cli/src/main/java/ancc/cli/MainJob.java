package ancc.cli;

import ancc.cli.job.JobOutputs;
import ancc.cli.job.JobResult;
import ancc.cli.job.JobRunner;
import ancc.cli.job.JobSpec;
import ancc.cli.job.Stages;
import ancc.cli.job.SummaryTable;
import ancc.compiler.driver.CompiledModel;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code ancc MODEL.onnx [OPTIONS]}: the whole job on one model ({@link JobRunner}), its files
 * written all or nothing ({@link JobOutputs}), the summary table on stdout and the report's path on
 * stderr.
 */
final class MainJob {
  private MainJob() {}

  static int run(CommandLine cl, Path model, JobOptions o, boolean terminal, PrintStream terminalStream)
      throws Exception {
    PrintWriter out = cl.getOut();
    PrintWriter err = cl.getErr();
    if ((o.images == null) != (o.labels == null)) {
      throw new ParameterException(cl, o.images == null ? "--labels needs --images" : "--images needs --labels");
    }
    if (o.samples < 0 || o.chips < 1 || o.sweepSamples < 1 || o.calibSamples < 1) {
      throw new ParameterException(cl, o.samples < 0 ? "--samples must be >= 0, got " + o.samples
          : o.chips < 1 ? "--chips must be >= 1, got " + o.chips
          : o.calibSamples < 1 ? "--calib-samples must be >= 1, got " + o.calibSamples
          : "--sweep-samples must be >= 1, got " + o.sweepSamples);
    }
    if (o.calibLabels != null && o.calib == null) {
      throw new ParameterException(cl, "--calib-labels needs --calib");
    }
    Frontend.requireFile(model);
    String base = CompiledModel.baseName(model);
    Path dir = o.outputDir != null ? o.outputDir : Path.of("ancc-out", OutputFiles.sanitize(base));
    JobOutputs.requireUsableDir(dir);
    JobSpec spec = new JobSpec(model, dir, o.chip, o.images, o.labels, o.calib, o.calibLabels, o.normalize,
        o.samples, o.chips, o.seed, o.budgetPercent, o.strategy, "kernel".equals(o.granularity), o.calibSamples,
        o.sweepSamples, !o.noSweeps, o.cacheDir);
    Stages stages = Stages.of(o.quiet, terminal, err, terminalStream);
    JobResult result = JobRunner.run(spec, stages);
    Stages.Stage st = stages.start("write", 0);
    Map<Path, byte[]> files = JobOutputs.render(result, dir);
    List<Path> written = JobOutputs.write(files, dir);
    for (Path stale : result.artifacts().staleSidecars(dir)) {
      Files.deleteIfExists(stale);
    }
    st.done(written.size() + " files in " + dir);
    out.print(SummaryTable.format(result.data()));
    out.println("report: " + dir.resolve(JobOutputs.HTML));
    out.flush();
    err.println("ancc: wrote " + dir + ": "
        + String.join(", ", written.stream().map(f -> f.getFileName().toString()).toList()));
    err.flush();
    return ErrorReporter.OK;
  }
}
