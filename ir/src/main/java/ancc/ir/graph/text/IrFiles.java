package ancc.ir.graph.text;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reads and writes {@code X.air} files with their {@code X.air.bin} constants sidecar. Writes
 * are atomic per file: both files are written to temporary files in the target folder, then
 * moved into place (sidecar first); on failure the temporary files are removed.
 */
public final class IrFiles {
  private static final AtomicLong TEMP_COUNTER = new AtomicLong(System.nanoTime());

  private IrFiles() {}

  /** The sidecar next to an IR file: {@code X.air} -> {@code X.air.bin}. */
  public static Path sidecarPath(Path airFile) {
    return airFile.resolveSibling(airFile.getFileName() + ".bin");
  }

  /** Writes the module with {@link IrPrinter.Options#DEFAULT}: constants above 16 elements go to the sidecar. */
  public static void write(Module m, Path airFile) {
    write(m, airFile, IrPrinter.Options.DEFAULT);
  }

  /**
   * Writes {@code airFile} and, when some constant exceeds the inline limit, its sidecar. A stale
   * sidecar from an earlier write is removed when the new text needs none.
   */
  public static void write(Module m, Path airFile, IrPrinter.Options options) {
    writeWithSidecar(airFile, w -> IrPrinter.print(m, options, w));
  }

  /**
   * Writes a text file and its {@code .bin} sidecar atomically, for any ancc text format with a
   * sidecar: {@code printer} receives the sidecar writer and returns the text. Both go to hidden
   * temporary files in the target folder and are moved into place (sidecar first); an empty
   * sidecar is not kept and a stale one is removed; on failure the temporary files are removed.
   */
  public static void writeWithSidecar(Path textFile, Function<SidecarWriter, String> printer) {
    Path target = textFile.toAbsolutePath();
    Path dir = target.getParent();
    Path sidecar = sidecarPath(target);
    Path tmpBin = null;
    Path tmpAir = null;
    try {
      Files.createDirectories(dir);
      tmpBin = tempSibling(target, ".bin.tmp");
      String text;
      long sidecarBytes;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmpBin, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE))) {
        SidecarWriter w = new SidecarWriter(out);
        text = printer.apply(w);
        sidecarBytes = w.size();
      }
      tmpAir = tempSibling(target, ".tmp");
      Files.writeString(tmpAir, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (sidecarBytes > 0) {
        move(tmpBin, sidecar);
      } else {
        Files.delete(tmpBin);
        Files.deleteIfExists(sidecar);
      }
      tmpBin = null;
      move(tmpAir, target);
      tmpAir = null;
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException(textFile + ": cannot write: " + reason(e), e);
    } finally {
      deleteQuietly(tmpBin);
      deleteQuietly(tmpAir);
    }
  }

  /** Reads an IR file and, if present, its sidecar. Errors name the file (and line:col for parse errors). */
  public static Module read(Path airFile) {
    String text = readText(airFile);
    Path sidecar = sidecarPath(airFile);
    return IrParser.parse(text, airFile.toString(), readSidecar(airFile), sidecar.toString());
  }

  /** The UTF-8 text of a file; errors name the file. */
  public static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + reason(e), e);
    }
  }

  /** The sidecar {@code X.bin} of a text file {@code X} mapped read-only, or null when there is none. */
  public static ByteBuffer readSidecar(Path textFile) {
    Path sidecar = sidecarPath(textFile);
    if (!Files.exists(sidecar)) {
      return null;
    }
    try (FileChannel ch = FileChannel.open(sidecar, StandardOpenOption.READ)) {
      if (ch.size() > Integer.MAX_VALUE) {
        throw new InvalidInputException(sidecar + ": sidecar larger than 2 GiB is not supported");
      }
      return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    } catch (IOException e) {
      throw new InvalidInputException(sidecar + ": cannot read: " + reason(e), e);
    }
  }

  /**
   * A fresh hidden name next to target. Not Files.createTempFile: its owner-only permissions
   * would stick to the moved file; these files get the usual umask permissions.
   */
  private static Path tempSibling(Path target, String suffix) {
    return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + TEMP_COUNTER.incrementAndGet() + suffix);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort: the original error is what the caller needs to see
      }
    }
  }

  private static String reason(Exception e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    String msg = t.getMessage();
    return t.getClass().getSimpleName() + (msg == null ? "" : " " + msg);
  }
}
