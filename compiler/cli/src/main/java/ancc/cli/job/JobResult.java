package ancc.cli.job;

import ancc.compiler.report.html.ReportData;
import ancc.compiler.driver.Artifacts;
import ancc.compiler.report.Report;

/**
 * What the main job produced: the report's data (JSON report and the extras the HTML shows) and
 * the rendered IR and program files.
 *
 * @param baseName the model's file name without {@code .onnx}, which names the IR and program files
 */
public record JobResult(ReportData data, Artifacts artifacts, String baseName) {
  public Report report() {
    return data.report();
  }
}
