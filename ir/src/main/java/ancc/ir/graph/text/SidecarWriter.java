package ancc.ir.graph.text;

import ancc.ir.graph.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Appends constant tensors to a binary sidecar stream, the target of {@code blob<offset, count>}
 * references. Each blob starts at a multiple of {@link #ALIGNMENT} bytes (zero padding between
 * blobs); float-storage tensors are written as 4-byte IEEE floats (raw bits, so NaN payloads
 * survive), integer-storage tensors as 8-byte longs, both little-endian. The caller owns and
 * closes the stream.
 */
public final class SidecarWriter {
  /** Byte alignment of every blob's offset. */
  public static final int ALIGNMENT = 64;
  private static final int CHUNK = 1 << 16;

  private final OutputStream out;
  private long position;

  public SidecarWriter(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far (0 when no blob was appended). */
  public long size() {
    return position;
  }

  /** Writes t's elements and returns the byte offset of the blob. */
  public long append(Tensor t) {
    try {
      long pad = (ALIGNMENT - position % ALIGNMENT) % ALIGNMENT;
      out.write(new byte[(int) pad]);
      position += pad;
      long offset = position;
      ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      if (t.isFloating()) {
        for (float f : t.floats()) {
          if (buf.remaining() < Float.BYTES) {
            flush(buf);
          }
          buf.putInt(Float.floatToRawIntBits(f));
        }
      } else {
        for (long l : t.longs()) {
          if (buf.remaining() < Long.BYTES) {
            flush(buf);
          }
          buf.putLong(l);
        }
      }
      flush(buf);
      return offset;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the constants sidecar: " + e.getMessage(), e);
    }
  }

  /**
   * Writes raw bytes as one blob (aligned like every blob) and returns its byte offset. Used by
   * formats with their own compact element encodings, e.g. one byte per crossbar cell.
   */
  public long appendBytes(byte[] data) {
    try {
      long pad = (ALIGNMENT - position % ALIGNMENT) % ALIGNMENT;
      out.write(new byte[(int) pad]);
      position += pad;
      long offset = position;
      out.write(data);
      position += data.length;
      return offset;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sidecar: " + e.getMessage(), e);
    }
  }

  private void flush(ByteBuffer buf) throws IOException {
    out.write(buf.array(), 0, buf.position());
    position += buf.position();
    buf.clear();
  }

  /** Bytes per element of a tensor in the sidecar: 4 for float storage, 8 for integer storage. */
  public static int elementBytes(boolean floating) {
    return floating ? Float.BYTES : Long.BYTES;
  }
}
