package ancc.cli;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a command's {@code .npy} outputs all or nothing: every file is staged to a temporary
 * beside its target and renamed into place only when all were written; an output folder the
 * command created is removed again when nothing could be written into it.
 */
final class OutputFiles {
  private final Map<Path, Tensor> planned = new LinkedHashMap<>();
  private final Set<String> dirNames = new HashSet<>();

  /** Fails early, before any work, when {@code file} cannot be an output file. */
  static void requireWritableTarget(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a folder; give a file name");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InvalidInputException(file + ": cannot write: folder " + parent + " does not exist");
    }
  }

  /** Fails early when {@code dir} exists but is not a folder. */
  static void requireUsableDir(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": --output-dir exists and is not a folder");
    }
  }

  /** Plans {@code file} to hold {@code t}; the same file planned twice must hold the same tensor. */
  void add(Path file, Tensor t) {
    Path key = file.toAbsolutePath().normalize();
    Tensor previous = planned.putIfAbsent(key, t);
    if (previous != null && previous != t) {
      throw new InvalidInputException(file + ": two different outputs would be written to this file");
    }
  }

  /** Plans output {@code name} into {@code dir} as {@code <sanitized name>.npy}, distinct from the others. */
  Path addToDir(Path dir, String name, Tensor t) {
    String base = sanitize(name);
    String candidate = base;
    for (int i = 2; !dirNames.add(candidate.toLowerCase(Locale.ROOT)); i++) {
      candidate = base + "_" + i;
    }
    Path file = dir.resolve(candidate + ".npy");
    add(file, t);
    return file;
  }

  /** A file name stem for an output name: letters, digits, '.', '_' and '-' kept, the rest '_'. */
  static String sanitize(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
  }

  /** Creates missing folders, stages every file and commits them together. */
  void writeAll() throws IOException {
    for (Path file : planned.keySet()) {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(file + ": is a folder; cannot write the output there");
      }
    }
    List<Path> created = new ArrayList<>();
    boolean done = false;
    try {
      for (Path file : planned.keySet()) {
        createDirs(file.getParent(), created);
      }
      try (StagedFiles files = new StagedFiles()) {
        for (Map.Entry<Path, Tensor> e : planned.entrySet()) {
          Tensor t = e.getValue();
          files.stage(e.getKey(), out -> Npy.write(out, t));
        }
        files.commit();
      }
      done = true;
    } finally {
      if (!done) {
        for (int i = created.size() - 1; i >= 0; i--) {
          try {
            Files.deleteIfExists(created.get(i));
          } catch (DirectoryNotEmptyException | SecurityException keep) {
            break;
          } catch (IOException ignored) {
            // best effort: the folder is empty and harmless
          }
        }
      }
    }
  }

  /** Creates {@code dir} and its missing parents, recording each folder created (outermost first). */
  private static void createDirs(Path dir, List<Path> created) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createDirs(dir.getParent(), created);
    Files.createDirectory(dir);
    created.add(dir);
  }
}
