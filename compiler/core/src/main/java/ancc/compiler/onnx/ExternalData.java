package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.StringStringEntryProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.ir.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an ONNX tensor's external data ({@code data_location: EXTERNAL}) from a file that must
 * lie inside the model's folder: absolute locations and locations that leave the folder, before
 * or after resolving symbolic links, are rejected.
 */
final class ExternalData {
  private ExternalData() {}

  /** The {@code expectedBytes} bytes of {@code t}'s data; {@code what} names the tensor for errors. */
  static byte[] read(TensorProto t, Path baseDir, String what, long expectedBytes) {
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto e : t.getExternalDataList()) {
      switch (e.getKey()) {
        case "location": location = e.getValue(); break;
        case "offset": offset = parseNonNegative(e.getValue(), "offset", what); break;
        case "length": length = parseNonNegative(e.getValue(), "length", what); break;
        default: break; // checksum and unknown keys are ignored
      }
    }
    if (location == null || location.isEmpty()) {
      throw new InvalidInputException(what + ": external data without a 'location'");
    }
    if (baseDir == null) {
      throw new InvalidInputException(what + ": external data '" + location + "' but no model folder to resolve it in");
    }
    Path file = resolveInside(baseDir, location, what);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new InvalidInputException(what + ": cannot read external data file '" + location + "'");
    }
    if (length < 0) {
      length = expectedBytes;
    }
    if (length != expectedBytes) {
      throw new InvalidInputException(what + ": external data length " + length + " but the tensor needs "
          + expectedBytes + " bytes");
    }
    if (offset + length > size) {
      throw new InvalidInputException(what + ": external data file '" + location + "' has " + size
          + " bytes, too short for offset " + offset + " + length " + length);
    }
    byte[] out = new byte[(int) length];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(out);
      long pos = offset;
      while (buf.hasRemaining()) {
        int r = ch.read(buf, pos);
        if (r < 0) {
          throw new InvalidInputException(what + ": external data file '" + location + "' ended early");
        }
        pos += r;
      }
    } catch (IOException e) {
      throw new InvalidInputException(what + ": cannot read external data file '" + location + "': " + e.getMessage());
    }
    return out;
  }

  /** {@code location} resolved against {@code baseDir}, checked to stay inside it. */
  static Path resolveInside(Path baseDir, String location, String what) {
    String escape = what + ": external data path '" + location + "' is outside the model folder";
    Path rel;
    try {
      rel = Path.of(location);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(what + ": invalid external data path '" + location + "'");
    }
    if (rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\")
        || location.matches("^[A-Za-z]:.*")) {
      throw new InvalidInputException(escape);
    }
    Path base = baseDir.toAbsolutePath().normalize();
    Path file = base.resolve(rel).normalize();
    if (!file.startsWith(base) || file.equals(base)) {
      throw new InvalidInputException(escape);
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidInputException(what + ": external data file '" + location + "' not found in " + base);
    }
    try {
      Path realBase = base.toRealPath();
      Path realFile = file.toRealPath();
      if (!realFile.startsWith(realBase)) {
        throw new InvalidInputException(escape + " (through a symbolic link)");
      }
      if (!Files.isRegularFile(realFile)) {
        throw new InvalidInputException(what + ": external data path '" + location + "' is not a regular file");
      }
      return realFile;
    } catch (IOException e) {
      throw new InvalidInputException(what + ": cannot resolve external data file '" + location + "'");
    }
  }

  private static long parseNonNegative(String s, String key, String what) {
    try {
      long v = Long.parseLong(s.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(what + ": external data " + key + " '" + s + "' is not a non-negative integer");
  }
}
