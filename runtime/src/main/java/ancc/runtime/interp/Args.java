package ancc.runtime.interp;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.List;

/** Small helpers shared by the kernels: axis normalization, operand reading, integer wrapping. */
final class Args {
  private Args() {}

  static InvalidInputException bad(String message) {
    return new InvalidInputException(message);
  }

  /** Normalizes an axis in [-rank, rank) to [0, rank). */
  static int axis(long axis, int rank, String what) {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw bad(what + " " + axis + " is out of range for rank " + rank);
    }
    return (int) a;
  }

  static int toInt(long v, String what) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw bad(what + " " + v + " is out of range");
    }
    return (int) v;
  }

  /** Element count of a shape as an int (tensors in ancc's storage hold at most 2^31 - 1 elements). */
  static int numel(long[] shape) {
    long n;
    try {
      n = Tensor.numel(shape);
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw bad("invalid tensor shape " + shape(shape));
    }
    if (n > Integer.MAX_VALUE) {
      throw bad("tensor of shape " + shape(shape) + " has more than 2^31 - 1 elements");
    }
    return (int) n;
  }

  /** C-order strides of a shape, in elements. */
  static int[] strides(long[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= (int) shape[i];
    }
    return s;
  }

  static long prod(long[] shape, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p *= shape[i];
    }
    return p;
  }

  /** The values of an integer (or floating, truncated) 1-D or scalar operand. */
  static long[] longs(Tensor t, String what) {
    if (t == null) {
      throw bad("missing " + what);
    }
    if (t.rank() > 1) {
      throw bad(what + " must be 1-D but has shape " + shape(t.shape()));
    }
    long[] out = new long[t.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.getLong(i);
    }
    return out;
  }

  /** A required operand: throws naming it when absent. */
  static Tensor need(List<Tensor> in, int i, String what) {
    Tensor t = i < in.size() ? in.get(i) : null;
    if (t == null) {
      throw bad("missing required input " + i + " (" + what + ")");
    }
    return t;
  }

  static Tensor opt(List<Tensor> in, int i) {
    return i < in.size() ? in.get(i) : null;
  }

  static Tensor floating(Tensor t, String what) {
    if (!t.isFloating()) {
      throw bad(what + " must be floating but is " + t.dtype().text());
    }
    return t;
  }

  /** Reduces an integer result to the value range of its element type (two's complement wrap). */
  static long wrap(long v, DType t) {
    switch (t) {
      case I32: return (int) v;
      case I16: return (short) v;
      case I8: return (byte) v;
      case U8: return v & 0xFFL;
      case U16: return v & 0xFFFFL;
      case U32: return v & 0xFFFFFFFFL;
      case BOOL: return v != 0 ? 1 : 0;
      default: return v;
    }
  }

  /** Rounds a float to the nearest value representable in the given floating type. */
  static float roundTo(float v, DType t) {
    if (t == DType.F16) {
      return Half.round(v);
    }
    if (t == DType.BF16) {
      if (Float.isNaN(v)) {
        return v;
      }
      int bits = Float.floatToRawIntBits(v);
      bits += 0x7FFF + ((bits >>> 16) & 1);
      return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
    return v;
  }

  /** The tensor with every element rounded to its element type's precision (f16, bf16). */
  static Tensor roundAll(Tensor t) {
    float[] a = t.floats();
    float[] y = new float[a.length];
    boolean changed = false;
    for (int i = 0; i < a.length; i++) {
      y[i] = roundTo(a[i], t.dtype());
      changed |= Float.floatToRawIntBits(y[i]) != Float.floatToRawIntBits(a[i]);
    }
    return changed ? Tensor.ofFloats(t.dtype(), t.shape(), y) : t;
  }

  static Tensor floats(DType t, long[] shape, float[] data) {
    return Tensor.ofFloats(t, shape, data);
  }

  static Tensor longsOf(DType t, long[] shape, long[] data) {
    return Tensor.ofLongs(t, shape, data);
  }

  /** A shape as text, e.g. {@code [2,3]}. */
  static String shape(long[] s) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < s.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(s[i]);
    }
    return b.append(']').toString();
  }

  /** Rounding to IEEE half precision (Java 17 has no Float.floatToFloat16). */
  static final class Half {
    private Half() {}

    static float round(float v) {
      if (Float.isNaN(v) || Float.isInfinite(v)) {
        return v;
      }
      float a = Math.abs(v);
      if (a >= 65520f) {
        return Math.copySign(Float.POSITIVE_INFINITY, v);
      }
      if (a < 6.103515625e-5f) { // below the smallest normal half: quantum 2^-24
        double q = Math.rint(a * 16777216.0) / 16777216.0;
        return (float) Math.copySign(q, v);
      }
      int bits = Float.floatToRawIntBits(v);
      bits += 0xFFF + ((bits >>> 13) & 1);
      return Float.intBitsToFloat(bits & ~0x1FFF);
    }
  }
}
