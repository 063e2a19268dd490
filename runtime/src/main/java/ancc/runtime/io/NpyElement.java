package ancc.runtime.io;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code .npy} element types ancc reads, by NumPy type character and item size, with the
 * graph IR type each becomes. Every floating type is read as {@link DType#F32} (ancc keeps floats
 * in float32 storage: {@code <f2} widens exactly, {@code <f8} rounds to the nearest float32);
 * integer and boolean types keep their type.
 */
enum NpyElement {
  F2('f', 2, DType.F32),
  F4('f', 4, DType.F32),
  F8('f', 8, DType.F32),
  I1('i', 1, DType.I8),
  I2('i', 2, DType.I16),
  I4('i', 4, DType.I32),
  I8('i', 8, DType.I64),
  U1('u', 1, DType.U8),
  U2('u', 2, DType.U16),
  U4('u', 4, DType.U32),
  U8('u', 8, DType.U64),
  B1('b', 1, DType.BOOL);

  final char kind;
  final int size;
  final DType dtype;

  NpyElement(char kind, int size, DType dtype) {
    this.kind = kind;
    this.size = size;
    this.dtype = dtype;
  }

  /** The element type and byte order of a {@code descr} such as {@code <f4} or {@code |u1}. */
  record Descr(NpyElement element, ByteOrder order) {}

  static Descr parse(String descr, String source) {
    if (descr.length() >= 3) {
      char order = descr.charAt(0);
      char kind = descr.charAt(1);
      String digits = descr.substring(2);
      for (NpyElement e : values()) {
        if (e.kind == kind && digits.equals(Integer.toString(e.size))) {
          if (order == '<' || (order == '|' && e.size == 1)) {
            return new Descr(e, ByteOrder.LITTLE_ENDIAN);
          }
          if (order == '>') {
            return new Descr(e, ByteOrder.BIG_ENDIAN);
          }
        }
      }
    }
    throw new InvalidInputException(source + ": unsupported .npy dtype '" + descr
        + "' (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, little or big endian)");
  }

  /** Reads n elements into float32 storage. Only for floating kinds. */
  float[] readFloats(ByteBuffer buf, int n) {
    float[] out = new float[n];
    switch (this) {
      case F2 -> {
        for (int i = 0; i < n; i++) {
          out[i] = halfToFloat(buf.getShort());
        }
      }
      case F4 -> buf.asFloatBuffer().get(out);
      case F8 -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) buf.getDouble();
        }
      }
      default -> throw new IllegalStateException(this + " is not a floating element type");
    }
    return out;
  }

  /**
   * Reads n elements into int64 storage. Only for integer and boolean kinds; a {@code u8} value
   * above 2^63-1 does not fit and is an error.
   */
  long[] readLongs(ByteBuffer buf, int n, String source) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = switch (this) {
        case I1 -> buf.get();
        case I2 -> buf.getShort();
        case I4 -> buf.getInt();
        case I8 -> buf.getLong();
        case U1 -> Byte.toUnsignedLong(buf.get());
        case U2 -> Short.toUnsignedLong(buf.getShort());
        case U4 -> Integer.toUnsignedLong(buf.getInt());
        case U8 -> {
          long v = buf.getLong();
          if (v < 0) {
            throw new InvalidInputException(source + ": uint64 element " + i + " = "
                + Long.toUnsignedString(v) + " does not fit in int64");
          }
          yield v;
        }
        case B1 -> buf.get() != 0 ? 1L : 0L;
        default -> throw new IllegalStateException(this + " is not an integer element type");
      };
    }
    return out;
  }

  /** IEEE 754 binary16 to binary32 (exact: every half value is a float). */
  static float halfToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h >>> 15) << 31;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f; // subnormal (or zero)
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
