package ancc.maven;

import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the files of one model all or nothing: each is staged as a hidden temporary beside its
 * target and all are renamed into place together; on failure the temporaries go and so do the
 * folders this call created. Files a previous build left that this one does not produce (a
 * sidecar no longer needed, an evaluation no longer asked for) are deleted after the commit.
 */
final class ModelOutputs {
  private ModelOutputs() {}

  static void write(Path dir, Map<Path, StagedFiles.Content> files, List<Path> stale) throws IOException {
    StagedFiles.writeAllStreamed(files, dir);
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
  }
}
