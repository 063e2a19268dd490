package ancc.backends.mapping;

import ancc.ir.program.WeightEncoding;
import java.util.Objects;

/**
 * How one integer weight is stored in cells: its width, the slicing across cells and the sign
 * encoding. {@code levels} is the number of programmable levels per cell (2 for SRAM bit cells).
 *
 * <p>Capacity rules (checked here): DIFFERENTIAL stores the magnitude |q| <= 2^(b-1)-1, so
 * slices x sliceBits >= b-1; OFFSET stores q + 2^(b-1) in [1, 2^b-1], so slices x sliceBits >= b;
 * TWOS_COMPLEMENT has one bit per slice and slices = b; a slice needs levels >= 2^sliceBits.
 */
public record WeightFormat(int weightBits, int slices, int sliceBits, WeightEncoding encoding, long levels) {

  public WeightFormat {
    Objects.requireNonNull(encoding, "encoding");
    if (weightBits < 2 || weightBits > 32) {
      throw new IllegalArgumentException("weight bits must be in 2..32, got " + weightBits);
    }
    if (slices <= 0 || sliceBits <= 0) {
      throw new IllegalArgumentException("slices and slice bits must be positive, got " + slices + " x " + sliceBits);
    }
    int need = switch (encoding) {
      case DIFFERENTIAL -> weightBits - 1;
      case OFFSET, TWOS_COMPLEMENT -> weightBits;
    };
    if ((long) slices * sliceBits < need) {
      throw new IllegalArgumentException(encoding.name().toLowerCase(java.util.Locale.ROOT) + " encoding of "
          + weightBits + "-bit weights needs " + need + " bits of slices, " + slices + " x " + sliceBits + " give "
          + (slices * sliceBits));
    }
    if (encoding == WeightEncoding.TWOS_COMPLEMENT && (sliceBits != 1 || slices != weightBits)) {
      throw new IllegalArgumentException("two's complement needs one bit per slice and slices = weight bits");
    }
    if (sliceBits >= 62 || levels < (1L << sliceBits)) {
      throw new IllegalArgumentException(sliceBits + "-bit slices need at least " + (1L << Math.min(sliceBits, 61))
          + " levels per cell, cells have " + levels);
    }
  }

  /** DIFFERENTIAL or OFFSET format with the fewest slices of {@code sliceBits} that hold the weight. */
  public static WeightFormat analog(int weightBits, int sliceBits, WeightEncoding encoding, long levels) {
    int need = encoding == WeightEncoding.DIFFERENTIAL ? weightBits - 1 : weightBits;
    return new WeightFormat(weightBits, (need + sliceBits - 1) / sliceBits, sliceBits, encoding, levels);
  }

  /** SRAM bit cells: two's complement, one column per bit. */
  public static WeightFormat twosComplement(int weightBits) {
    return new WeightFormat(weightBits, weightBits, 1, WeightEncoding.TWOS_COMPLEMENT, 2);
  }

  /** Columns one output channel occupies on an array. */
  public int columnsPerOutput() {
    return encoding == WeightEncoding.DIFFERENTIAL ? 2 * slices : slices;
  }

  /** Largest weight magnitude: 2^(b-1) - 1 (symmetric range). */
  public long maxMagnitude() {
    return (1L << (weightBits - 1)) - 1;
  }

  /** Highest level a cell is programmed to: 2^sliceBits - 1. */
  public long maxLevel() {
    return (1L << sliceBits) - 1;
  }
}
