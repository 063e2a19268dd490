package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import ancc.runtime.device.AnalogArray;
import ancc.runtime.device.CellRange;
import ancc.runtime.device.ProgrammingNoise;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pair sensing ({@code adc.sensing: pair}): one ADC conversion reads the current difference of a
 * G+/G- column pair, so the pair's result is one rounding and one clipping of the difference, in
 * its plus column, and its minus column is 0. Checked against a hand computation with ideal
 * devices, for bit-serial reads (one conversion per bit plane) and for one multi-bit read.
 */
class PairSensingTest {
  private static final int ROWS = 6;
  private static final int OUTPUTS = 3;
  private static final int COLS = 2 * OUTPUTS;
  private static final int IN_BITS = 4;
  private static final int ADC_BITS = 4;
  /** Full scale 20 over q = 7 codes a side: a step of 20/7, so that rounding and clipping both occur. */
  private static final float FULL_SCALE = 20f;

  @Test
  void bitSerialReadsConvertEachPlanesPairDifferenceOnce() {
    check(InputMode.BIT_SERIAL, 1);
  }

  @Test
  void aMultiBitReadConvertsThePairDifferenceOnce() {
    check(InputMode.MULTI_BIT, IN_BITS);
  }

  @Test
  void readsWithOtherEffectsConvertThePairsOfTheirColumnValues() {
    // physics that does not declare Gaussian-only reads: the generic read loop, per-column values
    // through ArrayPhysics.read, then the pairs' differences
    PhysicsFactory generic = TestPrograms.GENERIC_READS;
    for (boolean multiBit : new boolean[] {false, true}) {
      Chip chip = chip(multiBit);
      InputMode mode = multiBit ? InputMode.MULTI_BIT : InputMode.BIT_SERIAL;
      long[] levels = levels();
      Tensor x = inputs();
      float[] got = new Simulator(generic).run(program(chip, mode, levels, ADC_BITS, FULL_SCALE), chip,
          java.util.Map.of("x", x), SimOptions.analog(5)).get("out").floats();
      assertArrayEquals(expected(levels, x.floats(), multiBit ? IN_BITS : 1), got);
    }
  }

  @Test
  void codesOutsideTheDeclaredWidthAreNamed() {
    Chip chip = chip(true);
    Program p = program(chip, InputMode.MULTI_BIT, levels(), ADC_BITS, FULL_SCALE);
    float[] x = new float[2 * ROWS];
    x[ROWS + 3] = 16f;
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TestPrograms.run(p, chip, SimOptions.analog(1), Tensor.ofFloats(new long[] {2, ROWS}, x)));
    assertTrue(e.getMessage().contains("input code 16.0 at row 1, column 3"), e.getMessage());
    x[ROWS + 3] = 2.5f;
    assertThrows(InvalidInputException.class,
        () -> TestPrograms.run(p, chip, SimOptions.analog(1), Tensor.ofFloats(new long[] {2, ROWS}, x)));
    x[ROWS + 3] = Float.NaN;
    assertThrows(InvalidInputException.class,
        () -> TestPrograms.run(p, chip, SimOptions.analog(1), Tensor.ofFloats(new long[] {2, ROWS}, x)));
  }

  @Test
  void quantizedCodesSkipTheCheckOnlyWhenTheyFitTheMvm() {
    // a quantize of this run writes the codes: 4-bit signed codes (3 magnitude bits) fit the mvm's
    // 4 input bits and give the hand result; 6-bit unsigned codes (up to 63) do not, and are
    // still refused by the check
    Chip chip = chip(true);
    long[] levels = levels();
    Tensor x = inputs();
    float[] xs = x.floats();
    float[] signed = TestPrograms.run(quantized(chip, levels, 5, true), chip, SimOptions.analog(5), x);
    assertArrayEquals(expected(levels, xs, IN_BITS), signed);
    float[] big = new float[2 * ROWS];
    big[ROWS + 2] = 40f;
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TestPrograms.run(
        quantized(chip, levels, 6, false), chip, SimOptions.analog(5), Tensor.ofFloats(new long[] {2, ROWS}, big)));
    assertTrue(e.getMessage().contains("input code 40.0 at row 1, column 2"), e.getMessage());
  }

  /** load x, quantize it (scale 1) to codes of the given bits, then the multi-bit mvm and store. */
  private static Program quantized(Chip chip, long[] levels, int bits, boolean signed) {
    ArrayLayout l = new ArrayLayout("l", 0, ROWS, 0, OUTPUTS, 5, 1, 4, WeightEncoding.DIFFERENTIAL);
    return new TestPrograms(chip)
        .input("x", rows(DType.F32, ROWS)).output("out", rows(DType.F32, COLS))
        .array(new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l, TestPrograms.cells(ROWS, COLS, levels)))
        .buffer("c", 0, rows(DType.F32, ROWS)).buffer("q", 0, rows(DType.I64, ROWS))
        .buffer("y", 0, rows(DType.F32, COLS))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("c", "x"), new Instr.Quantize("c", "q", bits, signed, 1f),
            new Instr.Mvm(0, "q", "y", InputMode.MULTI_BIT, IN_BITS, ADC_BITS, FULL_SCALE), new Instr.Store("y", "out"))
        .build();
  }

  @Test
  void columnSensingConvertsBothColumns() {
    long[] levels = levels();
    Tensor x = inputs();
    float[] out = TestPrograms.run(program(Chips.preset("default"), InputMode.BIT_SERIAL, levels, ADC_BITS, FULL_SCALE),
        Chips.preset("default"), SimOptions.analog(3), x);
    boolean minusUsed = false;
    for (int i = 1; i < out.length; i += 2) {
      minusUsed |= out[i] != 0f;
    }
    assertTrue(minusUsed, "column sensing converts the minus columns too");
    float[] pair = TestPrograms.run(program(chip(false), InputMode.BIT_SERIAL, levels, ADC_BITS, FULL_SCALE), chip(false),
        SimOptions.analog(3), x);
    assertNotEquals(java.util.Arrays.toString(out), java.util.Arrays.toString(pair));
  }

  @Test
  void eachColumnOfAPairHasItsOwnReadNoise() {
    // exact readout (adc_bits 0) of bit-serial reads with Gaussian read noise sigma per active row:
    // the pair's difference carries both columns' noise, variance 2 sigma^2 sum_j 4^j ones_j.
    double sigma = 0.05;
    AnalogArray ph = new AnalogArray(new AnalogArray.Config(new CellRange(1e-6, 40e-6, 16, 1),
        ProgrammingNoise.none(), 0, 0, null, null, sigma, 0, 256, 1, true, 0, 0, 1));
    double sd = ph.gaussianReadSigma();
    Chip chip = chip(false);
    long[] levels = levels();
    int vectors = 3000;
    SplittableRandom r = new SplittableRandom(4);
    float[] xs = new float[vectors * ROWS];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = r.nextInt(1 << IN_BITS);
    }
    Tensor x = Tensor.ofFloats(new long[] {vectors, ROWS}, xs);
    Program p = program(chip, InputMode.BIT_SERIAL, levels, 0, 0f);
    float[] out = new Simulator((image, c, o) -> ph).run(p, chip, java.util.Map.of("x", x), SimOptions.analog(8))
        .get("out").floats();
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int v = 0; v < vectors; v++) {
      double var = 0;
      for (int j = 0; j < IN_BITS; j++) {
        int ones = 0;
        for (int row = 0; row < ROWS; row++) {
          ones += ((int) xs[v * ROWS + row] >> j) & 1;
        }
        var += 2 * Math.scalb(1.0, 2 * j) * ones;
      }
      for (int o = 0; o < OUTPUTS; o++) {
        assertEquals(0f, out[v * COLS + 2 * o + 1], "the minus column of a pair is never converted");
        if (var == 0) {
          continue;
        }
        double diff = 0;
        for (int row = 0; row < ROWS; row++) {
          diff += xs[v * ROWS + row] * (levels[row * COLS + 2 * o] - levels[row * COLS + 2 * o + 1]);
        }
        double z = (out[v * COLS + 2 * o] - diff) / (sd * Math.sqrt(var));
        sum += z;
        sq += z * z;
        n++;
      }
    }
    double mean = sum / n;
    assertEquals(0, mean, 0.03);
    assertEquals(1, Math.sqrt(sq / n - mean * mean), 0.03);
  }

  private static void check(InputMode mode, int bitsPerRead) {
    Chip chip = chip(mode == InputMode.MULTI_BIT);
    long[] levels = levels();
    Tensor x = inputs();
    float[] got = TestPrograms.run(program(chip, mode, levels, ADC_BITS, FULL_SCALE), chip, SimOptions.analog(5), x);
    float[] want = expected(levels, x.floats(), bitsPerRead);
    assertArrayEquals(want, got);
  }

  /** sum over reads j of 2^(jD) * step * clamp(rint(diff_j / step)), diff_j the pair's difference. */
  private static float[] expected(long[] levels, float[] xs, int d) {
    int vectors = xs.length / ROWS;
    float q = (1 << (ADC_BITS - 1)) - 1;
    float step = FULL_SCALE / q;
    int reads = (IN_BITS + d - 1) / d;
    float[] out = new float[vectors * COLS];
    for (int v = 0; v < vectors; v++) {
      for (int j = 0; j < reads; j++) {
        for (int o = 0; o < OUTPUTS; o++) {
          float plus = 0f;
          float minus = 0f;
          for (int r = 0; r < ROWS; r++) {
            float xv = xs[v * ROWS + r];
            float drive = Math.signum(xv) * ((((int) Math.abs(xv)) >> (j * d)) & ((1 << d) - 1));
            plus += drive * levels[r * COLS + 2 * o];
            minus += drive * levels[r * COLS + 2 * o + 1];
          }
          float code = (float) Math.rint((plus - minus) / step);
          code = Math.max(-q, Math.min(q, code));
          out[v * COLS + 2 * o] += (float) (1 << (j * d)) * (step * code);
        }
      }
    }
    return out;
  }

  /** Random levels 0..15 with one cell of each pair 0, as the differential codec writes them. */
  private static long[] levels() {
    SplittableRandom r = new SplittableRandom(17);
    long[] l = new long[ROWS * COLS];
    for (int row = 0; row < ROWS; row++) {
      for (int o = 0; o < OUTPUTS; o++) {
        int level = r.nextInt(16);
        l[row * COLS + 2 * o + (r.nextBoolean() ? 0 : 1)] = level;
      }
    }
    return l;
  }

  private static Tensor inputs() {
    SplittableRandom r = new SplittableRandom(9);
    int vectors = 40;
    float[] x = new float[vectors * ROWS];
    for (int i = 0; i < x.length; i++) {
      int m = r.nextInt(1 << IN_BITS);
      x[i] = r.nextInt(4) == 0 ? -m : m;
    }
    return Tensor.ofFloats(new long[] {vectors, ROWS}, x);
  }

  private static Program program(Chip chip, InputMode mode, long[] levels, int adcBits, float fullScale) {
    ArrayLayout l = new ArrayLayout("l", 0, ROWS, 0, OUTPUTS, 5, 1, 4, WeightEncoding.DIFFERENTIAL);
    return new TestPrograms(chip)
        .input("x", rows(DType.F32, ROWS)).output("out", rows(DType.F32, COLS))
        .array(new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l, TestPrograms.cells(ROWS, COLS, levels)))
        .buffer("c", 0, rows(DType.F32, ROWS)).buffer("y", 0, rows(DType.F32, COLS))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("c", "x"),
            new Instr.Mvm(0, "c", "y", mode, IN_BITS, adcBits, fullScale), new Instr.Store("y", "out"))
        .build();
  }

  /** The default chip with pair sensing; multi-bit: 8-bit DACs (one read of a 4-bit code). */
  private static Chip chip(boolean multiBit) {
    try (InputStream in = PairSensingTest.class.getResourceAsStream("/ancc/chips/default.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String changed = yaml.replace("sensing: column", "sensing: pair");
      if (multiBit) {
        changed = changed.replace("    dac:\n      bits: 1", "    dac:\n      bits: 8")
            .replace("encoding: bit_serial", "encoding: multi_bit");
      }
      if (changed.equals(yaml)) {
        throw new IllegalStateException("default.yaml has no column sensing entry");
      }
      return Chips.parse(changed, multiBit ? "pair-dac8.yaml" : "pair.yaml");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
