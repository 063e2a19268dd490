package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.cells;
import static ancc.runtime.sim.TestPrograms.floats;
import static ancc.runtime.sim.TestPrograms.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.DType;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import org.junit.jupiter.api.Test;

/**
 * The mvm instruction on one-column arrays: bit-serial and multi-bit drive, the ADC's rounding and
 * clipping at full scale, exact readout, and IDEAL mode's exact converters. Devices are ideal
 * ({@link PhysicsFactory#IDEAL}) so that ANALOG mode isolates the converters. Expected values are
 * worked out by hand in the comments.
 */
class MvmNumericsTest {

  /** load x -> c; mvm #0 c -> y; store y -> out, on an array with one column holding {@code levels}. */
  private static Program single(Chip chip, InputMode mode, long inputBits, long adcBits, float fs, long... levels) {
    int n = levels.length;
    ArrayLayout l = new ArrayLayout("l", 0, n, 0, 1, 4, 1, 4, WeightEncoding.OFFSET);
    return new TestPrograms(chip)
        .input("x", rows(DType.F32, n)).output("out", rows(DType.F32, 1))
        .array(new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l, cells(n, 1, levels)))
        .buffer("c", 0, rows(DType.F32, n)).buffer("y", 0, rows(DType.F32, 1))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("c", "x"),
            new Instr.Mvm(0, "c", "y", mode, inputBits, adcBits, fs), new Instr.Store("y", "out"))
        .build();
  }

  private static float[] run(Program p, Chip chip, SimOptions o, float... x) {
    return TestPrograms.run(p, chip, o, floats(new long[] {x.length / 2, 2}, x));
  }

  @Test
  void bitSerialAdcClipsEachPlaneAtFullScale() {
    // cells [5, 5]; 3-bit ADC, full scale 3: Q = 3, step 1. Each plane's column value clips to +-3.
    Program p = single(TestPrograms.DEFAULT, InputMode.BIT_SERIAL, 2, 3, 3f, 5, 5);
    float[] analog = run(p, TestPrograms.DEFAULT, SimOptions.analog(1), 1, 1, 3, 0, -1, 0, 2, 1);
    // [1,1]: one plane, 10 -> 3. [3,0]: planes 5 -> 3 and 5 -> 3: 3 + 2*3 = 9. [-1,0]: -5 -> -3.
    // [2,1]: plane 0 drives row 1 (5 -> 3), plane 1 row 0 (5 -> 3): 9.
    assertArrayEquals(new float[] {3, 9, -3, 9}, analog);
    // IDEAL: converters wide enough to be exact: x . g.
    assertArrayEquals(new float[] {10, 15, -5, 15}, run(p, TestPrograms.DEFAULT, SimOptions.ideal(), 1, 1, 3, 0,
        -1, 0, 2, 1));
  }

  @Test
  void adcRoundsHalfToEvenOnItsStep() {
    // full scale 6 on 3 bits: step 2. [1,0]: 5/2 = 2.5 -> 2 -> 4. [1,1]: 10/2 = 5 -> clip 3 -> 6.
    // [3,0]: planes 5 -> 4 each: 4 + 2*4 = 12. [3,1]: plane 0 10 -> 6, plane 1 5 -> 4: 6 + 8 = 14.
    Program p = single(TestPrograms.DEFAULT, InputMode.BIT_SERIAL, 2, 3, 6f, 5, 5);
    assertArrayEquals(new float[] {4, 6, 12, 14},
        run(p, TestPrograms.DEFAULT, SimOptions.analog(1), 1, 0, 1, 1, 3, 0, 3, 1));
  }

  @Test
  void exactReadoutIsTheIntegerProduct() {
    Program p = single(TestPrograms.DEFAULT, InputMode.BIT_SERIAL, 2, 0, 0f, 5, 3);
    assertArrayEquals(new float[] {15, -7}, run(p, TestPrograms.DEFAULT, SimOptions.analog(1), 3, 0, -2, 1));
  }

  @Test
  void multiBitDrivesDacWideSlices() {
    Chip dac2 = TestPrograms.defaultWithDacBits(2);
    // one row at level 2, x = 13 = 0b1101 on 4 input bits, 2-bit DACs: reads 13 & 3 = 1 (v = 2) and
    // 13 >> 2 = 3 (v = 6, clips to 3): 2 + 4 * 3 = 14.
    Program p = single(dac2, InputMode.MULTI_BIT, 4, 3, 3f, 2);
    assertArrayEquals(new float[] {14, -14}, TestPrograms.run(p, dac2, SimOptions.analog(1),
        floats(new long[] {2, 1}, 13, -13)));
    // the same instruction with 1-bit DACs is bit-serial: planes 1,0,1,1 give 2 each (no clipping): 26.
    Program p1 = single(TestPrograms.DEFAULT, InputMode.MULTI_BIT, 4, 3, 3f, 2);
    assertArrayEquals(new float[] {26}, TestPrograms.run(p1, TestPrograms.DEFAULT, SimOptions.analog(1),
        floats(new long[] {1, 1}, 13)));
    // DAC at least as wide as the codes: one read driving x itself: 3 * 2 = 6 clips to 3
    // (bit-serial would give 2 + 2 * 2 = 6).
    Program one = single(dac2, InputMode.MULTI_BIT, 2, 3, 3f, 2);
    assertArrayEquals(new float[] {3}, TestPrograms.run(one, dac2, SimOptions.analog(1),
        floats(new long[] {1, 1}, 3)));
  }

  @Test
  void inputCodesOutsideTheInputBitsAreRejected() {
    Program p = single(TestPrograms.DEFAULT, InputMode.BIT_SERIAL, 2, 3, 3f, 5, 5);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> run(p, TestPrograms.DEFAULT, SimOptions.analog(1), 4, 0));
    assertTrue(e.getMessage().contains("tile 0 instr 1") && e.getMessage().contains("input code 4.0"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void levelsAboveTheChipsCellAreRejected() {
    Program p = single(TestPrograms.DEFAULT, InputMode.BIT_SERIAL, 2, 0, 0f, 16, 0);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> run(p, TestPrograms.DEFAULT, SimOptions.ideal(), 1, 1));
    assertTrue(e.getMessage().contains("array #0 holds cell value 16 outside 0..15"), e.getMessage());
  }
}
