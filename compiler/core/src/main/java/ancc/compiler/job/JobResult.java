package ancc.compiler.job;

import ancc.compiler.driver.Artifacts;
import ancc.compiler.pass.PassTiming;
import ancc.compiler.report.Report;
import ancc.compiler.report.html.ReportData;
import java.util.List;

/**
 * What the main job produced: the report's data (JSON report and the extras the HTML shows), the
 * rendered IR and program files, and the wall time of each step and stage.
 *
 * @param baseName the model's file name without {@code .onnx}, which names the IR and program files
 */
public record JobResult(ReportData data, Artifacts artifacts, String baseName, List<PassTiming> timings) {
  public JobResult {
    timings = List.copyOf(timings);
  }

  public Report report() {
    return data.report();
  }
}
