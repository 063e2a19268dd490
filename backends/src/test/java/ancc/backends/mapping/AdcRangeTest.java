package ancc.backends.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.WeightEncoding;
import org.junit.jupiter.api.Test;

/** ADC full scales computed by hand. */
class AdcRangeTest {
  // One output, two inputs, 3-bit weights q = [3, -3] in one 2-bit differential slice:
  // column 0 (+) holds 3 on row 0, column 1 (-) holds 3 on row 1.
  private static final WeightFormat F = new WeightFormat(3, 1, 2, WeightEncoding.DIFFERENTIAL, 4);
  private static final QuantizedWeights Q = QuantizedWeights.quantize(new float[] {1f, -1f}, 1, 2, 1, 3);
  private static final ArrayLayout L = CellCodec.layout("l", 0, 2, 0, 1, F);
  private static final Tensor CELLS = CellCodec.encode(Q, L, 2, 2);
  private static final InputQuant IN = new InputQuant(4, true, 0.1f); // codes in [-7, 7], 3 magnitude bits

  @Test
  void bitSerialUsesSignMagnitudePlanes() {
    assertEquals(1, AdcRange.bitsPerRead(InputMode.BIT_SERIAL, 1, IN));
    // codes [5, -6]: plane 0 drives [1, 0] -> columns (3, 0); plane 1 [0, -1] -> (0, -3);
    // plane 2 [1, -1] -> (3, -3). Largest |sum| 3, x 1.25 = 3.75, below the bound 2 x 3 x 1 = 6.
    assertEquals(6.0, AdcRange.bound(2, 3, 1));
    assertEquals(3.75f, AdcRange.fullScale(L, CELLS, 3, 1, IN, new long[][] {{5, -6}}));
  }

  @Test
  void multiBitDrivesTheWholeCode() {
    int d = AdcRange.bitsPerRead(InputMode.MULTI_BIT, 8, IN);
    assertEquals(3, d);
    // drive [5, -6] -> columns (15, -18): 1.25 x 18 = 22.5 < bound 2 x 3 x 7 = 42.
    assertEquals(22.5f, AdcRange.fullScale(L, CELLS, 3, d, IN, new long[][] {{5, -6}}));
    // no calibration rows: the bound; a tiny observed sum: at least 1.
    assertEquals(42f, AdcRange.fullScale(L, CELLS, 3, d, IN, new long[0][]));
    assertEquals(1f, AdcRange.fullScale(L, CELLS, 3, d, IN, new long[][] {{0, 0}}));
  }

  @Test
  void clipsAtTheBound() {
    // code 7 on row 0: column 0 sums 3 x 7 = 21; 1.25 x 21 = 26.25 is below the bound 42.
    assertEquals(26.25f, AdcRange.fullScale(L, CELLS, 3, 3, IN, new long[][] {{7, 0}}));
    // a 1-row layout saturates: bound 1 x 3 x 7 = 21 < 1.25 x 21.
    ArrayLayout one = CellCodec.layout("l", 0, 1, 0, 1, F);
    assertEquals(21f, AdcRange.fullScale(one, CELLS, 3, 3, IN, new long[][] {{7, 0}}));
  }

  @Test
  void pairSensingCalibratesThePairDifference() {
    int d = 3;
    // drive [5, 5] -> columns (15, 15): a column sees 15 (x 1.25 = 18.75), the pair's difference 0
    // (at least 1).
    assertEquals(18.75f, AdcRange.fullScale(L, CELLS, 3, d, IN, new long[][] {{5, 5}}, false));
    assertEquals(1f, AdcRange.fullScale(L, CELLS, 3, d, IN, new long[][] {{5, 5}}, true));
    // drive [5, -6] -> columns (15, -18): the difference 33 exceeds either column (1.25 x 33 =
    // 41.25, within the bound 42, which holds for the difference since one cell of a pair is 0).
    assertEquals(41.25f, AdcRange.fullScale(L, CELLS, 3, d, IN, new long[][] {{5, -6}}, true));
  }

  @Test
  void observedMaxIsTheExactLargestColumnSumForSmallAndLargeCells() {
    // 40 inputs x 6 used columns of an 8-column array; cells of +-3 take the int path, cells near 2^40
    // the long one; both must equal the column sums done naively in long
    ArrayLayout layout = CellCodec.layout("r", 2, 40, 0, 3, F); // differential: 2 columns per output
    InputQuant in = new InputQuant(8, true, 0.1f);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    long[][] codes = new long[5][44];
    for (long[] row : codes) {
      for (int i = 0; i < row.length; i++) {
        row[i] = rnd.nextLong(-127, 128);
      }
    }
    for (long scale : new long[] {1, 1L << 40}) {
      long[] cells = new long[40 * 8];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = rnd.nextLong(-3, 4) * scale;
      }
      Tensor t = Tensor.ofLongs(new long[] {40, 8}, cells);
      for (boolean pairs : new boolean[] {false, true}) {
        for (int bits : new int[] {1, 3, 7}) {
          double naive = 0;
          long mask = (1L << bits) - 1;
          for (long[] row : codes) {
            for (int j = 0; j < (in.magnitudeBits() + bits - 1) / bits; j++) {
              long[] acc = new long[6];
              for (int r = 0; r < 40; r++) {
                long x = row[2 + r];
                long drive = Long.signum(x) * ((Math.abs(x) >> (j * bits)) & mask);
                for (int k = 0; k < 6; k++) {
                  acc[k] += drive * cells[r * 8 + k];
                }
              }
              for (int k = 0; k < 6; k += pairs ? 2 : 1) {
                naive = Math.max(naive, Math.abs((double) (pairs ? acc[k] - acc[k + 1] : acc[k])));
              }
            }
          }
          assertEquals(naive, AdcRange.observedMax(layout, t, bits, in, codes, pairs), scale + " " + pairs + " " + bits);
        }
      }
    }
  }
}
