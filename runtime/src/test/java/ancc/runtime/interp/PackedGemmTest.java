package ancc.runtime.interp;

import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The blocked products against the plain loops they replace. The plain loops sum in double over k
 * in increasing order from +0.0, as PackedGemm promises, so every comparison is bit for bit.
 */
class PackedGemmTest {

  /** C = A B by the definition: m x k A and k x n B with (row, column) strides. */
  static double[] plain(float[] a, int ars, int acs, float[] b, int brs, int bcs, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int kk = 0; kk < k; kk++) {
          s += (double) a[i * ars + kk * acs] * (double) b[kk * brs + j * bcs];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  private static float[] floats(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void productsMatchThePlainLoopBitForBit() {
    Random r = new Random(11);
    // both regimes (many tiles: separate panels; few tiles: shared panel), k beyond one panel,
    // odd sizes, single rows and columns, and an empty k
    int[][] shapes = {{1, 1, 1}, {5, 7, 3}, {3, 300, 1}, {700, 37, 3}, {31, 513, 70}, {2, 5, 600}, {250, 129, 261},
        {64, 0, 9}, {17, 2, 1000}};
    for (int[] s : shapes) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        float[] a = floats(r, m * k);
        float[] b = floats(r, k * n);
        int ars = ta ? 1 : k;
        int acs = ta ? m : 1;
        int brs = tb ? 1 : n;
        int bcs = tb ? k : 1;
        double[] want = plain(a, ars, acs, b, brs, bcs, m, k, n);
        double[] got = new double[m * n];
        MatMulKernels.multiply(a, 0, ars, acs, b, 0, brs, bcs, m, k, n, got);
        assertArrayEquals(want, got, "m=" + m + " k=" + k + " n=" + n + " transA=" + ta + " transB=" + tb);
      }
    }
  }

  @Test
  void everyElementIsStoredOnceInBothRegimes() {
    for (int[] s : new int[][] {{2, 700, 40, 3}, {40, 300, 20, 900}, {1, 1, 1, 1}}) {
      int count = s[0];
      int m = s[1];
      int k = s[2];
      int n = s[3];
      int[] seen = new int[count * m * n];
      float[] a = new float[m * k];
      PackedGemm.run(count, m, k, n, new PackedGemm.Matrix(a, p -> 0, k, 1),
          PackedGemm.strided(new float[k * n], p -> 0, n, 1), (p, i, j0, nb, row) -> {
            synchronized (seen) {
              for (int j = 0; j < nb; j++) {
                seen[(p * m + i) * n + j0 + j]++;
              }
            }
          });
      for (int v : seen) {
        assertEquals(1, v);
      }
    }
  }

  @Test
  void tilesAreAboutEqualAndAtMostTheMaximum() {
    assertEquals(56, PackedGemm.tileWidth(49));
    assertEquals(200, PackedGemm.tileWidth(196));
    assertEquals(200, PackedGemm.tileWidth(784)); // four tiles of 196 columns, rounded up to 8
    assertTrue(PackedGemm.tileWidth(3136) <= PackedGemm.NB);
    assertEquals(PackedGemm.NB, PackedGemm.tileWidth(PackedGemm.NB * 5));
  }

  /** Conv by the definition over N-D windows, summing over (input channel, kernel offset) in C order from +0.0. */
  static float[] plainConv(Tensor x, Tensor w, float[] bias, int g, int[] st, int[] di, int[] pb, int[] outDims) {
    int d = x.rank() - 2;
    int batch = (int) x.dim(0);
    int c = (int) x.dim(1);
    int m = (int) w.dim(0);
    int cg = c / g;
    int mg = m / g;
    int[] in = new int[d];
    int[] k = new int[d];
    for (int i = 0; i < d; i++) {
      in[i] = (int) x.dim(i + 2);
      k[i] = (int) w.dim(i + 2);
    }
    int pout = 1;
    int pin = 1;
    int kp = 1;
    for (int i = 0; i < d; i++) {
      pout *= outDims[i];
      pin *= in[i];
      kp *= k[i];
    }
    float[] xv = x.floats();
    float[] wv = w.floats();
    float[] y = new float[batch * m * pout];
    int[] o = new int[d];
    int[] kk = new int[d];
    for (int n = 0; n < batch; n++) {
      for (int oc = 0; oc < m; oc++) {
        int grp = oc / mg;
        java.util.Arrays.fill(o, 0);
        for (int p = 0; p < pout; p++) {
          double sum = 0.0;
          for (int ic = 0; ic < cg; ic++) {
            java.util.Arrays.fill(kk, 0);
            for (int q = 0; q < kp; q++) {
              int off = 0;
              boolean inside = true;
              for (int i = 0; i < d; i++) {
                int pos = o[i] * st[i] - pb[i] + kk[i] * di[i];
                inside &= pos >= 0 && pos < in[i];
                off = off * in[i] + pos;
              }
              if (inside) {
                sum += (double) xv[(n * c + grp * cg + ic) * pin + off] * (double) wv[(oc * cg + ic) * kp + q];
              }
              Windows.increment(kk, k);
            }
          }
          y[(n * m + oc) * pout + p] = (float) (sum + (bias == null ? 0.0 : bias[oc]));
          Windows.increment(o, outDims);
        }
      }
    }
    return y;
  }

  private static List<Long> longs(int[] v) {
    List<Long> out = new ArrayList<>();
    for (int x : v) {
      out.add((long) x);
    }
    return out;
  }

  @Test
  void convolutionsMatchThePlainLoopBitForBit() {
    Random r = new Random(5);
    for (int trial = 0; trial < 60; trial++) {
      int d = trial % 6 == 5 ? (trial % 12 == 5 ? 1 : 3) : 2;
      int batch = 1 + r.nextInt(3);
      int g = switch (trial % 4) {
        case 1 -> 2;
        case 2 -> 3;
        default -> 1;
      };
      boolean depthwise = trial % 10 == 7;
      int cg = depthwise ? 1 : 1 + r.nextInt(5);
      int mg = depthwise ? 1 : 1 + r.nextInt(7);
      if (depthwise) {
        g = 4 + r.nextInt(5);
      }
      int[] in = new int[d];
      int[] k = new int[d];
      int[] st = new int[d];
      int[] di = new int[d];
      int[] pb = new int[d];
      int[] pe = new int[d];
      int[] out = new int[d];
      boolean pointwise = trial % 5 == 0;
      for (int i = 0; i < d; i++) {
        k[i] = pointwise ? 1 : 1 + r.nextInt(3);
        st[i] = pointwise && trial % 10 == 0 ? 1 : 1 + r.nextInt(2);
        di[i] = pointwise ? 1 : 1 + r.nextInt(2);
        pb[i] = pointwise ? 0 : r.nextInt(2);
        pe[i] = pointwise ? 0 : r.nextInt(3);
        in[i] = (k[i] - 1) * di[i] + 1 + r.nextInt(d == 3 ? 4 : 12);
        out[i] = (in[i] + pb[i] + pe[i] - ((k[i] - 1) * di[i] + 1)) / st[i] + 1;
      }
      long[] xs = new long[d + 2];
      long[] ws = new long[d + 2];
      xs[0] = batch;
      xs[1] = (long) g * cg;
      ws[0] = (long) g * mg;
      ws[1] = cg;
      for (int i = 0; i < d; i++) {
        xs[i + 2] = in[i];
        ws[i + 2] = k[i];
      }
      Tensor x = random(100 + trial, xs);
      Tensor w = random(200 + trial, ws);
      Tensor b = trial % 3 == 0 ? null : random(300 + trial, (long) g * mg);
      List<Long> pads = new ArrayList<>(longs(pb));
      pads.addAll(longs(pe));
      Op.Conv op = new Op.Conv(longs(st), pads, longs(di), g);
      Tensor y = b == null ? eval(op, x, w) : eval(op, x, w, b);
      float[] want = plainConv(x, w, b == null ? null : b.floats(), g, st, di, pb, out);
      assertArrayEquals(want, y.floats(), "trial " + trial + ": " + op);
    }
  }

  @Test
  void largeConvolutionsMatchThePlainLoopBitForBit() {
    // ResNet-like layers: enough columns for separate tiles, and a late 7x7 layer with few tiles
    int[][] cases = {{1, 16, 40, 3, 30, 1}, {2, 64, 70, 3, 7, 1}, {1, 24, 300, 1, 7, 1}, {3, 8, 20, 3, 17, 2}};
    for (int[] cs : cases) {
      int batch = cs[0];
      int c = cs[1];
      int m = cs[2];
      int k = cs[3];
      int h = cs[4];
      int s = cs[5];
      int p = k / 2;
      Tensor x = random(cs[1] * 7L + cs[2], batch, c, h, h);
      Tensor w = random(cs[2] * 3L, m, c, k, k);
      Tensor b = random(9, m);
      Op.Conv op = new Op.Conv(List.of((long) s, (long) s), List.of((long) p, (long) p, (long) p, (long) p), List.of(), 1);
      int o = (h + 2 * p - k) / s + 1;
      float[] want = plainConv(x, w, b.floats(), 1, new int[] {s, s}, new int[] {1, 1}, new int[] {p, p}, new int[] {o, o});
      assertArrayEquals(want, eval(op, x, w, b).floats());
    }
  }

  @Test
  void gemmAndMatmulMatchThePlainLoopBitForBit() {
    Tensor a = random(1, 300, 70);
    Tensor bt = random(2, 90, 70);
    Tensor c = random(3, 90);
    Tensor y = eval(new Op.Gemm(0.5f, 2f, false, true), a, bt, c);
    double[] acc = plain(a.floats(), 70, 1, bt.floats(), 1, 70, 300, 70, 90);
    float[] want = new float[acc.length];
    for (int i = 0; i < want.length; i++) {
      want[i] = (float) (0.5f * acc[i] + (double) 2f * c.floats()[i % 90]);
    }
    assertArrayEquals(want, y.floats());

    Tensor ma = random(4, 3, 33, 65);
    Tensor mb = random(5, 65, 270);
    Tensor my = eval(new Op.MatMul(), ma, mb);
    for (int bi = 0; bi < 3; bi++) {
      float[] slice = java.util.Arrays.copyOfRange(ma.floats(), bi * 33 * 65, (bi + 1) * 33 * 65);
      double[] ref = plain(slice, 65, 1, mb.floats(), 270, 1, 33, 65, 270);
      for (int i = 0; i < ref.length; i++) {
        assertEquals((float) ref[i], my.floats()[bi * 33 * 270 + i]);
      }
    }
  }

  /** Runs the work inside a fork-join pool of the given parallelism (the kernels split over the pool they run in). */
  private static <T> T onThreads(int threads, Supplier<T> work) throws Exception {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(work::get).get();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void resultsAreTheSameBitsOnAnyNumberOfThreads() throws Exception {
    Tensor x = random(21, 2, 24, 29, 29);
    Tensor w = random(22, 48, 24, 3, 3);
    Tensor b = random(23, 48);
    Op.Conv conv = new Op.Conv(List.of(1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(), 1);
    Tensor late = random(24, 1, 64, 7, 7);
    Tensor lateW = random(25, 256, 64, 3, 3);
    Tensor ma = random(26, 130, 300);
    Tensor mb = random(27, 300, 20);
    Supplier<List<float[]>> work = () -> List.of(eval(conv, x, w, b).floats(), eval(conv, late, lateW).floats(),
        eval(new Op.MatMul(), ma, mb).floats());
    List<float[]> one = onThreads(1, work);
    for (int threads : new int[] {2, 3, 8}) {
      List<float[]> many = onThreads(threads, work);
      for (int i = 0; i < one.size(); i++) {
        assertArrayEquals(one.get(i), many.get(i), threads + " threads, result " + i);
      }
    }
    List<float[]> common = work.get();
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.get(i), common.get(i), "common pool, result " + i);
    }
  }
}
