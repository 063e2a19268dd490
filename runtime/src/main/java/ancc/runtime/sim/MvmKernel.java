package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Instr;
import ancc.runtime.device.ArrayPhysics;
import java.util.SplittableRandom;

/**
 * The numerics of one {@code mvm} instruction over a whole batch (docs/isa.md, "mvm").
 *
 * <p>Two paths. When nothing is non-linear per read ({@link SimOptions.Mode#IDEAL}, or exact
 * readout, adc_bits 0, on ideal devices) the planes' shift-add equals one product of the full
 * input codes, so the kernel computes {@code dst = x . g} in one pass. Otherwise, per block of
 * {@value #BLOCK} vectors and per read j (a bit plane for bit_serial, a D-bit DAC slice for
 * multi_bit): the drive {@code sign(x) * ((|x| >> jD) mod 2^D)}, the column values {@code v_j = d_j
 * . g} plus the current of the DAC offsets, the device's read effects ({@link ArrayPhysics#read}),
 * the ADC {@code step * clamp(round_half_even((v + adcOffset) / step), -Q, Q)}, and the shift-add
 * {@code dst += 2^(jD) ADC(v_j)}; with pair sensing ({@link ProgrammedArray#pairSensing}) the ADC
 * converts each G+/G- pair's difference {@code v_j[2i] - v_j[2i + 1]} once, into column 2i (column
 * 2i + 1 gets 0, so shift_add's difference of the pair is the conversion). Finally the array's
 * drift-compensation factor scales dst. In IDEAL mode the ADC is skipped (converters wide enough
 * to be exact), so codes need not be integers there. Bit-serial reads of codes of at most 8 bits on arrays whose reads add only
 * Gaussian noise ({@link ArrayPhysics#gaussianReadSigma}) take {@link BitSerialKernel}; other
 * bit-serial reads take their column values from the array's subset-sum table ({@link
 * BitPlanes}); one read of the whole codes (a DAC as wide as them) uses the dense {@link
 * MatMul#multiply}, other DAC slices {@link MatMul#multiplySparse}.
 *
 * <p>Vectors are processed in blocks of {@value #BLOCK}, in parallel ({@link Blocks}); the reads of
 * one block draw their noise from a generator derived from (seed, array, mvm call, block)
 * ({@link ProgrammedArray#readRng}), so results do not depend on the thread count.
 */
final class MvmKernel {
  static final int BLOCK = 128;
  /** 1.5 x 2^23: adding and subtracting it rounds a float below 2^22 to an integer, ties to even. */
  private static final float ROUNDER = 0x1.8p23f;

  private MvmKernel() {}

  static Tensor run(Instr.Mvm mvm, ProgrammedArray a, Tensor src, boolean ideal, int dacBits, String where) {
    return run(mvm, a, src, ideal, dacBits, false, where);
  }

  /**
   * The mvm; {@code checked}: the source's codes are known to be integers within the mvm's
   * input bits (a {@code quantize} of this run wrote them), so the generic and pair reads skip
   * their check (the bit-serial kernel checks as it builds its planes, at no extra cost).
   */
  static Tensor run(Instr.Mvm mvm, ProgrammedArray a, Tensor src, boolean ideal, int dacBits, boolean checked,
      String where) {
    if (src.rank() != 2) {
      throw new InvalidInputException(where + ": source must be [P, K], got shape "
          + java.util.Arrays.toString(src.shape()));
    }
    int p = (int) src.dim(0);
    int k = (int) src.dim(1);
    int inStart = a.image.layout().inStart();
    if (inStart + a.rows > k) {
      throw new InvalidInputException(where + ": array #" + a.image.id() + " reads inputs " + inStart + ".."
          + (inStart + a.rows - 1) + " but the source has " + k);
    }
    float[] x = Im2col.floats(src);
    float[] dst = new float[Math.multiplyExact(p, a.cols)];
    if (exact(mvm, a, ideal)) {
      product(x, k, inStart, p, a.cellRows(), a.rows, a.cols, dst);
    } else {
      int d = mvm.mode() == Instr.InputMode.BIT_SERIAL ? 1 : dacBits;
      planes(mvm, a, x, p, k, inStart, d, checked, dst, where);
    }
    if (a.outputScale != 1f) {
      for (int i = 0; i < dst.length; i++) {
        dst[i] *= a.outputScale;
      }
    }
    return Tensor.ofFloats(new long[] {p, a.cols}, dst);
  }

  /** dst[v][c] = sum_r x[v * k + inStart + r] * w[r][c] for all p vectors, by blocks in parallel (w by rows). */
  static void product(float[] x, int k, int inStart, int p, float[][] w, int rows, int cols, float[] dst) {
    Blocks.run(Blocks.count(p, BLOCK), b -> {
      int v0 = b * BLOCK;
      int v1 = Math.min(p, v0 + BLOCK);
      float[] out = new float[(v1 - v0) * cols];
      MatMul.multiply(x, k, inStart, v0, v1, w, rows, cols, out);
      System.arraycopy(out, 0, dst, v0 * cols, out.length);
    });
  }

  /** Whether the reads of this mvm are linear in the inputs, so the planes collapse into one product. */
  static boolean exact(Instr.Mvm mvm, ProgrammedArray a, boolean ideal) {
    return ideal || (a.physics == ArrayPhysics.IDEAL && mvm.adcBits() == 0);
  }

  private static void planes(Instr.Mvm mvm, ProgrammedArray a, float[] x, int p, int k, int inStart, int d,
      boolean checked, float[] dst, String where) {
    int bits = (int) mvm.inputBits();
    int reads = (bits + d - 1) / d;
    long maxCode = bits >= 63 ? Long.MAX_VALUE : (1L << bits) - 1;
    long mask = d >= 63 ? -1L : (1L << d) - 1;
    int rows = a.rows;
    int cols = a.cols;
    Adc adc = Adc.of(mvm);
    long call = a.nextReadCall();
    float[] adcOffsets = adc.offsets(a.adcOffsets);
    double sigma = a.physics.gaussianReadSigma();
    if (d == 1 && bits <= BitSerialKernel.MAX_BITS && rows <= BitSerialKernel.MAX_ROWS && sigma == sigma
        && a.finiteCells()) {
      BitSerialKernel.run(a, x, p, k, inStart, bits, sigma, adc, adcOffsets, call, dst, where);
      return;
    }
    // Bit-serial reads of codes that fit an int take the table kernel; wider DAC slices the product.
    BitPlanes.Table table = d == 1 && bits <= 30 ? a.planeTable() : null;
    // One read of the whole codes (a DAC as wide as the codes): its drive is the codes themselves,
    // so its column values are the dense product, as in IDEAL mode.
    float[][] wholeRows = table == null && reads == 1 ? a.cellRows() : null;
    if (wholeRows != null && a.pairSensing && sigma == 0) {
      pairRead(a, x, p, k, inStart, bits, checked ? -1 : maxCode, adc, adcOffsets, dst, where);
      return;
    }
    Blocks.run(Blocks.count(p, BLOCK), b -> {
      int v0 = b * BLOCK;
      int n = Math.min(p, v0 + BLOCK) - v0;
      float[] codes = codes(x, v0, n, k, inStart, rows, checked ? -1 : maxCode, bits, where);
      // the only read of a whole code drives the codes themselves (|x| <= maxCode <= mask; a zero's
      // sign does not matter: the ADC maps -0 and +0 alike, and exact readout adds it to a sum)
      float[] drive = wholeRows != null ? codes : new float[n * rows];
      float[] values = new float[n * cols];
      SplittableRandom rng = a.readRng(call, b);
      int[] mag = null;
      boolean[] negative = null;
      boolean anyNegative = false;
      if (table != null) {
        mag = new int[n * rows];
        negative = new boolean[n * rows];
        for (int i = 0; i < n * rows; i++) {
          mag[i] = (int) Math.abs(codes[i]);
          negative[i] = codes[i] < 0;
          anyNegative |= negative[i];
        }
      }
      int o = v0 * cols;
      for (int j = 0; j < reads; j++) {
        int shift = j * d;
        if (table != null) {
          BitPlanes.read(table, mag, negative, anyNegative, n, rows, cols, j, drive, values);
        } else if (wholeRows != null) {
          MatMul.multiply(codes, rows, 0, 0, n, wholeRows, rows, cols, values);
        } else {
          for (int i = 0; i < n * rows; i++) {
            float xv = codes[i];
            long slice = ((long) Math.abs(xv) >>> shift) & mask;
            drive[i] = xv < 0 ? -slice : slice;
          }
          MatMul.multiplySparse(drive, rows, 0, 0, n, a.cells, rows, cols, values);
        }
        if (a.dacColumnOffsets != null) {
          for (int i = 0; i < n * cols; i++) {
            values[i] += a.dacColumnOffsets[i % cols];
          }
        }
        a.physics.read(values, n, cols, drive, rows, a.cells, rng);
        float weight = (float) Math.scalb(1.0, shift);
        for (int v = 0; v < n; v++) {
          if (a.pairSensing) {
            adc.accumulatePairs(values, v * cols, cols, weight, dst, o + v * cols, adcOffsets);
          } else {
            adc.accumulate(values, v * cols, cols, weight, dst, o + v * cols, adcOffsets);
          }
        }
      }
    });
  }

  /**
   * The checked input codes of vectors v0 .. v0 + n - 1, [n * rows]: integers of at most {@code
   * bits} magnitude bits, else an error naming the vector and column.
   */
  private static float[] codes(float[] x, int v0, int n, int k, int inStart, int rows, long maxCode, int bits,
      String where) {
    check(x, v0, n, k, inStart, rows, maxCode, bits, where);
    float[] codes = new float[n * rows];
    for (int v = 0; v < n; v++) {
      System.arraycopy(x, (v0 + v) * k + inStart, codes, v * rows, rows);
    }
    return codes;
  }

  /**
   * Checks that the codes the array reads of vectors v0 .. v0 + n - 1 are integers of at most
   * {@code bits} magnitude bits (maxCode = 2^bits - 1; negative: known valid, no check). For codes
   * below 2^22, one pass with a single max-reduction and no branch: a code m is valid when max(m,
   * f x 2^252) <= maxCode, f = |m - rint(m)| (rint by adding and subtracting 1.5 x 2^23, exact
   * below 2^22; any non-zero f, even 2^-149, becomes at least 2^103; a NaN propagates and fails).
   * Only when that fails, a second pass names the first bad code. (Two reductions in one loop
   * crashed C2 of JDK 17.0.15 in a scratch test, hence the single one.)
   */
  private static void check(float[] x, int v0, int n, int k, int inStart, int rows, long maxCode, int bits,
      String where) {
    if (maxCode < 0) {
      return; // checked by the caller
    }
    if (maxCode < (1L << 22)) {
      float worst = 0f;
      for (int v = 0; v < n; v++) {
        int base = (v0 + v) * k + inStart;
        for (int r = 0; r < rows; r++) {
          float m = Math.abs(x[base + r]);
          float frac = Math.abs(m - ((m + ROUNDER) - ROUNDER));
          worst = Math.max(worst, Math.max(m, (frac * 0x1p126f) * 0x1p126f));
        }
      }
      if (worst <= maxCode) {
        return;
      }
    }
    for (int v = 0; v < n; v++) {
      int base = (v0 + v) * k + inStart;
      for (int r = 0; r < rows; r++) {
        float xv = x[base + r];
        float m = Math.abs(xv);
        if (m > maxCode || m != (float) Math.rint(m)) {
          throw new InvalidInputException(where + ": input code " + xv + " at row " + (v0 + v) + ", column "
              + (inStart + r) + " is not an integer of at most " + bits + " magnitude bits");
        }
      }
    }
  }

  /**
   * One read of the whole codes with pair sensing on an array whose reads add nothing (Gaussian
   * read sigma 0): the ADC sees each pair's difference, v[2i] - v[2i + 1] = x . (g[., 2i] - g[.,
   * 2i + 1]), so the product is taken once with the pairs' difference cells ({@link
   * ProgrammedArray#pairRows}), half the columns, plus the pair's DAC-offset current difference.
   */
  private static void pairRead(ProgrammedArray a, float[] x, int p, int k, int inStart, int bits, long maxCode,
      Adc adc, float[] adcOffsets, float[] dst, String where) {
    int rows = a.rows;
    int cols = a.cols;
    int half = cols / 2;
    float[][] pairRows = a.pairRows();
    float[] dac = a.dacColumnOffsets;
    Blocks.run(Blocks.count(p, BLOCK), b -> {
      int v0 = b * BLOCK;
      int n = Math.min(p, v0 + BLOCK) - v0;
      check(x, v0, n, k, inStart, rows, maxCode, bits, where);
      float[] diff = new float[n * half];
      MatMul.multiply(x, k, inStart, v0, v0 + n, pairRows, rows, half, diff);
      if (dac != null) {
        for (int i = 0; i < n * half; i++) {
          int c = 2 * (i % half);
          diff[i] += dac[c] - dac[c + 1];
        }
      }
      for (int v = 0; v < n; v++) {
        adc.accumulateDifferences(diff, v * half, half, dst, (v0 + v) * cols, adcOffsets);
      }
    });
  }
}
