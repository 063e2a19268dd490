package ancc.maven;

import ancc.ir.InvalidInputException;
import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
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

  static void write(Path dir, Map<Path, byte[]> files, List<Path> stale) throws IOException {
    for (Path p : files.keySet()) {
      if (Files.isDirectory(p)) {
        throw new InvalidInputException(p + ": is a folder; cannot write the output there");
      }
    }
    Deque<Path> created = new ArrayDeque<>();
    boolean done = false;
    try {
      createDirs(dir.toAbsolutePath().normalize(), created);
      try (StagedFiles staged = new StagedFiles()) {
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
          byte[] bytes = e.getValue();
          staged.stage(e.getKey(), out -> out.write(bytes));
        }
        staged.commit();
      }
      done = true;
    } finally {
      if (!done) {
        for (Path p : created) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException | SecurityException e) {
            break;
          }
        }
      }
    }
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
  }

  /** Creates {@code dir} and its missing parents; pushes each created folder, innermost on top. */
  private static void createDirs(Path dir, Deque<Path> created) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir)) {
      throw new InvalidInputException(dir + ": exists and is not a folder; cannot write outputs into it");
    }
    createDirs(dir.getParent(), created);
    Files.createDirectory(dir);
    created.push(dir);
  }
}
