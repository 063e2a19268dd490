package ancc.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a group of files so that none appears until all are complete: each file is first
 * written to a hidden temporary file in its target's folder, and {@link #commit()} then renames
 * every temporary into place with an atomic move. Closing without committing (after any error)
 * deletes the temporaries, so a failed command leaves no output behind.
 *
 * <pre>{@code
 * try (StagedFiles out = new StagedFiles()) {
 *   out.stage(a, s -> Npy.write(s, ta));
 *   out.stage(b, s -> Npy.write(s, tb));
 *   out.commit();
 * }
 * }</pre>
 */
public final class StagedFiles implements AutoCloseable {
  private static final java.util.concurrent.atomic.AtomicLong TEMP_COUNTER = new java.util.concurrent.atomic.AtomicLong();


  /** Produces a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Map<Path, Path> staged = new LinkedHashMap<>();
  private boolean committed;

  /** Writes one file atomically: a temporary file in the same folder, then an atomic rename. */
  public static void writeAtomically(Path target, Content content) throws IOException {
    try (StagedFiles files = new StagedFiles()) {
      files.stage(target, content);
      files.commit();
    }
  }

  /**
   * Writes every file of {@code files} into {@code dir} (created with its missing parents) all or
   * nothing: all are staged, then renamed into place together; on any failure the temporaries go
   * and so do the folders this call created. A target that is a folder is an
   * {@link ancc.ir.InvalidInputException}, as is a {@code dir} that exists and is not a folder.
   */
  public static void writeAll(Map<Path, byte[]> files, Path dir) throws IOException {
    Map<Path, Content> contents = new LinkedHashMap<>();
    files.forEach((path, bytes) -> contents.put(path, bytes(bytes)));
    writeAllStreamed(contents, dir);
  }

  /** A content of the given bytes. */
  public static Content bytes(byte[] data) {
    return out -> out.write(data);
  }

  /**
   * {@link #writeAll} for contents written as they are staged, so a large file (a compiled
   * network's weights) goes to its temporary file without being held in memory first.
   */
  public static void writeAllStreamed(Map<Path, Content> files, Path dir) throws IOException {
    for (Path p : files.keySet()) {
      if (Files.isDirectory(p)) {
        throw new ancc.ir.InvalidInputException(p + ": is a folder; cannot write the output there");
      }
    }
    List<Path> created = new ArrayList<>();
    boolean done = false;
    try {
      createDirs(dir.toAbsolutePath().normalize(), created);
      try (StagedFiles staged = new StagedFiles()) {
        for (Map.Entry<Path, Content> e : files.entrySet()) {
          staged.stage(e.getKey(), e.getValue());
        }
        staged.commit();
      }
      done = true;
    } finally {
      if (!done) {
        removeCreated(created);
      }
    }
  }

  /** Creates {@code dir} and its missing parents, recording each created folder, outermost first. */
  private static void createDirs(Path dir, List<Path> created) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir)) {
      throw new ancc.ir.InvalidInputException(dir + ": exists and is not a folder; cannot write outputs into it");
    }
    createDirs(dir.getParent(), created);
    Files.createDirectory(dir);
    created.add(dir);
  }

  /** Removes the folders created, innermost first, stopping at one that is not empty. */
  private static void removeCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (java.nio.file.DirectoryNotEmptyException | SecurityException keep) {
        return;
      } catch (IOException ignored) {
        // best effort: an empty folder is harmless
      }
    }
  }

  /**
   * Writes {@code content} to a temporary file beside {@code target} (whose folder must exist).
   * Staging the same target twice is a programming error.
   */
  public void stage(Path target, Content content) throws IOException {
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    Path abs = target.toAbsolutePath().normalize();
    if (staged.containsKey(abs)) {
      throw new IllegalArgumentException("output " + target + " staged twice");
    }
    Path dir = abs.getParent();
    // Not Files.createTempFile: its owner-only permissions would stick to the moved file; a
    // fresh hidden name created with CREATE_NEW gets the usual umask permissions.
    Path tmp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
        + TEMP_COUNTER.incrementAndGet() + ".tmp");
    staged.put(abs, tmp);
    try (OutputStream out = new BufferedOutputStream(
        Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE),
        1 << 16)) {
      content.writeTo(out);
    }
  }

  /** The final paths staged so far, in staging order. */
  public List<Path> targets() {
    return new ArrayList<>(staged.keySet());
  }

  /**
   * Moves every staged file into place, replacing existing files. Only renames happen here (the
   * data is already on disk), so a failure part way is unlikely; it leaves the files moved so far
   * in place and the rest deleted by {@link #close()}.
   */
  public void commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("already committed");
    }
    for (Map.Entry<Path, Path> e : new ArrayList<>(staged.entrySet())) {
      Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      staged.remove(e.getKey());
    }
    committed = true;
  }

  /** Deletes the temporaries of anything not committed. Never throws. */
  @Override
  public void close() {
    for (Path tmp : staged.values()) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: the file is hidden and named *.tmp
      }
    }
    staged.clear();
  }
}
