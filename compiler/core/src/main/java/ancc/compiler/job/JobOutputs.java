package ancc.compiler.job;

import ancc.compiler.report.html.HtmlReport;
import ancc.compiler.report.html.LayersCsv;
import ancc.compiler.report.ReportWriter;
import ancc.ir.InvalidInputException;
import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the main job's files into its output folder all or nothing: {@code MODEL.air} (+ .bin),
 * {@code MODEL.xbp} (+ .bin), {@code report.json}, {@code layers.csv} and {@code report.html}.
 * Everything is rendered in memory first; the folder (and missing parents) is created, every file
 * staged beside its target and all renamed into place together. On failure the staged files are
 * deleted and the folders this call created are removed.
 */
public final class JobOutputs {
  public static final String HTML = "report.html";
  public static final String JSON = "report.json";
  public static final String CSV = "layers.csv";

  private JobOutputs() {}

  /** Fails early, before any work, when {@code dir} exists but is not a folder. */
  public static void requireUsableDir(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": the output folder exists and is not a folder");
    }
  }

  /** The files of {@code result} in {@code dir}, rendered, in writing order (the report last). */
  public static Map<Path, StagedFiles.Content> render(JobResult result, Path dir) {
    Map<Path, StagedFiles.Content> files = new LinkedHashMap<>(result.artifacts().files(dir));
    files.put(dir.resolve(JSON), text(ReportWriter.toJson(result.report())));
    files.put(dir.resolve(CSV), text(LayersCsv.render(result.data())));
    files.put(dir.resolve(HTML), text(HtmlReport.render(result.data())));
    return files;
  }

  private static StagedFiles.Content text(String s) {
    return StagedFiles.bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code files} all or nothing; returns the paths written. */
  public static List<Path> write(Map<Path, StagedFiles.Content> files, Path dir) throws IOException {
    StagedFiles.writeAllStreamed(files, dir);
    return new ArrayList<>(files.keySet());
  }
}
