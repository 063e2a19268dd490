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
 * drift-compensation factor scales dst. In
 * IDEAL mode the ADC is skipped (converters wide enough to be exact), so codes need not be
 * integers there. Bit-serial reads of codes of at most 8 bits on arrays whose reads add only
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

  private MvmKernel() {}

  static Tensor run(Instr.Mvm mvm, ProgrammedArray a, Tensor src, boolean ideal, int dacBits, String where) {
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
      planes(mvm, a, x, p, k, inStart, d, dst, where);
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
      float[] dst, String where) {
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
      pairRead(a, x, p, k, inStart, bits, maxCode, adc, adcOffsets, dst, where);
      return;
    }
    Blocks.run(Blocks.count(p, BLOCK), b -> {
      int v0 = b * BLOCK;
      int n = Math.min(p, v0 + BLOCK) - v0;
      float[] codes = codes(x, v0, n, k, inStart, rows, maxCode, bits, where);
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
    // codes below 2^24 are exact in float and int: (int) m == m tells an integer
    boolean small = maxCode < (1L << 24);
    float[] codes = new float[n * rows];
    for (int v = 0; v < n; v++) {
      int base = (v0 + v) * k + inStart;
      for (int r = 0; r < rows; r++) {
        float xv = x[base + r];
        float m = Math.abs(xv);
        if (small ? !(m <= maxCode) || (int) m != m : m > maxCode || m != (float) Math.rint(m)) {
          throw new InvalidInputException(where + ": input code " + xv + " at row " + (v0 + v) + ", column "
              + (inStart + r) + " is not an integer of at most " + bits + " magnitude bits");
        }
        codes[v * rows + r] = xv;
      }
    }
    return codes;
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
      float[] codes = codes(x, v0, n, k, inStart, rows, maxCode, bits, where);
      float[] diff = new float[n * half];
      MatMul.multiply(codes, rows, 0, 0, n, pairRows, rows, half, diff);
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

  /** The column ADC of an mvm: exact for adc_bits 0, else {@code [-F, F]} on 2^(A-1) - 1 codes a side. */
  record Adc(int bits, float step, float q, float fullScale) {
    private static final float ROUNDER = 0x1.8p23f;
    private static final float ROUNDING_LIMIT = 0x1p22f;

    static Adc of(Instr.Mvm mvm) {
      if (mvm.adcBits() == 0) {
        return new Adc(0, 0f, 0f, 0f);
      }
      float q = (float) ((1L << (mvm.adcBits() - 1)) - 1);
      return new Adc((int) mvm.adcBits(), mvm.adcFullScale() / q, q, mvm.adcFullScale());
    }

    /**
     * dst[o + i] += weight * convert(values[from + i] + offsets[i]) for i < count; offsets (the
     * ADC offsets of the columns, value units) may be null for none. Exact readout (bits 0) has
     * no converter, so neither quantization nor offset.
     */
    void accumulate(float[] values, int from, int count, float weight, float[] dst, int o, float[] offsets) {
      if (bits == 0) {
        for (int i = 0; i < count; i++) {
          dst[o + i] += weight * values[from + i];
        }
        return;
      }
      if (offsets != null) {
        for (int i = 0; i < count; i++) {
          dst[o + i] += weight * convert(values[from + i] + offsets[i]);
        }
        return;
      }
      if (q < ROUNDING_LIMIT) {
        // Below 2^22, adding and subtracting 1.5 x 2^23 rounds a float to the nearest integer,
        // ties to even, exactly as Math.rint; larger magnitudes clip to +-q either way.
        for (int i = 0; i < count; i++) {
          float y = values[from + i] / step;
          float code = (y + ROUNDER) - ROUNDER;
          code = code > q ? q : code < -q ? -q : code;
          dst[o + i] += weight * (step * (code == code ? code : 0f));
        }
        return;
      }
      for (int i = 0; i < count; i++) {
        dst[o + i] += weight * convert(values[from + i]);
      }
    }

    /**
     * acc[i] += weight * convert(values[i] + offsets[i]) for i < count, for finite values (no NaN to
     * map to 0): the clamp as min and max, weight x step folded into one factor (exact: the weight
     * is a power of two), every array indexed from 0, so that the JIT vectorizes the loop.
     */
    void convert(float[] values, int count, float weight, float[] acc, float[] offsets) {
      if (bits == 0 || q >= ROUNDING_LIMIT) {
        accumulate(values, 0, count, weight, acc, 0, offsets);
        return;
      }
      float lo = -q;
      float hi = q;
      float s = step;
      float ws = weight * step;
      if (offsets == null) {
        for (int i = 0; i < count; i++) {
          float code = (values[i] / s + ROUNDER) - ROUNDER;
          acc[i] += ws * Math.max(lo, Math.min(hi, code));
        }
      } else {
        for (int i = 0; i < count; i++) {
          float code = ((values[i] + offsets[i]) / s + ROUNDER) - ROUNDER;
          acc[i] += ws * Math.max(lo, Math.min(hi, code));
        }
      }
    }

    /** {@link #convert} of values[i] + sd x z[i]: a read's column values with their Gaussian noise. */
    void convertNoisy(float[] values, float[] z, float sd, int count, float weight, float[] acc, float[] offsets) {
      if (bits == 0 || q >= ROUNDING_LIMIT) {
        for (int i = 0; i < count; i++) {
          values[i] += sd * z[i];
        }
        accumulate(values, 0, count, weight, acc, 0, offsets);
        return;
      }
      float lo = -q;
      float hi = q;
      float s = step;
      float ws = weight * step;
      if (offsets == null) {
        for (int i = 0; i < count; i++) {
          float code = ((values[i] + sd * z[i]) / s + ROUNDER) - ROUNDER;
          acc[i] += ws * Math.max(lo, Math.min(hi, code));
        }
      } else {
        for (int i = 0; i < count; i++) {
          float code = ((values[i] + sd * z[i] + offsets[i]) / s + ROUNDER) - ROUNDER;
          acc[i] += ws * Math.max(lo, Math.min(hi, code));
        }
      }
    }

    /**
     * Pair sensing: dst[o + c] += weight * convert(values[from + c] - values[from + c + 1] +
     * offsets[c]) for the pairs (c, c + 1), c = 0, 2, .. < count; the minus column of a pair gets
     * nothing (its current is in the pair's one conversion). Exact readout (bits 0) adds the
     * difference, without offset.
     */
    void accumulatePairs(float[] values, int from, int count, float weight, float[] dst, int o, float[] offsets) {
      for (int c = 0; c + 1 < count; c += 2) {
        float d = values[from + c] - values[from + c + 1];
        if (bits != 0 && offsets != null) {
          d += offsets[c];
        }
        dst[o + c] += weight * convert(d);
      }
    }

    /**
     * One read's pair differences diffs[from + i], i < pairs, converted into dst[o + 2i] (with the
     * offset of the pair's ADC, offsets[2i]; none for exact readout).
     */
    void accumulateDifferences(float[] diffs, int from, int pairs, float[] dst, int o, float[] offsets) {
      for (int i = 0; i < pairs; i++) {
        float d = diffs[from + i];
        if (bits != 0 && offsets != null) {
          d += offsets[2 * i];
        }
        dst[o + 2 * i] += convert(d);
      }
    }

    /**
     * {@link #accumulatePairs} of a read with Gaussian noise: the pair's difference is
     * (values[c] + sd z[c]) - (values[c + 1] + sd z[c + 1]), each column with its own draw, into
     * acc[c].
     */
    void convertNoisyPairs(float[] values, float[] z, float sd, int count, float weight, float[] acc,
        float[] offsets) {
      for (int c = 0; c + 1 < count; c += 2) {
        float d = (values[c] + sd * z[c]) - (values[c + 1] + sd * z[c + 1]);
        if (bits != 0 && offsets != null) {
          d += offsets[c];
        }
        acc[c] += weight * convert(d);
      }
    }

    /** The ADC offsets of the used columns in value units (fraction x full scale), or null when all are 0. */
    float[] offsets(float[] fractions) {
      if (bits == 0 || fractions == null) {
        return null;
      }
      float[] out = new float[fractions.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = fractions[i] * fullScale;
      }
      return out;
    }

    /** One conversion: {@code step * clamp(round_half_even(v / step), -q, q)}, NaN to 0. */
    float convert(float v) {
      if (bits == 0) {
        return v;
      }
      float code = (float) Math.rint(v / step);
      if (code > q) {
        code = q;
      } else if (code < -q) {
        code = -q;
      } else if (code != code) {
        code = 0f;
      }
      return step * code;
    }
  }
}
