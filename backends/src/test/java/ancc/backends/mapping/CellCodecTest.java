package ancc.backends.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.WeightEncoding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CellCodecTest {
  // 3 outputs x 5 inputs; row 0 has scale 0.25 exactly, so q is known by hand (-3.5 rounds to -4).
  private static final float[] W = {
      1.75f, -0.875f, 0f, 0.25f, -1.75f,
      0.5f, 0.5f, -0.5f, 0.5f, 0.5f,
      0f, 0f, 0f, 0f, 0f};

  private static QuantizedWeights q4() {
    return QuantizedWeights.quantize(W, 3, 5, 1, 4);
  }

  @Test
  void quantizesPerChannelWithHalfEvenRounding() {
    QuantizedWeights q = q4();
    assertEquals(0.25f, q.scales()[0]);
    assertEquals(0.5f / 7, q.scales()[1]);
    assertEquals(1f, q.scales()[2], "all-zero channel gets scale 1");
    assertArrayEquals(new int[] {7, -4, 0, 1, -7, 7, 7, -7, 7, 7, 0, 0, 0, 0, 0}, q.q());
  }

  @Test
  void differentialLevelsByHand() {
    WeightFormat f = new WeightFormat(4, 2, 2, WeightEncoding.DIFFERENTIAL, 4);
    ArrayLayout l = CellCodec.layout("fc", 0, 5, 0, 3, f);
    Tensor cells = CellCodec.encode(q4(), l, 8, 16);
    long[] c = cells.longs();
    // output 0, columns: s0+ 0, s0- 1, s1+ 2, s1- 3. Input 0: q = 7 = 0b111 -> s0 = 3, s1 = 1 on +.
    assertArrayEquals(new long[] {3, 0, 1, 0}, java.util.Arrays.copyOfRange(c, 0, 4));
    // input 1: q = -4 = -0b100 -> s0 = 0, s1 = 1 on -.
    assertArrayEquals(new long[] {0, 0, 0, 1}, java.util.Arrays.copyOfRange(c, 16, 20));
    // input 3: q = 1 -> s0 = 1 on +.
    assertArrayEquals(new long[] {1, 0, 0, 0}, java.util.Arrays.copyOfRange(c, 48, 52));
    // rows beyond the block and columns beyond 3 outputs x 4 columns are 0.
    for (int i = 5 * 16; i < c.length; i++) {
      assertEquals(0, c[i]);
    }
    assertEquals(0, c[12]);
  }

  @Test
  void offsetLevelsByHand() {
    WeightFormat f = new WeightFormat(4, 2, 2, WeightEncoding.OFFSET, 4);
    ArrayLayout l = CellCodec.layout("fc", 0, 5, 0, 3, f);
    long[] c = CellCodec.encode(q4(), l, 5, 6).longs();
    // q + 8: 7 -> 15 = (3, 3); -4 -> 4 = (0, 1); 0 -> 8 = (0, 2).
    assertArrayEquals(new long[] {3, 3}, java.util.Arrays.copyOfRange(c, 0, 2));
    assertArrayEquals(new long[] {0, 1}, java.util.Arrays.copyOfRange(c, 6, 8));
    assertArrayEquals(new long[] {0, 2}, java.util.Arrays.copyOfRange(c, 12, 14));
  }

  @Test
  void twosComplementBitsByHand() {
    WeightFormat f = WeightFormat.twosComplement(4);
    ArrayLayout l = CellCodec.layout("fc", 0, 5, 0, 3, f);
    long[] c = CellCodec.encode(q4(), l, 5, 12).longs();
    // -4 = 1100b: bits lsb first 0, 0, 1, 1.
    assertArrayEquals(new long[] {0, 0, 1, 1}, java.util.Arrays.copyOfRange(c, 12, 16));
    // -7 = 1001b.
    assertArrayEquals(new long[] {1, 0, 0, 1}, java.util.Arrays.copyOfRange(c, 48, 52));
  }

  @Test
  void roundTripIsExactForEveryEncoding() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (WeightFormat f : new WeightFormat[] {
        new WeightFormat(8, 2, 4, WeightEncoding.DIFFERENTIAL, 16),
        new WeightFormat(8, 7, 1, WeightEncoding.DIFFERENTIAL, 2),
        new WeightFormat(6, 1, 5, WeightEncoding.DIFFERENTIAL, 32),
        new WeightFormat(8, 2, 4, WeightEncoding.OFFSET, 16),
        new WeightFormat(5, 3, 2, WeightEncoding.OFFSET, 4),
        WeightFormat.twosComplement(8),
        WeightFormat.twosComplement(3)}) {
      int m = 7;
      int k = 11;
      int groups = 1;
      long qmax = f.maxMagnitude();
      float[] w = new float[m * k];
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (rnd.nextDouble() * 2 - 1);
      }
      w[3] = 1f;
      w[4] = -1f; // row 0 reaches both extremes
      QuantizedWeights q = QuantizedWeights.quantize(w, m, k, groups, f.weightBits());
      // blocks of 4 inputs x 3 outputs tile the matrix.
      for (int in = 0; in < k; in += 4) {
        for (int out = 0; out < m; out += 3) {
          int ic = Math.min(4, k - in);
          int oc = Math.min(3, m - out);
          ArrayLayout l = CellCodec.layout("x", in, ic, out, oc, f);
          Tensor cells = CellCodec.encode(q, l, 6, 3 * f.columnsPerOutput() + 1);
          for (long v : cells.longs()) {
            assertEquals(true, v >= 0 && v <= f.maxLevel(), f + ": level " + v);
          }
          long[][] d = CellCodec.decode(l, cells);
          for (int o = 0; o < oc; o++) {
            for (int r = 0; r < ic; r++) {
              assertEquals(q.at(out + o, in + r), d[o][r], f + " at " + (out + o) + "," + (in + r));
              assertEquals(true, Math.abs(d[o][r]) <= qmax);
            }
          }
        }
      }
      assertEquals(qmax, q.at(0, 3));
      assertEquals(-qmax, q.at(0, 4));
    }
  }

  @Test
  void decodedTimesScaleReproducesQuantizedWeights() {
    QuantizedWeights q = q4();
    ArrayLayout l = CellCodec.layout("fc", 0, 5, 0, 3, new WeightFormat(4, 2, 2, WeightEncoding.DIFFERENTIAL, 4));
    long[][] d = CellCodec.decode(l, CellCodec.encode(q, l, 5, 12));
    assertEquals(1.75, d[0][0] * (double) q.scales()[0]);
    assertEquals(-1.0, d[0][1] * (double) q.scales()[0]);
    for (int o = 0; o < 3; o++) {
      for (int r = 0; r < 5; r++) {
        assertEquals(q.real(o, r), d[o][r] * (double) q.scales()[o]);
        assertEquals(W[o * 5 + r], q.real(o, r), q.scales()[o] / 2 + 1e-7);
      }
    }
  }

  @Test
  void groupedMatrixIsBlockDiagonal() {
    float[] w = {1, 2, 3, 4, 5, 6, 7, 8}; // 4 outputs in 2 groups, 2 inputs per group
    QuantizedWeights q = QuantizedWeights.quantize(w, 4, 2, 2, 8);
    assertEquals(4, q.expandedInputs());
    assertEquals(0, q.at(0, 2));
    assertEquals(0, q.at(3, 1));
    assertEquals(127, q.at(3, 3));
    assertEquals(q.at(2, 2), Math.round(5 / q.scales()[2]));
  }

  @Test
  void formatsThatCannotHoldTheWeightAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new WeightFormat(8, 1, 4, WeightEncoding.DIFFERENTIAL, 16));
    assertThrows(IllegalArgumentException.class, () -> new WeightFormat(8, 2, 4, WeightEncoding.OFFSET, 8));
    assertThrows(IllegalArgumentException.class, () -> new WeightFormat(8, 7, 1, WeightEncoding.OFFSET, 2));
    assertEquals(2, WeightFormat.analog(8, 4, WeightEncoding.DIFFERENTIAL, 16).slices());
    assertEquals(4, WeightFormat.analog(8, 2, WeightEncoding.OFFSET, 4).slices());
  }
}
