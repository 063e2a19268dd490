package ancc.runtime.interp;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The blocked, multi-threaded matrix product behind convolution, MatMul, Gemm and the linear layer:
 * {@code count} products C_p = A_p B_p of an m x k matrix A_p by a k x n matrix B_p.
 *
 * <p>Each product is cut into tiles of at most {@link #NB} columns and a number of rows that depends
 * only on the shapes (never on the thread count), run on {@link Parallel#forEach}. With many tiles
 * each tile is a work item that packs B, {@link #KC} rows of k at a time, into its own panel of
 * doubles; with few (fewer than {@link #MIN_ITEMS}), a tile's panel is packed once by all threads
 * and shared by its row blocks. For a convolution the packer is the im2col gather, so the column
 * matrix is never built. C is updated in L1-sized row arrays, three rows by two panel rows at a time: the
 * inner loop runs over panel rows and C rows by a plain index from 0, which is the form HotSpot's
 * C2 (JDK 17) vectorizes. The finished rows go to a {@link Sink}, which writes the result where it
 * belongs.
 *
 * <p>Numbers: every element C(i, j) starts at +0.0 and adds (double) A(i, kk) * (double) B(kk, j)
 * for kk = 0, 1, ..., k - 1 in that order, each product exact in double; no reduction is ever
 * split. The result is therefore the plain triple loop's bit for bit, at any blocking and any
 * thread count.
 */
final class PackedGemm {
  /** Columns of a tile at most: a packed panel's width and a C row's length. */
  static final int NB = 256;
  /** Depth of a packed panel (rows of B packed at once): a panel of 256 KiB stays in L2. */
  static final int KC = 128;
  /** Rows of A in one work item at most. */
  static final int MAX_ROWS = 240;
  /** Products with fewer tiles than this are also split by rows, down to {@link #MIN_ROWS} rows. */
  static final int MIN_ITEMS = 16;
  static final int MIN_ROWS = 18;
  /** Panel rows packed by one work item when a panel is shared. */
  private static final int PACK_ROWS = 16;

  /** A of product p: element (i, kk) at {@code data[offset(p) + i * rowStride + kk * colStride]}. */
  record Matrix(float[] data, IntUnaryOperator offset, int rowStride, int colStride) {}

  /** Packs B of product p: {@code panel[kk][j] = B(k0 + kk, j0 + j)} for kk < kc, j < nb. */
  interface Packer {
    void pack(int p, int k0, int kc, int j0, int nb, double[][] panel);
  }

  /** Receives the finished {@code C(i, j0 + j) = row[j]} of product p for j < nb. */
  interface Sink {
    void store(int p, int i, int j0, int nb, double[] row);
  }

  private static final class Scratch {
    final double[][] panel = new double[KC][NB];
    double[][] rows = new double[0][];

    double[][] rows(int h) {
      if (rows.length < h) {
        rows = new double[Math.max(h, MAX_ROWS)][NB];
      }
      return rows;
    }
  }

  /**
   * One scratch per thread: used only inside a work item, and a work item starts no parallel work,
   * so no two items on one thread ever share it at once.
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private PackedGemm() {}

  /**
   * Columns per tile: the n columns cut into the fewest tiles of at most {@link #NB}, made about
   * equal (a multiple of 8, the widest vector of doubles).
   */
  static int tileWidth(int n) {
    int tiles = (n + NB - 1) / NB;
    return Math.min(NB, ((n + tiles - 1) / tiles + 7) & ~7);
  }

  /** Rows per block when m rows are cut into {@code blocks} about equal blocks (a multiple of 3, the kernel's rows). */
  private static int rowsPer(int m, long blocks) {
    int rows = (int) ((m + blocks - 1) / blocks);
    return Math.min(m, (rows + 2) / 3 * 3);
  }

  /** Computes every product and hands every element of C to {@code sink} exactly once. */
  static void run(int count, int m, int k, int n, Matrix a, Packer b, Sink sink) {
    if (count <= 0 || m <= 0 || n <= 0) {
      return;
    }
    int width = tileWidth(n);
    int nBlocks = (n + width - 1) / width;
    long tiles = (long) count * nBlocks;
    long mBlocks = (m + MAX_ROWS - 1) / MAX_ROWS;
    if (tiles * mBlocks > Integer.MAX_VALUE) {
      throw Args.bad("matrix product of " + count + " x [" + m + "x" + k + "] x [" + k + "x" + n + "] is too large");
    }
    if (tiles * mBlocks >= MIN_ITEMS) {
      separate(count, m, k, n, width, nBlocks, rowsPer(m, mBlocks), a, b, sink);
    } else {
      long blocks = Math.max(1, Math.min((MIN_ITEMS + tiles - 1) / tiles, (m + MIN_ROWS - 1) / MIN_ROWS));
      int rows = rowsPer(m, Math.max(mBlocks, blocks));
      for (int t = 0; t < tiles; t++) {
        int jb = t % nBlocks;
        shared(t / nBlocks, m, k, jb * width, Math.min(width, n - jb * width), rows, a, b, sink);
      }
    }
  }

  /**
   * Many tiles: each work item is one tile (a block of rows by a block of columns) and packs its own
   * panels into its thread's scratch.
   */
  private static void separate(int count, int m, int k, int n, int width, int nBlocks, int rows, Matrix a, Packer b,
      Sink sink) {
    int mBlocks = (m + rows - 1) / rows;
    Parallel.forEach(count * nBlocks * mBlocks, item -> {
      int mb = item % mBlocks;
      int rest = item / mBlocks;
      int jb = rest % nBlocks;
      int p = rest / nBlocks;
      int i0 = mb * rows;
      int h = Math.min(m, i0 + rows) - i0;
      int j0 = jb * width;
      int nb = Math.min(width, n - j0);
      Scratch s = SCRATCH.get();
      double[][] c = s.rows(h);
      for (int r = 0; r < h; r++) {
        Arrays.fill(c[r], 0, nb, 0.0);
      }
      int aBase = a.offset().applyAsInt(p) + i0 * a.rowStride();
      for (int k0 = 0; k0 < k; k0 += KC) {
        int kc = Math.min(KC, k - k0);
        b.pack(p, k0, kc, j0, nb, s.panel);
        update(a, aBase + k0 * a.colStride(), s.panel, kc, c, 0, h, nb);
      }
      for (int r = 0; r < h; r++) {
        sink.store(p, i0 + r, j0, nb, c[r]);
      }
    });
  }

  /**
   * Few tiles (a small output, e.g. the 7x7 maps of a late ResNet stage): the tile's panel is
   * packed once, by all threads, and shared by the row blocks, which run in parallel; the tile's
   * C rows live in one array for all of k.
   */
  private static void shared(int p, int m, int k, int j0, int nb, int rows, Matrix a, Packer b, Sink sink) {
    int depth = Math.max(2, Math.min(Math.max(KC, (KC * NB / nb) & ~1), k));
    double[][] panel = new double[depth][nb];
    double[][] c = new double[m][nb];
    int mBlocks = (m + rows - 1) / rows;
    int aBase = a.offset().applyAsInt(p);
    for (int k0 = 0; k0 < k; k0 += depth) {
      int kc = Math.min(depth, k - k0);
      int from = k0;
      Parallel.forEach((kc + PACK_ROWS - 1) / PACK_ROWS, part -> {
        int r0 = part * PACK_ROWS;
        int r1 = Math.min(kc, r0 + PACK_ROWS);
        b.pack(p, from + r0, r1 - r0, j0, nb, Arrays.copyOfRange(panel, r0, r1));
      });
      boolean last = k0 + kc >= k;
      Parallel.forEach(mBlocks, mb -> {
        int i0 = mb * rows;
        int h = Math.min(m, i0 + rows) - i0;
        update(a, aBase + i0 * a.rowStride() + from * a.colStride(), panel, kc, c, i0, h, nb);
        if (last) {
          for (int r = i0; r < i0 + h; r++) {
            sink.store(p, r, j0, nb, c[r]);
          }
        }
      });
    }
    if (k == 0) {
      for (int r = 0; r < m; r++) {
        sink.store(p, r, j0, nb, c[r]);
      }
    }
  }

  /** Adds A(rows, kk) * panel[kk] for kk < kc to rows c[c0 .. c0 + h - 1]; ai indexes A at the first row and kk = 0. */
  private static void update(Matrix a, int ai, double[][] panel, int kc, double[][] c, int c0, int h, int nb) {
    float[] av = a.data();
    int ars = a.rowStride();
    int acs = a.colStride();
    int r = 0;
    for (; r + 3 <= h; r += 3) {
      rows3(av, ai + r * ars, ars, acs, panel, kc, c[c0 + r], c[c0 + r + 1], c[c0 + r + 2], nb);
    }
    if (h - r == 2) {
      rows2(av, ai + r * ars, ars, acs, panel, kc, c[c0 + r], c[c0 + r + 1], nb);
    } else if (h - r == 1) {
      row1(av, ai + r * ars, acs, panel, kc, c[c0 + r], nb);
    }
    if (kc % 2 != 0) {
      // the last, unpaired panel row: one step, after the pairs, as the order of k requires
      int last = kc - 1;
      for (r = 0; r < h; r++) {
        axpy(av[ai + r * ars + last * acs], panel[last], c[c0 + r], nb);
      }
    }
  }

  /*
   * The kernels. Each updates its C rows with the pairs of consecutive panel rows (kk, kk + 1) for
   * kk + 1 < kc, written as c = c + a0 * b0 + a1 * b1 (Java adds left to right: the same two steps,
   * in the same order, as two passes of c += a * b, so the same bits) with the running sum kept in
   * a register between the two steps; an unpaired last panel row is the caller's (axpy). Measured
   * on HotSpot C2 (JDK 17): these loops are vectorized only while they touch at most five arrays
   * (more and C2 leaves the loop scalar), so the widest kernel is three C rows by two panel rows;
   * and a kernel that also held the unpaired step as a second loop ran a third slower.
   */

  private static void axpy(double a0, double[] b0, double[] c0, int nb) {
    for (int j = 0; j < nb; j++) {
      c0[j] += a0 * b0[j];
    }
  }

  private static void rows3(float[] a, int ai, int ars, int acs, double[][] panel, int kc, double[] c0, double[] c1,
      double[] c2, int nb) {
    for (int kk = 0; kk + 2 <= kc; kk += 2) {
      int o = ai + kk * acs;
      double a00 = a[o];
      double a01 = a[o + acs];
      double a10 = a[o + ars];
      double a11 = a[o + ars + acs];
      double a20 = a[o + 2 * ars];
      double a21 = a[o + 2 * ars + acs];
      double[] b0 = panel[kk];
      double[] b1 = panel[kk + 1];
      for (int j = 0; j < nb; j++) {
        double x0 = b0[j];
        double x1 = b1[j];
        c0[j] = c0[j] + a00 * x0 + a01 * x1;
        c1[j] = c1[j] + a10 * x0 + a11 * x1;
        c2[j] = c2[j] + a20 * x0 + a21 * x1;
      }
    }
  }

  private static void rows2(float[] a, int ai, int ars, int acs, double[][] panel, int kc, double[] c0, double[] c1,
      int nb) {
    for (int kk = 0; kk + 2 <= kc; kk += 2) {
      int o = ai + kk * acs;
      double a00 = a[o];
      double a01 = a[o + acs];
      double a10 = a[o + ars];
      double a11 = a[o + ars + acs];
      double[] b0 = panel[kk];
      double[] b1 = panel[kk + 1];
      for (int j = 0; j < nb; j++) {
        double x0 = b0[j];
        double x1 = b1[j];
        c0[j] = c0[j] + a00 * x0 + a01 * x1;
        c1[j] = c1[j] + a10 * x0 + a11 * x1;
      }
    }
  }

  private static void row1(float[] a, int ai, int acs, double[][] panel, int kc, double[] c0, int nb) {
    for (int kk = 0; kk + 2 <= kc; kk += 2) {
      int o = ai + kk * acs;
      double a0 = a[o];
      double a1 = a[o + acs];
      double[] b0 = panel[kk];
      double[] b1 = panel[kk + 1];
      for (int j = 0; j < nb; j++) {
        c0[j] = c0[j] + a0 * b0[j] + a1 * b1[j];
      }
    }
  }

  /** Packer of a B stored with strides: B(kk, j) = {@code b[offset(p) + kk * rowStride + j * colStride]}. */
  static Packer strided(float[] b, IntUnaryOperator offset, int rowStride, int colStride) {
    return (p, k0, kc, j0, nb, panel) -> {
      int base = offset.applyAsInt(p) + j0 * colStride;
      for (int kk = 0; kk < kc; kk++) {
        double[] dst = panel[kk];
        int o = base + (k0 + kk) * rowStride;
        if (colStride == 1) {
          for (int j = 0; j < nb; j++) {
            dst[j] = b[o + j];
          }
        } else {
          for (int j = 0; j < nb; j++) {
            dst[j] = b[o + j * colStride];
          }
        }
      }
    };
  }
}
