package ancc.backends.mapping;

/**
 * The input quantizer in front of a layer's arrays (the program's {@code quantize}
 * instruction): x -> clamp(round_half_even(x / scale), lo, hi). Unsigned ([0, 2^b - 1]) when the
 * calibrated input never goes negative (e.g. after ReLU), else signed symmetric ([-(2^(b-1)-1),
 * 2^(b-1)-1]); scale = max|x| / hi over the calibration data, 1 when that is 0.
 */
public record InputQuant(int bits, boolean signed, float scale) {

  public InputQuant {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("input bits must be in 1..32, got " + bits);
    }
    if (signed && bits < 2) {
      throw new IllegalArgumentException("signed inputs need at least 2 bits");
    }
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException("input scale must be positive and finite, got " + scale);
    }
  }

  /** The quantizer for inputs observed in [min, max]. */
  public static InputQuant fromRange(double min, double max, int bits) {
    boolean signed = min < 0;
    if (signed && bits < 2) {
      throw new IllegalArgumentException("inputs go negative (min " + min + ") but the chip drives 1-bit inputs");
    }
    long hi = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    double maxAbs = Math.max(Math.abs(min), Math.abs(max));
    float scale = maxAbs > 0 && Double.isFinite(maxAbs) ? (float) (maxAbs / hi) : 1f;
    if (scale == 0f) {
      scale = Float.MIN_NORMAL;
    }
    return new InputQuant(bits, signed, scale);
  }

  /** Largest code. */
  public long hi() {
    return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
  }

  /** Smallest code. */
  public long lo() {
    return signed ? -hi() : 0;
  }

  /** The integer code of x. */
  public long quantize(double x) {
    long v = (long) Math.rint(x / scale);
    return Math.max(lo(), Math.min(hi(), v));
  }

  /** Bit planes a bit-serial drive needs for a code's magnitude: bits, less the sign bit when signed. */
  public int magnitudeBits() {
    return signed ? bits - 1 : bits;
  }
}
