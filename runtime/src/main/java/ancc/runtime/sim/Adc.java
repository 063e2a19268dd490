package ancc.runtime.sim;

import ancc.ir.program.Instr;

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
   * difference ({@link #offsets} is null for it).
   */
  void accumulatePairs(float[] values, int from, int count, float weight, float[] dst, int o, float[] offsets) {
    for (int c = 0; c + 1 < count; c += 2) {
      dst[o + c] += weight * convertPair(values[from + c] - values[from + c + 1], offsets, c);
    }
  }

  /** One read's pair differences diffs[from + i], i < pairs, converted into dst[o + 2i]. */
  void accumulateDifferences(float[] diffs, int from, int pairs, float[] dst, int o, float[] offsets) {
    for (int i = 0; i < pairs; i++) {
      dst[o + 2 * i] += convertPair(diffs[from + i], offsets, 2 * i);
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
      acc[c] += weight * convertPair((values[c] + sd * z[c]) - (values[c + 1] + sd * z[c + 1]), offsets, c);
    }
  }

  /** The conversion of a pair's difference d by the ADC of the pair's plus column c (offsets in value units, or null). */
  private float convertPair(float d, float[] offsets, int c) {
    return convert(offsets == null ? d : d + offsets[c]);
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
