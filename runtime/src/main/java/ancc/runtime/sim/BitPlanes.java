package ancc.runtime.sim;

/**
 * Column sums of bit-plane reads by table lookup (the "four Russians" method). A bit plane drives
 * each row with -1, 0 or +1, so a read's column values are signed sums of selected cell rows. The
 * rows are grouped in chunks of {@code chunk} rows (8 when the table stays within {@value
 * #SMALL_TABLE} floats, else 4); a table holds, per chunk and per subset of its rows (a
 * chunk-bit mask), the sums of the selected rows for every column, added in increasing row order.
 * A read of one vector then adds one table row per chunk with positive drives and subtracts one
 * per chunk with negative drives: up to {@code chunk} times fewer additions than summing the rows
 * one by one. The table depends only on the cells, so it is built once per programmed array
 * ({@link ProgrammedArray#planeTable}). Each table row is an array of its own, so that the loops
 * adding rows index every array from 0 (which the JIT vectorizes; loads at differing offsets
 * into one array it does not).
 */
final class BitPlanes {
  /** Largest table, in floats, for which 8-row chunks are used (256 KiB, within L2). */
  static final int SMALL_TABLE = 1 << 16;

  /**
   * A subset-sum table: row {@code k * 2^chunk + m} holds the column sums of the rows of chunk k
   * selected by mask m; row 0 (chunk 0, the empty subset) is zeros. {@code floats} counts the
   * floats of its distinct rows (subsets past the last row share rows).
   */
  record Table(int chunk, float[][] rows, long floats) {
    /** The index of chunk k's row for subset m. */
    int index(int k, int m) {
      return (k << chunk) + m;
    }
  }

  private BitPlanes() {}

  /** The subset-sum table of a [rows, cols] row-major cell block. */
  static Table table(float[] cells, int rows, int cols) {
    int chunk = (long) ((rows + 7) / 8) * 256 * cols <= SMALL_TABLE ? 8 : 4;
    int subsets = 1 << chunk;
    int chunks = (rows + chunk - 1) / chunk;
    float[][] t = new float[Math.multiplyExact(chunks, subsets)][];
    float[] zeros = new float[cols];
    long floats = cols;
    for (int k = 0; k < chunks; k++) {
      int base = k * subsets;
      t[base] = zeros;
      for (int m = 1; m < subsets; m++) {
        int top = 31 - Integer.numberOfLeadingZeros(m);
        int r = k * chunk + top;
        float[] from = t[base + (m ^ (1 << top))];
        if (r >= rows) {
          t[base + m] = from;
          continue;
        }
        float[] to = new float[cols];
        floats += cols;
        int cr = r * cols;
        for (int c = 0; c < cols; c++) {
          to[c] = from[c] + cells[cr + c];
        }
        t[base + m] = to;
      }
    }
    return new Table(chunk, t, floats);
  }

  /**
   * values[v * cols + c] = sum_r drive(v, r) * cell[r][c] for the n vectors of a block, where
   * drive(v, r) = sign(v, r) * bit {@code plane} of mag[v * rows + r] (mag >= 0, negative[v * rows +
   * r] gives the sign), and sets drive[v * rows + r] to that drive. values is overwritten.
   */
  static void read(Table tab, int[] mag, boolean[] negative, boolean anyNegative, int n, int rows, int cols,
      int plane, float[] drive, float[] values) {
    int chunk = tab.chunk();
    float[][] table = tab.rows();
    int chunks = (rows + chunk - 1) / chunk;
    int[] pos = new int[chunks + 3];
    int[] neg = new int[chunks + 3];
    float[] plus = new float[cols];
    float[] minus = new float[cols];
    for (int v = 0; v < n; v++) {
      int in = v * rows;
      boolean signed = false;
      for (int k = 0; k < chunks; k++) {
        int r0 = k * chunk;
        int r1 = Math.min(rows, r0 + chunk);
        int p = 0;
        int m = 0;
        for (int r = r0; r < r1; r++) {
          int bit = (mag[in + r] >>> plane) & 1;
          if (anyNegative && negative[in + r]) {
            m |= bit << (r - r0);
            drive[in + r] = -bit;
          } else {
            p |= bit << (r - r0);
            drive[in + r] = bit;
          }
        }
        pos[k] = tab.index(k, p);
        neg[k] = tab.index(k, m);
        signed |= m != 0;
      }
      sum(table, pos, chunks, cols, plus);
      if (signed) {
        sum(table, neg, chunks, cols, minus);
        for (int c = 0; c < cols; c++) {
          plus[c] -= minus[c];
        }
      }
      System.arraycopy(plus, 0, values, v * cols, cols);
    }
  }

  /**
   * The transpose of an 8 x 8 bit matrix held in a long, bit 8i + j holding element (i, j): for 8
   * input codes of at most 8 bits packed one per byte (code i in byte i), byte j of the result is
   * the mask of the codes whose bit j is set (bit i for code i), i.e. bit plane j of the 8 rows.
   * Three rounds of delta swaps (Warren, Hacker's Delight, section 7-3).
   */
  static long transpose8(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    return x ^ t ^ (t << 28);
  }

  /**
   * dst[c] = sum_k rows[at[k]][c] for k < count, four table rows per pass over the columns.
   * {@code at} is padded with row 0 (zeros) to a multiple of four, so it needs room for count + 3
   * entries.
   */
  static void sum(float[][] rows, int[] at, int count, int cols, float[] dst) {
    if (count == 0) {
      java.util.Arrays.fill(dst, 0, cols, 0f);
      return;
    }
    while ((count & 3) != 0) {
      at[count++] = 0;
    }
    float[] a = rows[at[0]];
    float[] b = rows[at[1]];
    float[] e = rows[at[2]];
    float[] f = rows[at[3]];
    for (int c = 0; c < cols; c++) {
      dst[c] = (a[c] + b[c]) + (e[c] + f[c]);
    }
    for (int k = 4; k < count; k += 4) {
      a = rows[at[k]];
      b = rows[at[k + 1]];
      e = rows[at[k + 2]];
      f = rows[at[k + 3]];
      for (int c = 0; c < cols; c++) {
        dst[c] += (a[c] + b[c]) + (e[c] + f[c]);
      }
    }
  }
}
