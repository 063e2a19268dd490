package ancc.runtime.device;

import static ancc.runtime.device.DeviceFixtures.image;
import static ancc.runtime.device.DeviceFixtures.mean;
import static ancc.runtime.device.DeviceFixtures.minus;
import static ancc.runtime.device.DeviceFixtures.std;
import static ancc.runtime.device.DeviceFixtures.tile;
import static ancc.runtime.device.DeviceFixtures.uniform;
import static ancc.runtime.device.DeviceFixtures.withNoise;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.NoiseModel;
import ancc.ir.chip.NoiseSpec;
import ancc.ir.chip.NoiseSpec.WriteVerify;
import ancc.ir.program.ArrayImage;
import ancc.runtime.sim.SimOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgrammingNoiseTest {

  /** default preset: 16 levels, 1..40 uS, so one level is 2.6 uS. */
  private static final double STEP_US = 39.0 / 15;

  private static float[][] programTwice(ArrayPhysics ph, ArrayImage img, long seed) {
    return new float[][] {ph.program(img, new SplittableRandom(seed)), ph.program(img, new SplittableRandom(seed + 1))};
  }

  @Test
  void gaussianSigmaMatchesOn131kCells() {
    MemristorTile t = withNoise(tile("default"), new NoiseSpec(new NoiseModel.Gaussian(0.02, 0), 0, 0, 0,
        WriteVerify.OFF));
    float[][] c = programTwice(DeviceModels.forTile(t, SimOptions.analog(1)), uniform(t, 7), 11);
    double[] err = minus(7, c[0], c[1]);
    double expected = 0.02 * 40 / STEP_US;
    assertEquals(0, mean(err), 0.01);
    assertEquals(expected, std(err), 0.02 * expected);
  }

  @Test
  void rramWan2022SigmaFollowsThePolynomial() {
    MemristorTile t = tile("default");
    ArrayPhysics ph = DeviceModels.forTile(t, SimOptions.analog(1));
    for (int level : new int[] {3, 12}) {
      double g = (1 + level * STEP_US) / 40;
      double polyUs = 0.348 + 16.030 * g - 43.853 * g * g + 45.393 * g * g * g - 16.815 * g * g * g * g;
      float[][] c = programTwice(ph, uniform(t, level), 100 + level);
      double[] err = minus(level, c[0], c[1]);
      assertEquals(polyUs / STEP_US, std(err), 0.02 * polyUs / STEP_US, "level " + level);
      assertEquals(0, mean(err), 0.01, "level " + level);
    }
  }

  @Test
  void writeVerifyResidualReplacesProgrammingNoise() {
    MemristorTile rram = tile("default");
    MemristorTile t = withNoise(rram, new NoiseSpec(rram.noise().model(), 0, 0, 0, new WriteVerify(true, 0.005)));
    float[][] c = programTwice(DeviceModels.forTile(t, SimOptions.analog(1)), uniform(t, 8), 5);
    double expected = 0.005 * 40 / STEP_US;
    assertEquals(expected, std(minus(8, c[0], c[1])), 0.02 * expected);
  }

  @Test
  void conductancesAreClippedToZeroAndGmax() {
    MemristorTile t = withNoise(tile("default"), new NoiseSpec(new NoiseModel.Gaussian(0.5, 0), 0, 0, 0,
        WriteVerify.OFF));
    ArrayPhysics ph = DeviceModels.forTile(t, SimOptions.analog(1));
    float[] low = ph.program(uniform(t, 0), new SplittableRandom(3));
    float[] high = ph.program(uniform(t, 15), new SplittableRandom(4));
    float zeroSiemens = (float) (-1 / STEP_US);
    long atZero = IntStream.range(0, low.length).filter(i -> Math.abs(low[i] - zeroSiemens) < 1e-6).count();
    long atMax = IntStream.range(0, high.length).filter(i -> high[i] == 15f).count();
    assertTrue(atZero > low.length / 3, "cells clipped at 0 S: " + atZero);
    assertTrue(atMax > high.length / 3, "cells clipped at gMax: " + atMax);
    for (int i = 0; i < low.length; i++) {
      assertTrue(low[i] >= zeroSiemens - 1e-6 && high[i] <= 15f);
    }
  }

  @Test
  void stuckCellsAppearAtTheirRates() {
    MemristorTile t = withNoise(tile("default"), new NoiseSpec(new NoiseModel.None(), 0.05, 0.1, 0, WriteVerify.OFF));
    float[][] c = programTwice(DeviceModels.forTile(t, SimOptions.analog(1)), uniform(t, 7), 21);
    long on = 0;
    long off = 0;
    long exact = 0;
    for (float[] a : c) {
      for (float v : a) {
        on += v == 15f ? 1 : 0;
        off += v == 0f ? 1 : 0;
        exact += v == 7f ? 1 : 0;
      }
    }
    double n = 2.0 * c[0].length;
    assertEquals(0.05, on / n, 0.003);
    assertEquals(0.1, off / n, 0.003);
    assertEquals(n, on + off + exact, 0.0);
  }

  @Test
  void idealModeAndIdealChipsAreExact() {
    ArrayImage img = image(0, 256, 256, i -> i % 16);
    assertSame(ArrayPhysics.IDEAL, DeviceModels.forTile(tile("default"), SimOptions.ideal()));
    assertSame(ArrayPhysics.IDEAL, DeviceModels.forTile(tile("isaac"), SimOptions.analog(3)));
    float[] cells = DeviceModels.forTile(tile("default"), SimOptions.ideal()).program(img, new SplittableRandom(1));
    long[] levels = img.cells().longs();
    for (int i = 0; i < levels.length; i++) {
      assertEquals(levels[i], cells[i], 0.0);
    }
    float[] values = {1.5f, 2.5f};
    ArrayPhysics.IDEAL.read(values, 1, 2, new float[] {1, 1}, 2, new float[] {1, 2, 3, 4}, new SplittableRandom(1));
    assertArrayEquals(new float[] {1.5f, 2.5f}, values);
    assertEquals(1.0, ArrayPhysics.IDEAL.outputScale(img, cells));
  }

  @Test
  void sameSeedSameBitsAtAnyThreadCount() {
    MemristorTile t = tile("hermes-pcm");
    SimOptions opts = new SimOptions(SimOptions.Mode.ANALOG, 9, 3600, true);
    ArrayImage img = image(0, 256, 512, i -> (i * 31) % 128);
    float[] a = DeviceModels.forTile(t, opts).program(img, new SplittableRandom(42));
    float[] b = DeviceModels.forTile(t, opts).program(img, new SplittableRandom(42));
    float[] other = DeviceModels.forTile(t, opts).program(img, new SplittableRandom(43));
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, other));
    ArrayPhysics shared = DeviceModels.forTile(t, opts);
    float[][] parallel = IntStream.range(0, 6).parallel()
        .mapToObj(i -> shared.program(img, new SplittableRandom(100 + i))).toArray(float[][]::new);
    for (int i = 0; i < 6; i++) {
      assertArrayEquals(DeviceModels.forTile(t, opts).program(img, new SplittableRandom(100 + i)), parallel[i]);
    }
  }

  @Test
  void levelsOutsideTheCellAreRejected() {
    ArrayPhysics ph = DeviceModels.forTile(tile("default"), SimOptions.analog(1));
    ArrayImage bad = image(4, 2, 2, i -> 16);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ph.program(bad, new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("array #4"), e.getMessage());
  }
}
