package ancc.runtime.device;

import static ancc.runtime.device.DeviceFixtures.mean;
import static ancc.runtime.device.DeviceFixtures.std;
import static ancc.runtime.device.DeviceFixtures.tile;
import static ancc.runtime.device.DeviceFixtures.uniform;
import static ancc.runtime.device.DeviceFixtures.withNoise;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.NoiseModel;
import ancc.ir.chip.NoiseSpec;
import ancc.ir.chip.NoiseSpec.WriteVerify;
import ancc.ir.program.ArrayImage;
import ancc.runtime.sim.SimOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DAC and ADC gain mismatch, folded into the programmed cells (default preset: 256x256, 8 columns per ADC). */
class ConverterGainTest {

  private static ArrayPhysics physics(double dac, double adc) {
    MemristorTile t = withNoise(tile("default"), new NoiseSpec(new NoiseModel.None(), 0, 0, 0, WriteVerify.OFF, dac,
        adc));
    ArrayPhysics ph = DeviceModels.forTile(t, SimOptions.analog(1));
    assertInstanceOf(AnalogArray.class, ph);
    return ph;
  }

  @Test
  void eachRowDacHasItsOwnGain() {
    ArrayPhysics ph = physics(0.01, 0);
    ArrayImage img = uniform(tile("default"), 10);
    double[] gains = new double[20 * 256];
    for (int s = 0; s < 20; s++) {
      float[] cells = ph.program(img, new SplittableRandom(s));
      for (int r = 0; r < 256; r++) {
        gains[s * 256 + r] = cells[r * 256] / 10.0;
        for (int c = 1; c < 256; c++) {
          assertEquals(cells[r * 256], cells[r * 256 + c], 0.0, "one gain per row");
        }
      }
    }
    assertEquals(1, mean(gains), 0.001);
    assertEquals(0.01, std(gains), 0.0005);
  }

  @Test
  void columnsSharingAnAdcShareItsGain() {
    ArrayPhysics ph = physics(0, 0.02);
    ArrayImage img = uniform(tile("default"), 10);
    double[] gains = new double[100 * 32];
    for (int s = 0; s < 100; s++) {
      float[] cells = ph.program(img, new SplittableRandom(s));
      for (int a = 0; a < 32; a++) {
        gains[s * 32 + a] = cells[a * 8] / 10.0;
        for (int c = a * 8; c < a * 8 + 8; c++) {
          assertEquals(cells[a * 8], cells[c], 0.0, "one gain per ADC");
          assertEquals(cells[a * 8], cells[255 * 256 + c], 0.0, "the same gain in every row");
        }
      }
    }
    assertEquals(1, mean(gains), 0.002);
    assertEquals(0.02, std(gains), 0.0012);
  }
}
