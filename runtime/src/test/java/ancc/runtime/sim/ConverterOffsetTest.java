package ancc.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.NoiseModel;
import ancc.ir.chip.NoiseSpec;
import ancc.ir.chip.NoiseSpec.WriteVerify;
import ancc.ir.graph.Tensor;
import ancc.runtime.device.ArrayPhysics;
import ancc.runtime.device.ConverterOffsets;
import ancc.runtime.device.DeviceModels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DAC and ADC offsets (noise keys dac_offset_sigma, adc_offset_sigma), drawn per chip instance: a
 * zero sigma changes no bit, an ADC offset is shared by the columns of one ADC and shifts every
 * plane's conversion, a DAC offset drives current through every row, and both degrade accuracy
 * (default chip: 8 columns per ADC; 8-bit ADCs).
 */
class ConverterOffsetTest {
  private static final MemristorTile DEFAULT = TestPrograms.DEFAULT.memristor().orElseThrow();

  /** The default tile with ideal devices, a Gaussian read noise of {@code read}, and the given offsets. */
  private static PhysicsFactory physics(double read, double dacOffset, double adcOffset) {
    return physics(0, read, dacOffset, adcOffset);
  }

  private static PhysicsFactory physics(double programming, double read, double dacOffset, double adcOffset) {
    NoiseSpec spec = new NoiseSpec(new NoiseModel.Gaussian(programming, read), 0, 0, 0, WriteVerify.OFF, 0.01, 0.01,
        dacOffset, adcOffset);
    MemristorTile t = new MemristorTile(DEFAULT.crossbar(), DEFAULT.arraysPerTile(), DEFAULT.cell(), DEFAULT.weight(),
        DEFAULT.input(), DEFAULT.dac(), DEFAULT.adc(), DEFAULT.shiftAdd(), DEFAULT.read(), DEFAULT.buffer(),
        DEFAULT.leakage(), spec);
    return (image, chip, options) -> DeviceModels.forTile(t, options);
  }

  private static double rmsError(float[] out, double[] exact) {
    double s = 0;
    for (int i = 0; i < exact.length; i++) {
      s += (out[i] - exact[i]) * (out[i] - exact[i]);
    }
    return Math.sqrt(s / exact.length);
  }

  @Test
  void zeroOffsetsChangeNothing() {
    OneArray a = new OneArray(40, 32, 8, 8, 400f, 1);
    Tensor x = a.inputs(500, 8, 0.5, 0, 2);
    PhysicsFactory none = physics(0.02, 0, 0);
    NoiseSpec old = new NoiseSpec(new NoiseModel.Gaussian(0, 0.02), 0, 0, 0, WriteVerify.OFF);
    assertEquals(old, new NoiseSpec(new NoiseModel.Gaussian(0, 0.02), 0, 0, 0, WriteVerify.OFF, 0, 0, 0, 0));
    ArrayPhysics ph = physics(0.05, 0.02, 0, 0).physics(null, TestPrograms.DEFAULT, SimOptions.analog(3));
    ancc.ir.program.ArrayImage img = a.program.arrays().get(0);
    float[] cells = ph.program(img, new SplittableRandom(4));
    assertSame(ConverterOffsets.NONE, ph.offsets(img, cells));
    // offsets are drawn after every other programming stream (noise, gains): the cells do not move
    ArrayPhysics offset = physics(0.05, 0.02, 0.01, 0.01).physics(null, TestPrograms.DEFAULT, SimOptions.analog(3));
    float[] offsetCells = offset.program(img, new SplittableRandom(4));
    assertArrayEquals(cells, offsetCells);
    assertFalse(offset.offsets(img, offsetCells).none());
    assertArrayEquals(a.run(none, x, SimOptions.analog(3)), a.run(none, x, SimOptions.analog(3)));
    float[] withOffsets = a.run(physics(0.02, 0.01, 0.01), x, SimOptions.analog(3));
    assertFalse(Arrays.equals(a.run(none, x, SimOptions.analog(3)), withOffsets));
  }

  @Test
  void anAdcOffsetShiftsEveryPlaneOfItsColumns() {
    // Zero inputs: each of the 8 planes converts the ADC offset alone, so a column reads
    // (2^8 - 1) x step x round(offset x full scale / step), the same for the 8 columns of one ADC.
    OneArray a = new OneArray(16, 32, 8, 8, 127f, 3);
    Tensor zeros = Tensor.ofFloats(new long[] {2, 16}, new float[32]);
    float[] out = a.run(physics(0, 0, 0.05), zeros, SimOptions.analog(9));
    boolean anyShift = false;
    for (int c = 0; c < 32; c++) {
      // full scale 127 on 127 codes a side: a step of 1
      assertEquals(Math.rint(out[c] / 255), out[c] / 255, 1e-4, "whole codes");
      assertEquals(out[(c / 8) * 8], out[c], 0.0, "one offset per ADC");
      assertEquals(out[c], out[32 + c], 0.0, "the same offset for every vector");
      anyShift |= out[c] != 0;
    }
    assertTrue(anyShift);
    assertFalse(Arrays.equals(out, a.run(physics(0, 0, 0.05), zeros, SimOptions.analog(10))), "drawn per chip");
  }

  @Test
  void aDacOffsetDrivesCurrentThroughEveryRow() {
    OneArray a = new OneArray(64, 16, 8, 8, 200f, 4);
    Tensor zeros = Tensor.ofFloats(new long[] {1, 64}, new float[64]);
    float[] clean = a.run(physics(0, 0, 0), zeros, SimOptions.analog(5));
    float[] shifted = a.run(physics(0, 0.05, 0), zeros, SimOptions.analog(5));
    assertArrayEquals(new float[16], clean);
    assertFalse(Arrays.equals(clean, shifted));
  }

  @Test
  void offsetsDegradeAccuracy() {
    // column values up to a few hundred level units per plane: quantization error is small next to
    // offsets of a few units per plane, shift-added over 8 planes
    OneArray a = new OneArray(64, 32, 8, 8, 600f, 6);
    Tensor x = a.inputs(400, 8, 0.5, 0, 7);
    double[] exact = a.exact(x);
    double clean = rmsError(a.run(physics(0, 0, 0), x, SimOptions.analog(8)), exact);
    double dac = rmsError(a.run(physics(0, 0.05, 0), x, SimOptions.analog(8)), exact);
    double adc = rmsError(a.run(physics(0, 0, 0.02), x, SimOptions.analog(8)), exact);
    double more = rmsError(a.run(physics(0, 0, 0.08), x, SimOptions.analog(8)), exact);
    assertTrue(dac > 1.5 * clean, dac + " vs " + clean);
    assertTrue(adc > 1.5 * clean, adc + " vs " + clean);
    assertTrue(more > 2 * adc, more + " vs " + adc);
  }
}
