package ancc.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.runtime.device.AnalogArray;
import ancc.runtime.device.CellRange;
import ancc.runtime.device.ProgrammingNoise;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bit-serial kernel ({@link BitSerialKernel}) against the generic plane loop of {@link
 * MvmKernel}, which it must reproduce bit for bit when reads are exact, and its read noise: one
 * Gaussian per plane and column with variance sigma^2 x (set bits of the plane).
 */
class BitSerialKernelTest {

  private static final CellRange RRAM = new CellRange(1e-6, 40e-6, 16, 1);

  /** Read noise only: no programming noise, so cells are their levels. */
  private static PhysicsFactory readNoise(double sigma) {
    AnalogArray ph = new AnalogArray(new AnalogArray.Config(RRAM, ProgrammingNoise.none(), 0, 0, null, null, sigma, 0,
        256, 1, true, 0, 0, 1));
    return (image, chip, options) -> ph;
  }

  @Test
  void transposeTurnsEightCodesIntoTheirBitPlanes() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n = 0; n < 2000; n++) {
      long x = r.nextLong();
      long expected = 0;
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
          if (((x >>> (8 * i + j)) & 1) != 0) {
            expected |= 1L << (8 * j + i);
          }
        }
      }
      assertEquals(expected, BitPlanes.transpose8(x));
    }
  }

  @Test
  void exactReadsEqualTheGenericPlaneLoopBitForBit() {
    // 25 x 24 uses tables of 8-row chunks, 40 x 64 of 4-row chunks; 6-bit ADCs clip some planes.
    for (int[] shape : new int[][] {{25, 24}, {40, 64}, {3, 5}}) {
      OneArray a = new OneArray(shape[0], shape[1], 8, 6, 90f, 11);
      Tensor x = a.inputs(300, 8, 0.4, 0.3, 12);
      float[] fast = a.run(PhysicsFactory.IDEAL, x, SimOptions.analog(1));
      float[] generic = a.run(TestPrograms.GENERIC_READS, x, SimOptions.analog(1));
      assertArrayEquals(generic, fast, Arrays.toString(shape));
      // 20-bit ADCs with a step of 1: the exact product
      OneArray wide = new OneArray(shape[0], shape[1], 8, 20, 524287f, 11);
      float[] exact = wide.run(PhysicsFactory.IDEAL, x, SimOptions.analog(1));
      double[] want = wide.exact(x);
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], exact[i], 0.0);
      }
    }
  }

  @Test
  void codesMustBeIntegersOfTheDeclaredWidth() {
    OneArray a = new OneArray(4, 3, 4, 8, 60f, 1);
    Tensor wide = Tensor.ofFloats(new long[] {1, 4}, new float[] {1, 16, 0, 0});
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> a.run(PhysicsFactory.IDEAL, wide, SimOptions.analog(1)));
    assertTrue(e.getMessage().contains("input code 16.0 at row 0, column 1"), e.getMessage());
    Tensor frac = Tensor.ofFloats(new long[] {1, 4}, new float[] {1, 2, 0.5f, 0});
    assertThrows(InvalidInputException.class, () -> a.run(PhysicsFactory.IDEAL, frac, SimOptions.analog(1)));
  }

  @Test
  void readNoiseIsDrawnPerPlaneAndColumn() {
    // Exact readout (adc_bits 0): out = sum_j 2^j (v_j + sigma sqrt(ones_j) z_j), so the error over
    // the exact product has variance sigma^2 sum_j 4^j ones_j.
    OneArray a = new OneArray(30, 16, 6, 0, 0f, 5);
    int vectors = 4000;
    Tensor x = a.inputs(vectors, 6, 0.3, 0.2, 6);
    PhysicsFactory noisy = readNoise(0.02);
    double sigma = noisy.physics(null, null, null).gaussianReadSigma();
    float[] out = a.run(noisy, x, SimOptions.analog(7));
    double[] exact = a.exact(x);
    float[] xs = x.floats();
    double[] z = new double[exact.length];
    for (int v = 0; v < vectors; v++) {
      double var = 0;
      for (int j = 0; j < 6; j++) {
        int ones = 0;
        for (int r = 0; r < a.rows; r++) {
          ones += ((int) Math.abs(xs[v * a.rows + r]) >>> j) & 1;
        }
        var += Math.scalb(1.0, 2 * j) * ones;
      }
      for (int c = 0; c < a.cols; c++) {
        int i = v * a.cols + c;
        z[i] = var == 0 ? 0 : (out[i] - exact[i]) / (sigma * Math.sqrt(var));
        if (var == 0) {
          assertEquals(exact[i], out[i], 0.0, "no drive, no noise");
        }
      }
    }
    double mean = Arrays.stream(z).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(z).map(d -> (d - mean) * (d - mean)).sum() / (z.length - 1));
    assertEquals(0, mean, 0.02);
    assertEquals(1, sd, 0.02);
  }

  @Test
  void noisyReadsAreDeterministicAtAnyThreadCount() {
    OneArray a = new OneArray(40, 64, 8, 8, 300f, 2);
    Tensor x = a.inputs(1000, 8, 0.5, 0.1, 3);
    PhysicsFactory noisy = readNoise(0.05);
    float[] parallel = a.run(noisy, x, SimOptions.analog(42));
    float[] serial;
    Blocks.sequential(true);
    try {
      serial = a.run(noisy, x, SimOptions.analog(42));
    } finally {
      Blocks.sequential(false);
    }
    assertArrayEquals(parallel, serial);
    assertArrayEquals(parallel, a.run(noisy, x, SimOptions.analog(42)));
    assertFalse(Arrays.equals(parallel, a.run(noisy, x, SimOptions.analog(43))));
    assertFalse(Arrays.equals(parallel, a.run(PhysicsFactory.IDEAL, x, SimOptions.analog(42))));
  }
}
