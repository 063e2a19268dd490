package ancc.runtime.device;

import static ancc.runtime.device.DeviceFixtures.image;
import static ancc.runtime.device.DeviceFixtures.mean;
import static ancc.runtime.device.DeviceFixtures.std;
import static ancc.runtime.device.DeviceFixtures.tile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.program.ArrayImage;
import ancc.runtime.sim.SimOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcmDriftTest {

  /** hermes-pcm cell: 128 levels over 0..20.7 uS. */
  private static AnalogArray pcm(PcmDrift drift, PcmReadNoise flicker, int devices) {
    return new AnalogArray(new AnalogArray.Config(new CellRange(0, 20.7e-6, 128, devices), ProgrammingNoise.none(),
        0, 0, drift, flicker, 0, 0, 256, 255, true, 0, 0, 1));
  }

  @Test
  void nuStatisticsFollowTheNandakumarFit() {
    assertEquals(0.0155 * 4.1509 + 0.0244, PcmDrift.nuMean(2.0 / 127), 1e-4);
    assertEquals(0.045, PcmDrift.nuSigma(2.0 / 127), 1e-12);
    assertEquals(0.049, PcmDrift.nuMean(0.8), 1e-12);
    assertEquals(0.008, PcmDrift.nuSigma(0.8), 1e-12);
    assertEquals(0.1, PcmDrift.nuMean(1e-4), 1e-12);
    assertEquals(-0.0125 * Math.log(0.3) - 0.0059, PcmDrift.nuSigma(0.3), 1e-12);
  }

  @Test
  void perDeviceExponentsHaveTheFittedMeanAndSpread() {
    double t = 86400;
    double t0 = 300;
    AnalogArray ph = pcm(new PcmDrift(t0, t), null, 1);
    int level = 40;
    double g = level / 127.0;
    float[] cells = ph.program(image(0, 320, 320, i -> level), new SplittableRandom(7));
    double[] nu = new double[cells.length];
    for (int i = 0; i < cells.length; i++) {
      nu[i] = -Math.log(cells[i] / level) / Math.log(t / t0);
    }
    assertEquals(PcmDrift.nuMean(g), mean(nu), 0.01 * PcmDrift.nuMean(g));
    assertEquals(PcmDrift.nuSigma(g), std(nu), 0.03 * PcmDrift.nuSigma(g));
  }

  @Test
  void conductanceDecaysWithTimeAndNotBeforeT0() {
    ArrayImage img = image(0, 100, 100, i -> 100);
    assertEquals(100.0, mean(toDouble(pcm(new PcmDrift(300, 300), null, 2).program(img, new SplittableRandom(1)))),
        0.0);
    double previous = 100;
    for (double t : new double[] {1e3, 1e4, 1e5, 1e6}) {
      double m = mean(toDouble(pcm(new PcmDrift(300, t), null, 2).program(img, new SplittableRandom(1))));
      double expected = 100 * Math.pow(t / 300, -PcmDrift.nuMean(100 / 127.0));
      assertEquals(expected, m, 0.01 * expected, "t = " + t);
      assertTrue(m < previous);
      previous = m;
    }
  }

  @Test
  void flickerNoiseHasTheQsSpreadAndAveragesOverDevices() {
    PcmReadNoise flicker = new PcmReadNoise(250e-9, 300);
    int level = 60;
    double expected = flicker.sigma(level / 127.0);
    assertEquals(PcmReadNoise.qs(level / 127.0) * Math.sqrt(Math.log((300 + 250e-9) / 500e-9)), expected, 1e-12);
    for (int devices : new int[] {1, 2}) {
      float[] cells = pcm(null, flicker, devices).program(image(0, 320, 320, i -> level), new SplittableRandom(3));
      double[] rel = new double[cells.length];
      for (int i = 0; i < cells.length; i++) {
        rel[i] = cells[i] / level - 1;
      }
      double want = expected / Math.sqrt(devices);
      assertEquals(want, std(rel), 0.03 * want, devices + " devices");
      assertEquals(0, mean(rel), 0.05 * want);
    }
  }

  @Test
  void globalCompensationRestoresTheMeanResponse() {
    ArrayImage img = image(0, 256, 512, i -> (int) ((i * 2654435761L) >>> 7) & 127);
    SimOptions day = new SimOptions(SimOptions.Mode.ANALOG, 1, 86400, true);
    ArrayPhysics ph = DeviceModels.forTile(tile("hermes-pcm"), day);
    float[] cells = ph.program(img, new SplittableRandom(5));
    double scale = ph.outputScale(img, cells);
    double ideal = 0;
    double drifted = 0;
    SplittableRandom in = new SplittableRandom(8);
    long[] levels = img.cells().longs();
    for (int v = 0; v < 20; v++) {
      double[] x = new double[256];
      for (int r = 0; r < 256; r++) {
        x[r] = in.nextInt(256);
      }
      for (int c = 0; c < 512; c++) {
        for (int r = 0; r < 256; r++) {
          ideal += x[r] * levels[r * 512 + c];
          drifted += x[r] * cells[r * 512 + c];
        }
      }
    }
    assertTrue(drifted / ideal < 0.85, "uncompensated response ratio " + drifted / ideal);
    assertEquals(1.0, scale * drifted / ideal, 0.02);
    ArrayPhysics off = DeviceModels.forTile(tile("hermes-pcm"), new SimOptions(SimOptions.Mode.ANALOG, 1, 86400, false));
    assertEquals(1.0, off.outputScale(img, off.program(img, new SplittableRandom(5))));
    ArrayPhysics early = DeviceModels.forTile(tile("hermes-pcm"), new SimOptions(SimOptions.Mode.ANALOG, 1, 100, true));
    assertEquals(1.0, early.outputScale(img, early.program(img, new SplittableRandom(5))));
    float[] copy = cells.clone();
    assertEquals(1.0, ph.outputScale(img, copy) * drifted / ideal, 0.03, "fallback to the target response");
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
