package ancc.runtime.io;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy {@code .npz} files ({@code numpy.savez} and {@code savez_compressed}): a zip archive
 * whose entries {@code NAME.npy} are {@code .npy} files ({@link Npy}), read as the arrays named
 * {@code NAME}, in archive order. Stored and deflated entries are read. A file that is not a zip
 * archive, an empty archive, an entry not named {@code *.npy}, a name given twice and an entry
 * that is not a valid {@code .npy} file are {@link InvalidInputException}s naming the file (and the
 * entry).
 */
public final class Npz {
  private static final long LIMIT = Integer.MAX_VALUE - 64;

  private Npz() {}

  /** The arrays of a .npz file by name, in archive order. I/O failures (a missing file) are thrown as they come. */
  public static Map<String, Tensor> read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > LIMIT) {
      throw new InvalidInputException(file + ": .npz file of " + size + " bytes is too large (limit 2 GiB)");
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Decodes the bytes of a .npz file; {@code source} names it in error messages. */
  public static Map<String, Tensor> parse(byte[] bytes, String source) {
    if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
      throw new InvalidInputException(source + ": not a .npz file: not a zip archive");
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String entry = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (!entry.endsWith(".npy")) {
          throw new InvalidInputException(source + ": entry '" + entry + "' is not a .npy array");
        }
        String name = entry.substring(0, entry.length() - ".npy".length());
        byte[] data = zip.readNBytes((int) LIMIT);
        Tensor t = Npy.parse(data, source + "[" + name + "]");
        if (out.put(name, t) != null) {
          throw new InvalidInputException(source + ": array '" + name + "' appears twice");
        }
      }
    } catch (ZipException e) {
      throw new InvalidInputException(source + ": not a .npz file: bad zip archive (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new InvalidInputException(source + ": not a .npz file: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(source + ": the .npz file holds no arrays");
    }
    return out;
  }
}
