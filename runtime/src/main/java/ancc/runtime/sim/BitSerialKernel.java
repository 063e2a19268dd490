package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.runtime.device.GaussianStream;

/**
 * The bit-serial mvm kernel for codes of at most {@value #MAX_BITS} bits on arrays whose read
 * effects are Gaussian read noise alone ({@link ancc.runtime.device.ArrayPhysics#gaussianReadSigma}):
 * the same numerics as {@link MvmKernel}'s plane loop (per bit plane j: column values v_j = d_j .
 * g, plus the DAC offset currents, plus N(0, (sigma |d_j|)^2) on every column, through the ADC with
 * its offset, shift-added with weight 2^j), computed one vector at a time so that its planes, noise
 * and ADC stay in the first-level cache:
 *
 * <ul>
 *   <li>The codes of 8 rows, one per byte of a long, are turned into their 8 bit planes by one
 *       8 x 8 bit transpose ({@link BitPlanes#transpose8}), positive and negative codes apart.
 *   <li>A plane's column values add one row of the array's subset-sum table ({@link BitPlanes})
 *       per chunk of rows with a set bit; chunks with no set bit are skipped.
 *   <li>A plane with no set bit draws no current, so (without offsets) its read is exactly 0 and
 *       contributes nothing: it is skipped, noise draws included. The noise's variance scale
 *       sum_r d_r^2 of a plane is its number of set bits.
 * </ul>
 *
 * <p>Randomness: block b of the array's k-th mvm draws its noise from one {@link GaussianStream}
 * seeded by {@link ProgrammedArray#readRng}(k, b): one {@link GaussianStream#fill} of cols draws per
 * vector and plane with a set bit, in the order vectors, then planes (ascending); so the bits
 * depend on the seed and on {@link MvmKernel#BLOCK}, never on the thread count. The noise of a
 * column, sigma sqrt(ones) z in float, is added to its value in the ADC's pass. With pair sensing
 * ({@link ProgrammedArray#pairSensing}) one conversion reads each pair's difference of noisy column
 * values, into the pair's plus column. A vector's shift-added result is summed in a scratch row,
 * then added to its row of the output.
 */
final class BitSerialKernel {
  /** Widest codes this kernel takes: one byte per row. */
  static final int MAX_BITS = 8;
  /** Most rows this kernel takes (its per-plane counts are packed in 16 bits). */
  static final int MAX_ROWS = 1 << 14;

  private BitSerialKernel() {}

  /**
   * dst[v][c] += sum_j 2^j ADC(v_j[c]) for the p vectors of x (row stride k, rows from inStart),
   * codes of {@code bits} magnitude bits.
   */
  static void run(ProgrammedArray a, float[] x, int p, int k, int inStart, int bits, double sigma, Adc adc,
      float[] adcOffsets, long call, float[] dst, String where) {
    BitPlanes.Table table = a.planeTable();
    int rows = a.rows;
    int cols = a.cols;
    float[] dacOffsets = a.dacColumnOffsets;
    boolean offsets = dacOffsets != null || adcOffsets != null;
    boolean pairs = a.pairSensing;
    int maxCode = (1 << bits) - 1;
    int groups = (rows + 7) >>> 3;
    int chunk = table.chunk();
    float[][] sums = table.rows();
    Blocks.run(Blocks.count(p, MvmKernel.BLOCK), b -> {
      int v0 = b * MvmKernel.BLOCK;
      int n = Math.min(p, v0 + MvmKernel.BLOCK) - v0;
      GaussianStream noise = sigma > 0 ? new GaussianStream(a.readRng(call, b).nextLong()) : null;
      long[] pos = new long[groups];
      long[] neg = new long[groups];
      int[][] at = new int[MAX_BITS][2 * groups + 3];
      int[][] atNeg = new int[MAX_BITS][2 * groups + 3];
      int[] counts = new int[MAX_BITS];
      int[] countsNeg = new int[MAX_BITS];
      // per-vector scratch, all indexed from 0 so that the column loops vectorize
      float[] values = new float[cols];
      float[] minus = new float[cols];
      float[] acc = new float[cols];
      float[] z = noise == null ? null : new float[cols];
      for (int v = 0; v < n; v++) {
        int base = (v0 + v) * k + inStart;
        long planes = masks(x, base, rows, maxCode, bits, pos, neg, v0 + v, inStart, where);
        boolean anyNeg = false;
        for (int g = 0; g < groups; g++) {
          anyNeg |= neg[g] != 0;
        }
        java.util.Arrays.fill(acc, 0f);
        collect(pos, groups, chunk, table, at, counts);
        if (anyNeg) {
          collect(neg, groups, chunk, table, atNeg, countsNeg);
        } else {
          java.util.Arrays.fill(countsNeg, 0);
        }
        for (int j = 0; j < bits; j++) {
          int shift = 8 * j;
          if (!offsets && ((planes >>> shift) & 0xFF) == 0) {
            continue;
          }
          int np = counts[j] & 0xFFFF;
          int nn = countsNeg[j] & 0xFFFF;
          int ones = (counts[j] >>> 16) + (countsNeg[j] >>> 16);
          BitPlanes.sum(sums, at[j], np, cols, values);
          if (nn > 0) {
            BitPlanes.sum(sums, atNeg[j], nn, cols, minus);
            for (int c = 0; c < cols; c++) {
              values[c] -= minus[c];
            }
          }
          if (dacOffsets != null) {
            for (int c = 0; c < cols; c++) {
              values[c] += dacOffsets[c];
            }
          }
          float weight = (float) (1 << j);
          if (noise != null && ones > 0) {
            noise.fill(z, 0, cols);
            float sd = (float) (sigma * Math.sqrt(ones));
            if (pairs) {
              adc.convertNoisyPairs(values, z, sd, cols, weight, acc, adcOffsets);
            } else {
              adc.convertNoisy(values, z, sd, cols, weight, acc, adcOffsets);
            }
          } else if (pairs) {
            adc.accumulatePairs(values, 0, cols, weight, acc, 0, adcOffsets);
          } else {
            adc.convert(values, cols, weight, acc, adcOffsets);
          }
        }
        int o = (v0 + v) * cols;
        for (int c = 0; c < cols; c++) {
          dst[o + c] += acc[c];
        }
      }
    });
  }

  /**
   * For every plane j, writes to {@code at[j]} the table rows of the chunks whose mask in byte j of
   * {@code masks} is not empty (8-row chunks: the byte; 4-row chunks: its two nibbles), in
   * ascending chunk order, and sets {@code counts[j]} to their number plus 2^16 x the number of set
   * bits (rows are at most 2^15). One pass over the groups, skipping empty groups and bytes.
   */
  private static void collect(long[] masks, int groups, int chunk, BitPlanes.Table table, int[][] at, int[] counts) {
    java.util.Arrays.fill(counts, 0);
    for (int g = 0; g < groups; g++) {
      long all = masks[g];
      while (all != 0) {
        int shift = Long.numberOfTrailingZeros(all) & ~7;
        int j = shift >>> 3;
        int m = (int) (all >>> shift) & 0xFF;
        all &= ~(0xFFL << shift);
        int[] list = at[j];
        int count = counts[j] & 0xFFFF;
        if (chunk == 8) {
          list[count++] = table.index(g, m);
        } else {
          if ((m & 0xF) != 0) {
            list[count++] = table.index(2 * g, m & 0xF);
          }
          if ((m >>> 4) != 0) {
            list[count++] = table.index(2 * g + 1, m >>> 4);
          }
        }
        counts[j] = (counts[j] & ~0xFFFF) + (Integer.bitCount(m) << 16) + count;
      }
    }
  }

  /**
   * Checks the codes of one vector and writes their bit planes per group of 8 rows: byte j of
   * pos[g] (neg[g]) is the mask of the rows 8g .. 8g + 7 with a positive (negative) code whose bit
   * j is set. Returns the OR of all of them (byte j not 0: plane j has a set bit).
   */
  private static long masks(float[] x, int base, int rows, int maxCode, int bits, long[] pos, long[] neg, int vector,
      int inStart, String where) {
    long any = 0;
    for (int g = 0, r0 = 0; r0 < rows; g++, r0 += 8) {
      int r1 = Math.min(rows, r0 + 8);
      long p = 0;
      long q = 0;
      for (int r = r0; r < r1; r++) {
        float xv = x[base + r];
        float m = Math.abs(xv);
        if (!(m <= maxCode) || (int) m != m) {
          throw new InvalidInputException(where + ": input code " + xv + " at row " + vector + ", column "
              + (inStart + r) + " is not an integer of at most " + bits + " magnitude bits");
        }
        long code = (long) m << (8 * (r - r0));
        if (xv < 0) {
          q |= code;
        } else {
          p |= code;
        }
      }
      p = p == 0 ? 0 : BitPlanes.transpose8(p);
      q = q == 0 ? 0 : BitPlanes.transpose8(q);
      pos[g] = p;
      neg[g] = q;
      any |= p | q;
    }
    return any;
  }
}
