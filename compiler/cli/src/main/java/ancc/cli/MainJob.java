package ancc.cli;

import ancc.cli.job.Stages;
import ancc.cli.job.SummaryTable;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Options;
import ancc.compiler.job.JobOutputs;
import ancc.compiler.job.JobResult;
import ancc.compiler.job.JobRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code ancc MODEL [OPTIONS]}: the whole job on one model ({@link JobRunner} in compiler/core), its
 * files written all or nothing ({@link JobOutputs}), the summary table on stdout and the report's
 * path on stderr.
 */
final class MainJob {
  private MainJob() {}

  static int run(Main m) throws Exception {
    CommandLine cl = m.spec.commandLine();
    PrintWriter out = cl.getOut();
    PrintWriter err = cl.getErr();
    if ((m.data.images == null) != (m.data.labels == null)) {
      throw new ParameterException(cl, m.data.images == null ? "--labels needs --images" : "--images needs --labels");
    }
    Options.Builder b = Options.builder().chip(m.chip.chip).sweeps(!m.noSweeps);
    if (m.sweepSamples != null) {
      b.sweepSamples(m.sweepSamples);
    }
    Options options = Commands.build(m.spec, b, m.placement, m.data, m.instances, m.diagnostics);
    Path model = m.model;
    ancc.compiler.driver.Pipeline.requireFile(model);
    String base = CompiledModel.baseName(model);
    Path dir = m.outputDir != null ? m.outputDir : Path.of("ancc-out", OutputFiles.sanitize(base));
    JobOutputs.requireUsableDir(dir);
    Stages stages = Stages.of(m.diagnostics.quiet, m.terminal(), err, System.err);
    JobResult result = JobRunner.run(model, options, stages, text -> {
      err.print(text);
      err.flush();
    });
    Stages.Stage st = stages.start("write", 0);
    Map<Path, ancc.runtime.io.StagedFiles.Content> files = JobOutputs.render(result, dir);
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
    if (m.diagnostics.timings) {
      Timings.print(result.timings(), err);
    }
    err.flush();
    return ErrorReporter.OK;
  }
}
