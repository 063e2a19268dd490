package ancc.runtime.io;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Reading: element types {@code f2 f4 f8} become {@link DType#F32} tensors ({@code f8} values
 * rounded to the nearest float32, as ancc computes in float32); {@code i1 i2 i4 i8 u1 u2 u4 u8}
 * keep their integer type and {@code b1} becomes {@link DType#BOOL}, all in int64 storage.
 * Big-endian ({@code >}) files are converted. Fortran-order arrays, other element types, a
 * malformed magic string or header, and data shorter or longer than the header announces are
 * {@link InvalidInputException}s naming the file.
 *
 * <p>Writing emits version 1.0 with the header padded to a multiple of 64 bytes: {@code <f4} for
 * floating tensors, {@code |b1} for bool and {@code <i8} for every other integer type.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGN = 64;

  private Npy() {}

  /** Reads a .npy file. I/O failures (a missing file, say) are thrown as they come. */
  public static Tensor read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 64) {
      throw new InvalidInputException(file + ": .npy file of " + size + " bytes is too large (limit 2 GiB)");
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Decodes the bytes of a .npy file; {@code source} names it in error messages. */
  public static Tensor parse(byte[] bytes, String source) {
    if (bytes.length < MAGIC.length + 2) {
      throw new InvalidInputException(source + ": not a .npy file: only " + bytes.length + " bytes");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new InvalidInputException(source + ": not a .npy file: missing the \\x93NUMPY magic string");
      }
    }
    int major = bytes[6] & 0xff;
    int minor = bytes[7] & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw new InvalidInputException(source + ": unsupported .npy format version " + major + "." + minor
          + " (supported: 1.0, 2.0, 3.0)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int lenBytes = major == 1 ? 2 : 4;
    if (bytes.length < 8 + lenBytes) {
      throw new InvalidInputException(source + ": truncated .npy header: the file ends inside the header length");
    }
    long headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : Integer.toUnsignedLong(buf.getInt(8));
    long dataStart = 8L + lenBytes + headerLen;
    if (dataStart > bytes.length) {
      throw new InvalidInputException(source + ": truncated .npy header: it announces " + headerLen
          + " bytes but the file has " + (bytes.length - 8 - lenBytes) + " after the length field");
    }
    String text = new String(bytes, 8 + lenBytes, (int) headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader header = NpyHeader.parse(text, source);
    return decodeData(header, buf, (int) dataStart, source);
  }

  private static Tensor decodeData(NpyHeader header, ByteBuffer buf, int dataStart, String source) {
    NpyElement.Descr descr = NpyElement.parse(header.descr(), source);
    long[] shape = header.shape();
    long count = 1;
    for (long d : shape) {
      if (d > 0 && count > Integer.MAX_VALUE / d) {
        throw new InvalidInputException(source + ": .npy shape " + shapeText(shape)
            + " has more than 2^31-1 elements");
      }
      count *= d;
    }
    if (header.fortranOrder()) {
      throw new InvalidInputException(source + ": Fortran-order arrays are not supported;"
          + " save with np.ascontiguousarray");
    }
    int n = (int) count;
    long expected = count * descr.element().size;
    long actual = buf.capacity() - (long) dataStart;
    if (actual != expected) {
      throw new InvalidInputException(source + ": " + (actual < expected ? "truncated" : "trailing bytes in")
          + " .npy data: shape " + shapeText(shape) + " of " + header.descr() + " needs " + expected
          + " bytes, the file has " + actual);
    }
    ByteBuffer data = buf.duplicate().position(dataStart).slice().order(descr.order());
    NpyElement e = descr.element();
    if (e.dtype.isFloating()) {
      return Tensor.ofFloats(e.dtype, shape, e.readFloats(data, n));
    }
    return Tensor.ofLongs(e.dtype, shape, e.readLongs(data, n, source));
  }

  /** Writes a .npy file atomically (a temporary in the same folder, then an atomic rename). */
  public static void write(Path file, Tensor t) throws IOException {
    StagedFiles.writeAtomically(file, out -> write(out, t));
  }

  /** Streams the .npy encoding of {@code t}; does not close {@code out}. */
  public static void write(OutputStream out, Tensor t) throws IOException {
    NpyElement element = elementFor(t.dtype());
    String descr = (element.size == 1 ? "|" : "<") + element.kind + element.size;
    out.write(headerBytes(new NpyHeader(descr, false, t.shape())));
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    float[] floats = t.isFloating() ? t.floats() : null;
    long[] longs = t.isFloating() ? null : t.longs();
    int n = t.size();
    for (int i = 0; i < n; i++) {
      if (chunk.remaining() < 8) {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
      switch (element) {
        case F4 -> chunk.putFloat(floats[i]);
        case B1 -> chunk.put((byte) (longs[i] != 0 ? 1 : 0));
        default -> chunk.putLong(longs[i]);
      }
    }
    out.write(chunk.array(), 0, chunk.position());
  }

  /** The whole .npy encoding of {@code t} in memory. */
  public static byte[] encode(Tensor t) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, t);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
    return out.toByteArray();
  }

  private static NpyElement elementFor(DType dtype) {
    if (dtype.isFloating()) {
      return NpyElement.F4;
    }
    return dtype == DType.BOOL ? NpyElement.B1 : NpyElement.I8;
  }

  /** Magic, version, length and the header padded with spaces and a newline to 64 bytes. */
  static byte[] headerBytes(NpyHeader header) {
    String dict = header.format();
    int major = 1;
    int prefix = 10;
    int total = roundUp(prefix + dict.length() + 1);
    if (total - prefix > 0xffff) {
      major = 2;
      prefix = 12;
      total = roundUp(prefix + dict.length() + 1);
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) (total - prefix));
    } else {
      b.putInt(total - prefix);
    }
    b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  private static int roundUp(int n) {
    return (n + ALIGN - 1) / ALIGN * ALIGN;
  }

  private static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
