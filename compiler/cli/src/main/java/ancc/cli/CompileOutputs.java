package ancc.cli;

import ancc.compiler.driver.Artifacts;
import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
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
    Map<Path, byte[]> planned = files.files(dir);
    for (Path p : planned.keySet()) {
      if (Files.isDirectory(p)) {
        throw new ancc.ir.InvalidInputException(p + ": is a folder; cannot write the output there");
      }
    }
    List<Path> created = new ArrayList<>();
    boolean done = false;
    try {
      createDirs(dir.toAbsolutePath().normalize(), created);
      try (StagedFiles staged = new StagedFiles()) {
        for (Map.Entry<Path, byte[]> e : planned.entrySet()) {
          byte[] data = e.getValue();
          staged.stage(e.getKey(), out -> out.write(data));
        }
        staged.commit();
      }
      done = true;
    } finally {
      if (!done) {
        removeCreated(created);
      }
    }
    for (Path stale : files.staleSidecars(dir)) {
      Files.deleteIfExists(stale);
    }
    return new ArrayList<>(planned.keySet());
  }

  private static void createDirs(Path dir, List<Path> created) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createDirs(dir.getParent(), created);
    Files.createDirectory(dir);
    created.add(dir);
  }

  private static void removeCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (DirectoryNotEmptyException | SecurityException keep) {
        return;
      } catch (IOException ignored) {
        // best effort: an empty folder is harmless
      }
    }
  }
}
