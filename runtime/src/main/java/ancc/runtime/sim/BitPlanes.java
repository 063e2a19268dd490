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
 * ({@link ProgrammedArray#planeTable}).
 */
final class BitPlanes {
  /** Largest table, in floats, for which 8-row chunks are used (256 KiB, within L2). */
  static final int SMALL_TABLE = 1 << 16;

  /** A subset-sum table: [chunks * 2^chunk * cols], chunk rows per chunk. */
  record Table(int chunk, float[] sums) {}

  private BitPlanes() {}

  /** The subset-sum table of a [rows, cols] row-major cell block. */
  static Table table(float[] cells, int rows, int cols) {
    int chunk = (long) ((rows + 7) / 8) * 256 * cols <= SMALL_TABLE ? 8 : 4;
    int subsets = 1 << chunk;
    int chunks = (rows + chunk - 1) / chunk;
    float[] t = new float[Math.multiplyExact(chunks * subsets, cols)];
    for (int k = 0; k < chunks; k++) {
      int base = k * subsets * cols;
      for (int m = 1; m < subsets; m++) {
        int top = 31 - Integer.numberOfLeadingZeros(m);
        int r = k * chunk + top;
        int to = base + m * cols;
        int from = base + (m ^ (1 << top)) * cols;
        if (r >= rows) {
          continue;
        }
        int cr = r * cols;
        for (int c = 0; c < cols; c++) {
          t[to + c] = t[from + c] + cells[cr + c];
        }
      }
    }
    return new Table(chunk, t);
  }

  /**
   * values[v * cols + c] = sum_r drive(v, r) * cell[r][c] for the n vectors of a block, where
   * drive(v, r) = sign(v, r) * bit {@code plane} of mag[v * rows + r] (mag >= 0, negative[v * rows +
   * r] gives the sign), and sets drive[v * rows + r] to that drive. values is overwritten.
   */
  static void read(Table tab, int[] mag, boolean[] negative, boolean anyNegative, int n, int rows, int cols,
      int plane, float[] drive, float[] values) {
    int chunk = tab.chunk();
    int rowsPerEntry = (1 << chunk) * cols;
    float[] table = tab.sums();
    int chunks = (rows + chunk - 1) / chunk;
    int[] pos = new int[chunks];
    int[] neg = new int[chunks];
    float[] minus = anyNegative ? new float[cols] : null;
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
        // Table entries are offsets of the selected subset's row; subset 0 is a row of zeros.
        pos[k] = k * rowsPerEntry + p * cols;
        neg[k] = k * rowsPerEntry + m * cols;
        signed |= m != 0;
      }
      int out = v * cols;
      sum(table, pos, chunks, cols, values, out);
      if (signed) {
        sum(table, neg, chunks, cols, minus, 0);
        for (int c = 0; c < cols; c++) {
          values[out + c] -= minus[c];
        }
      }
    }
  }

  /** dst[o + c] = sum_k table[at[k] + c], four table rows per pass over the columns. */
  private static void sum(float[] table, int[] at, int count, int cols, float[] dst, int o) {
    int k = 0;
    if (count >= 4) {
      int a = at[0];
      int b = at[1];
      int c0 = at[2];
      int d = at[3];
      for (int c = 0; c < cols; c++) {
        dst[o + c] = (table[a + c] + table[b + c]) + (table[c0 + c] + table[d + c]);
      }
      k = 4;
    } else {
      java.util.Arrays.fill(dst, o, o + cols, 0f);
    }
    for (; k + 4 <= count; k += 4) {
      int a = at[k];
      int b = at[k + 1];
      int c0 = at[k + 2];
      int d = at[k + 3];
      for (int c = 0; c < cols; c++) {
        dst[o + c] += (table[a + c] + table[b + c]) + (table[c0 + c] + table[d + c]);
      }
    }
    for (; k < count; k++) {
      int a = at[k];
      for (int c = 0; c < cols; c++) {
        dst[o + c] += table[a + c];
      }
    }
  }
}
