package ancc.backends.mapping;

import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.WeightEncoding;

/**
 * Integer weights to cell levels (or bits) and back, per {@link ArrayLayout}'s normative decode
 * rule. Encoding of a weight q with b bits and slices of {@code sb} bits, slice s least
 * significant first:
 *
 * <ul>
 *   <li>DIFFERENTIAL: slice s of |q| ((|q| >> s*sb) mod 2^sb) goes to the + column of the pair
 *       when q > 0, to the - column when q < 0; the other column of the pair is 0.
 *   <li>OFFSET: slice s of u = q + 2^(b-1) (always in [1, 2^b - 1]).
 *   <li>TWOS_COMPLEMENT: bit s of q's b-bit two's complement.
 * </ul>
 *
 * {@link #decode} inverts {@link #encode} exactly for every weight in the format's range.
 */
public final class CellCodec {
  private CellCodec() {}

  /** A layout for the block [inStart, inStart+inCount) x [outStart, outStart+outCount) in this format. */
  public static ArrayLayout layout(String layer, int inStart, int inCount, int outStart, int outCount,
      WeightFormat f) {
    return new ArrayLayout(layer, inStart, inCount, outStart, outCount, f.weightBits(), f.slices(), f.sliceBits(),
        f.encoding());
  }

  /** The cells [rows, cols] (i64) of an array holding {@code layout}'s block of {@code w}. */
  public static Tensor encode(QuantizedWeights w, ArrayLayout layout, int rows, int cols) {
    if (layout.inCount() > rows || layout.columnsUsed() > cols) {
      throw new IllegalArgumentException("block " + layout.inCount() + "x" + layout.columnsUsed()
          + " does not fit a " + rows + "x" + cols + " array");
    }
    if (layout.weightBits() != w.bits()) {
      throw new IllegalArgumentException("layout has " + layout.weightBits() + "-bit weights, matrix " + w.bits());
    }
    long[] cells = new long[rows * cols];
    int sb = layout.sliceBits();
    long mask = (1L << sb) - 1;
    int b = layout.weightBits();
    for (int o = 0; o < layout.outCount(); o++) {
      for (int r = 0; r < layout.inCount(); r++) {
        long q = w.at(layout.outStart() + o, layout.inStart() + r);
        int rowBase = r * cols;
        for (int s = 0; s < layout.slices(); s++) {
          int shift = s * sb;
          if (layout.encoding() == WeightEncoding.DIFFERENTIAL) {
            long level = (Math.abs(q) >> shift) & mask;
            cells[rowBase + layout.column(o, s, q < 0)] = level;
          } else if (layout.encoding() == WeightEncoding.OFFSET) {
            long u = q + (1L << (b - 1));
            cells[rowBase + layout.column(o, s, false)] = (u >> shift) & mask;
          } else {
            long u = q & ((1L << b) - 1);
            cells[rowBase + layout.column(o, s, false)] = (u >> shift) & 1L;
          }
        }
      }
    }
    return Tensor.ofLongs(new long[] {rows, cols}, cells);
  }

  /** The integer weights [outCount][inCount] stored in {@code cells} under {@code layout}. */
  public static long[][] decode(ArrayLayout layout, Tensor cells) {
    long[] c = cells.longs();
    int cols = (int) cells.dim(1);
    int sb = layout.sliceBits();
    int b = layout.weightBits();
    long[][] q = new long[layout.outCount()][layout.inCount()];
    for (int o = 0; o < layout.outCount(); o++) {
      for (int r = 0; r < layout.inCount(); r++) {
        int rowBase = r * cols;
        long v = 0;
        for (int s = 0; s < layout.slices(); s++) {
          long weight = 1L << (s * sb);
          if (layout.encoding() == WeightEncoding.DIFFERENTIAL) {
            v += weight * (c[rowBase + layout.column(o, s, false)] - c[rowBase + layout.column(o, s, true)]);
          } else {
            v += weight * c[rowBase + layout.column(o, s, false)];
          }
        }
        if (layout.encoding() == WeightEncoding.OFFSET) {
          v -= 1L << (b - 1);
        } else if (layout.encoding() == WeightEncoding.TWOS_COMPLEMENT && ((v >> (b - 1)) & 1L) != 0) {
          v -= 1L << b;
        }
        q[o][r] = v;
      }
    }
    return q;
  }
}
