package ancc.cli;

import ancc.compiler.driver.Artifacts;
import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the files of a compilation all or nothing: the output folder (and missing parents) is
 * created, every file is staged beside its target and all are renamed into place together; on
 * any failure the staged files are deleted and the folders this call created are removed. A
 * sidecar left by an earlier compile that this one does not need is deleted after the commit.
 */
final class CompileOutputs {
  private CompileOutputs() {}

  /** Writes {@code files} into {@code dir}; returns the paths written, sidecars first. */
  static List<Path> write(Artifacts files, Path dir) throws IOException {
    Map<Path, StagedFiles.Content> planned = files.files(dir);
    StagedFiles.writeAllStreamed(planned, dir);
    for (Path stale : files.staleSidecars(dir)) {
      Files.deleteIfExists(stale);
    }
    return new ArrayList<>(planned.keySet());
  }
}
