package ancc.runtime.device;

import static ancc.runtime.device.DeviceFixtures.tile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import ancc.runtime.sim.SimOptions;
import org.junit.jupiter.api.Test;

class DeviceModelsTest {

  @Test
  void hermesPresetGetsPcmDriftAndOneOverFNoise() {
    SimOptions opts = new SimOptions(SimOptions.Mode.ANALOG, 1, 3600, true);
    AnalogArray.Config c = ((AnalogArray) DeviceModels.forTile(tile("hermes-pcm"), opts)).config();
    assertEquals(300, c.drift().t0(), 1e-9);
    assertEquals(3600, c.drift().t(), 0.0);
    assertEquals(250e-9, c.flicker().tRead(), 1e-15);
    assertEquals(3600, c.flicker().t(), 0.0);
    assertEquals(2, c.range().devices());
    assertEquals(128, c.range().levels());
    assertEquals(255, c.maxDrive());
    assertEquals(0, c.readSigma(), 0.0);
    assertEquals((0.1660 + 4.7181 - 8.4810 + 4.6896) / 20.7, c.programming().sigma(1), 1e-9);
    assertTrue(c.driftCompensation());
    AnalogArray.Config early = ((AnalogArray) DeviceModels.forTile(tile("hermes-pcm"), SimOptions.analog(1))).config();
    assertEquals(300, early.flicker().t(), 0.0, "1/f noise is taken at t0 at the earliest");
  }

  @Test
  void defaultPresetGetsRramProgrammingAndReadNoise() {
    AnalogArray.Config c = ((AnalogArray) DeviceModels.forTile(tile("default"), SimOptions.analog(1))).config();
    assertNull(c.drift());
    assertNull(c.flicker());
    assertEquals(0.01, c.readSigma(), 0.0);
    assertEquals(1, c.maxDrive());
    assertEquals(256, c.physicalRows());
    assertEquals(0.348 / 40, c.programming().sigma(0), 1e-12);
  }

  @Test
  void forArrayFollowsTheTileGroup() {
    Chip chip = Chips.preset("default");
    ArrayLayout layout = new ArrayLayout("l", 0, 2, 0, 2, 4, 1, 4, WeightEncoding.OFFSET);
    Tensor cells = Tensor.ofLongs(new long[] {2, 2}, new long[4]);
    ArrayImage memristor = new ArrayImage(0, TileKind.MEMRISTOR, 3, 0, layout, cells);
    ArrayImage sram = new ArrayImage(1, TileKind.SRAM, 16, 0, layout, cells);
    ArrayImage outside = new ArrayImage(2, TileKind.MEMRISTOR, 99, 0, layout, cells);
    assertInstanceOf(AnalogArray.class, DeviceModels.forArray(memristor, chip, SimOptions.analog(1)));
    assertSame(ArrayPhysics.IDEAL, DeviceModels.forArray(memristor, chip, SimOptions.ideal()));
    assertSame(ArrayPhysics.IDEAL, DeviceModels.forArray(sram, chip, SimOptions.analog(1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeviceModels.forArray(outside, chip, SimOptions.analog(1)));
    assertTrue(e.getMessage().contains("tile 99"), e.getMessage());
  }
}
