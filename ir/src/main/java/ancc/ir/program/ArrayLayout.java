package ancc.ir.program;

import java.util.Objects;

/**
 * Where one block of a layer's weight matrix sits on one crossbar or SRAM macro, and how its
 * cells decode back to integer weights.
 *
 * <p>A layer's weights are a matrix W[out][in] (a conv's [M][C/group * kh * kw], in im2col
 * order c, kh, kw). Crossbar rows are inputs: row r holds input {@code inStart + r}. Columns
 * hold outputs {@code outStart .. outStart + outCount - 1}; each output uses
 * {@link #columnsPerOutput()} adjacent columns: for slice s = 0 (least significant) .. slices-1,
 * one column (OFFSET, TWOS_COMPLEMENT) or a +/- pair (DIFFERENTIAL). A slice holds
 * {@code sliceBits} bits of the weight magnitude (OFFSET: of the offset value). The integer
 * weight is q = sum_s 2^(s * sliceBits) * (level+ - level-) for DIFFERENTIAL, sum_s 2^(s *
 * sliceBits) * level - 2^(weightBits - 1) for OFFSET, and two's complement of the bit columns
 * for TWOS_COMPLEMENT (sliceBits = 1, slices = weightBits). The real weight is q times the
 * output channel's scale. The slices must hold the weight: slices * sliceBits >= weightBits - 1
 * for DIFFERENTIAL (the sign is in the pair) and >= weightBits for OFFSET
 * ({@link ProgramVerifier} checks it).
 */
public record ArrayLayout(String layer, int inStart, int inCount, int outStart, int outCount, int weightBits,
    int slices, int sliceBits, WeightEncoding encoding) {

  public ArrayLayout {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(encoding, "encoding");
    if (inStart < 0 || inCount <= 0 || outStart < 0 || outCount <= 0 || weightBits <= 0 || slices <= 0
        || sliceBits <= 0) {
      throw new IllegalArgumentException("invalid array layout " + layer + ": ranges and bit counts must be positive");
    }
    if (encoding == WeightEncoding.TWOS_COMPLEMENT && (sliceBits != 1 || slices != weightBits)) {
      throw new IllegalArgumentException("two's complement layout needs one bit per slice and slices = weight bits");
    }
  }

  /** Columns one output channel occupies. */
  public int columnsPerOutput() {
    return encoding == WeightEncoding.DIFFERENTIAL ? 2 * slices : slices;
  }

  /** Columns used on the array. */
  public int columnsUsed() {
    return outCount * columnsPerOutput();
  }

  /** Column of (output o relative to outStart, slice s, negative half of a differential pair?). */
  public int column(int o, int s, boolean negative) {
    int c = o * columnsPerOutput() + (encoding == WeightEncoding.DIFFERENTIAL ? 2 * s + (negative ? 1 : 0) : s);
    return c;
  }
}
