package ancc.runtime.io;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of the MNIST family of data sets (MNIST, Fashion-MNIST, KMNIST):
 * two zero bytes, a type code, the rank, then one big-endian u32 per dimension and the elements
 * in C order, big-endian. A file whose name ends in {@code .gz} is gunzipped first.
 *
 * <p>Type codes: {@code 0x08} u8 and {@code 0x09} i8, {@code 0x0B} i16, {@code 0x0C} i32 are
 * returned as integer tensors of that element type; {@code 0x0D} f32 and {@code 0x0E} f64 as
 * floating tensors. Anything malformed (bad magic, unknown type, truncated or trailing data) is an
 * {@link InvalidInputException} naming the file.
 */
public final class Idx {
  private static final int MAX_RANK = 8;

  private Idx() {}

  /** True when {@code file}'s name looks like an IDX file: {@code *-idx<k>-ubyte} or {@code *.idx<k>-ubyte}, optionally {@code .gz}. */
  public static boolean looksLikeIdx(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.matches(".*[-.]idx\\d-u?byte") || n.endsWith(".idx");
  }

  /** Reads {@code file}, gunzipping it when its name ends in {@code .gz}. */
  public static Tensor read(Path file) throws IOException {
    byte[] bytes;
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        bytes = readAll(in, file);
      } catch (ZipException | java.io.EOFException e) {
        throw new InvalidInputException(file + ": not a valid gzip file (" + e.getMessage() + ")");
      }
    } else {
      bytes = Files.readAllBytes(file);
    }
    return parse(bytes, file.toString());
  }

  private static byte[] readAll(InputStream in, Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      out.write(buf, 0, n);
      if (out.size() > Integer.MAX_VALUE - 8 - buf.length) {
        throw new InvalidInputException(file + ": IDX data larger than 2 GiB is not supported");
      }
    }
    return out.toByteArray();
  }

  /** Parses IDX bytes; {@code source} names the file in error messages. */
  public static Tensor parse(byte[] bytes, String source) {
    if (bytes.length < 4) {
      throw new InvalidInputException(source + ": not an IDX file: " + bytes.length + " bytes, shorter than the 4-byte magic");
    }
    if (bytes[0] != 0 || bytes[1] != 0) {
      throw new InvalidInputException(source + String.format(Locale.ROOT,
          ": not an IDX file: magic starts with 0x%02x%02x, expected 0x0000", bytes[0] & 0xff, bytes[1] & 0xff));
    }
    int code = bytes[2] & 0xff;
    DType dtype = dtypeOf(code, source);
    int rank = bytes[3] & 0xff;
    if (rank == 0 || rank > MAX_RANK) {
      throw new InvalidInputException(source + ": IDX rank " + rank + " is not supported (1.." + MAX_RANK + ")");
    }
    int headerBytes = 4 + 4 * rank;
    if (bytes.length < headerBytes) {
      throw new InvalidInputException(source + ": truncated IDX header: rank " + rank + " needs " + headerBytes
          + " bytes, the file has " + bytes.length);
    }
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    long[] shape = new long[rank];
    long count = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = Integer.toUnsignedLong(bb.getInt(4 + 4 * i));
      count *= shape[i];
      if (count > Integer.MAX_VALUE) {
        throw new InvalidInputException(source + ": IDX shape " + shapeText(shape, i + 1) + " has too many elements");
      }
    }
    int width = width(code);
    long expected = headerBytes + count * width;
    if (bytes.length != expected) {
      throw new InvalidInputException(source + ": IDX " + dtype.text() + " shape " + shapeText(shape, rank) + " needs "
          + expected + " bytes, the file has " + bytes.length + (bytes.length < expected ? " (truncated)" : " (trailing data)"));
    }
    int n = (int) count;
    bb.position(headerBytes);
    if (dtype.isFloating()) {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = code == 0x0D ? bb.getFloat() : (float) bb.getDouble();
      }
      return Tensor.ofFloats(dtype, shape, f);
    }
    long[] l = new long[n];
    for (int i = 0; i < n; i++) {
      l[i] = switch (code) {
        case 0x08 -> bb.get() & 0xff;
        case 0x09 -> bb.get();
        case 0x0B -> bb.getShort();
        default -> bb.getInt();
      };
    }
    return Tensor.ofLongs(dtype, shape, l);
  }

  private static DType dtypeOf(int code, String source) {
    return switch (code) {
      case 0x08 -> DType.U8;
      case 0x09 -> DType.I8;
      case 0x0B -> DType.I16;
      case 0x0C -> DType.I32;
      case 0x0D -> DType.F32;
      case 0x0E -> DType.F64;
      default -> throw new InvalidInputException(source + String.format(Locale.ROOT,
          ": unknown IDX element type code 0x%02x (expected 08, 09, 0B, 0C, 0D or 0E)", code));
    };
  }

  private static int width(int code) {
    return switch (code) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      default -> 8;
    };
  }

  private static String shapeText(long[] shape, int upTo) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < upTo; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }
}
