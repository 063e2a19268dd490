package ancc.runtime.device;

import static ancc.runtime.device.DeviceFixtures.mean;
import static ancc.runtime.device.DeviceFixtures.std;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReadEffectsTest {

  private static final CellRange RRAM = new CellRange(1e-6, 40e-6, 16, 1);

  private static AnalogArray array(double readSigma, double irDrop) {
    return new AnalogArray(new AnalogArray.Config(RRAM, ProgrammingNoise.none(), 0, 0, null, null, readSigma, irDrop,
        256, 1, true, 0, 0, 1));
  }

  @Test
  void readNoiseVarianceScalesWithTheSumOfSquaredInputs() {
    int rows = 256;
    int cols = 64;
    int vectors = 2000;
    float[] inputs = new float[vectors * rows];
    SplittableRandom in = new SplittableRandom(4);
    for (int i = 0; i < inputs.length; i++) {
      int u = in.nextInt(4);
      inputs[i] = u == 0 ? -1 : u == 1 ? 0 : 1;
    }
    float[] values = new float[vectors * cols];
    array(0.01, 0).read(values, vectors, cols, inputs, rows, new float[rows * cols], new SplittableRandom(9));
    double sigmaLevels = 0.01 * 40 / (39.0 / 15);
    double[] z = new double[values.length];
    for (int v = 0; v < vectors; v++) {
      double s2 = 0;
      for (int r = 0; r < rows; r++) {
        s2 += inputs[v * rows + r] * inputs[v * rows + r];
      }
      for (int c = 0; c < cols; c++) {
        z[v * cols + c] = values[v * cols + c] / (sigmaLevels * Math.sqrt(s2));
      }
    }
    assertEquals(0, mean(z), 0.01);
    assertEquals(1, std(z), 0.01);
  }

  @Test
  void irDropReducesLargeLoadsMore() {
    int rows = 256;
    int cols = 64;
    float[] cells = new float[rows * cols];
    Arrays.fill(cells, 15f);
    float[] inputs = new float[2 * rows];
    Arrays.fill(inputs, 0, rows, 1f);
    Arrays.fill(inputs, rows, rows + 16, -1f);
    float[] values = new float[2 * cols];
    for (int c = 0; c < cols; c++) {
      values[c] = rows * 15f;
      values[cols + c] = -16 * 15f;
    }
    array(0, 0.1).read(values, 2, cols, inputs, rows, cells, new SplittableRandom(1));
    for (int c = 0; c < cols; c++) {
      assertEquals(rows * 15 * 0.9, values[c], 1e-3);
      assertEquals(-16 * 15 * (1 - 0.1 * 16 / 256.0), values[cols + c], 1e-3);
    }
    assertTrue(values[0] / (rows * 15f) < values[cols] / (-16 * 15f));
  }

  @Test
  void irDropReadsTheCompactBlockAndTheFullArrayAlike() {
    int rows = 40;
    int cols = 30;
    float[] full = new float[256 * 256];
    float[] compact = new float[rows * cols];
    SplittableRandom rnd = new SplittableRandom(2);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = rnd.nextInt(16);
        full[r * 256 + c] = v;
        compact[r * cols + c] = v;
      }
    }
    float[] inputs = new float[rows];
    for (int r = 0; r < rows; r++) {
      inputs[r] = rnd.nextInt(2);
    }
    float[] a = new float[cols];
    Arrays.fill(a, 100f);
    float[] b = a.clone();
    array(0, 0.5).read(a, 1, cols, inputs, rows, full, new SplittableRandom(1));
    array(0, 0.5).read(b, 1, cols, inputs, rows, compact, new SplittableRandom(1));
    assertArrayEquals(a, b);
    assertTrue(a[0] < 100f);
  }

  @Test
  void readsAreDeterministicPerGenerator() {
    float[] inputs = new float[3 * 8];
    Arrays.fill(inputs, 1f);
    float[] a = new float[3 * 4];
    float[] b = new float[3 * 4];
    float[] c = new float[3 * 4];
    AnalogArray ph = array(0.02, 0.1);
    float[] cells = new float[8 * 4];
    Arrays.fill(cells, 3f);
    ph.read(a, 3, 4, inputs, 8, cells, new SplittableRandom(5));
    ph.read(b, 3, 4, inputs, 8, cells, new SplittableRandom(5));
    ph.read(c, 3, 4, inputs, 8, cells, new SplittableRandom(6));
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }
}
