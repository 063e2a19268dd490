package ancc.backends.mapping;

import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr.InputMode;

/**
 * The ADC full scale of one array (the {@code adcFullScale} of its {@code mvm}), in units of
 * level x input drive per read, as the ISA defines it: inputs drive the rows in sign-magnitude
 * form, in slices of D bits per read (D = 1 bit-serial, D = DAC bits multi-bit), read j driving
 * sign(x) x ((|x| >> jD) mod 2^D), or x itself when D covers the magnitude.
 *
 * <p>Scheme: the worst case is {@code bound = inCount x maxLevel x maxDrive}, maxDrive the largest
 * drive of one read (1 bit-serial). Calibration rows (the layer's quantized inputs on the calibration batch) give
 * the largest column sum actually seen, over every column of the array and every bit plane;
 * the full scale is {@code min(bound, max(1, HEADROOM x observed))}. With no calibration rows it
 * is the bound. A column never exceeds the bound, so a full scale at the bound never clips; the
 * calibrated one spends the ADC codes on the range real data uses (column sums are far below the
 * bound in practice) and clips only outliers beyond 1.25x the calibration maximum.
 */
public final class AdcRange {
  /** Margin over the largest calibrated column sum. */
  public static final double HEADROOM = 1.25;

  private AdcRange() {}

  /** Input bits driven per read: 1 bit-serial, the DAC bits multi-bit (capped at the magnitude bits). */
  public static int bitsPerRead(InputMode mode, int dacBits, InputQuant in) {
    return mode == InputMode.BIT_SERIAL ? 1 : Math.min(dacBits, in.magnitudeBits());
  }

  /** Worst-case |column sum| of one read of an array holding {@code inCount} rows. */
  public static double bound(int inCount, long maxLevel, int bitsPerRead) {
    return (double) inCount * maxLevel * ((1L << bitsPerRead) - 1);
  }

  /**
   * The full scale for an array. {@code codes} are calibration rows of the layer's quantized
   * input vector (full width, the array reads [inStart, inStart + inCount)); may be empty.
   */
  public static float fullScale(ArrayLayout layout, Tensor cells, long maxLevel, int bitsPerRead, InputQuant in,
      long[][] codes) {
    return fullScale(layout, cells, maxLevel, bitsPerRead, in, codes, false);
  }

  /**
   * The full scale for an array whose ADCs convert either single columns or, with {@code pairs}
   * (pair sensing on a differential layout), the difference of each G+/G- column pair (2i, 2i + 1):
   * then the calibration maximum is taken over |sum(2i) - sum(2i + 1)|, the value the converter
   * sees. The bound holds for both (a pair's columns are non-negative).
   */
  public static float fullScale(ArrayLayout layout, Tensor cells, long maxLevel, int bitsPerRead, InputQuant in,
      long[][] codes, boolean pairs) {
    double bound = bound(layout.inCount(), maxLevel, bitsPerRead);
    if (codes.length == 0) {
      return (float) bound;
    }
    double observed = observedMax(layout, cells, bitsPerRead, in, codes, pairs);
    return (float) Math.min(bound, Math.max(1.0, HEADROOM * observed));
  }

  /** The largest |column sum| (pairs: |pair difference|) over the rows, columns and reads. */
  static double observedMax(ArrayLayout layout, Tensor cells, int bitsPerRead, InputQuant in, long[][] codes,
      boolean pairs) {
    long[] c = cells.longs();
    int cols = (int) cells.dim(1);
    int used = layout.columnsUsed();
    int planes = (in.magnitudeBits() + bitsPerRead - 1) / bitsPerRead;
    long mask = (1L << bitsPerRead) - 1;
    double max = 0;
    long[] acc = new long[used];
    for (long[] row : codes) {
      for (int j = 0; j < planes; j++) {
        java.util.Arrays.fill(acc, 0);
        for (int r = 0; r < layout.inCount(); r++) {
          long x = row[layout.inStart() + r];
          long drive = Long.signum(x) * ((Math.abs(x) >> (j * bitsPerRead)) & mask);
          if (drive == 0) {
            continue;
          }
          int base = r * cols;
          for (int k = 0; k < used; k++) {
            acc[k] += drive * c[base + k];
          }
        }
        if (pairs) {
          for (int k = 0; k + 1 < used; k += 2) {
            max = Math.max(max, Math.abs((double) (acc[k] - acc[k + 1])));
          }
        } else {
          for (long a : acc) {
            max = Math.max(max, Math.abs((double) a));
          }
        }
      }
    }
    return max;
  }
}
