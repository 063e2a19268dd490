package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.WeightEncoding;
import java.util.Arrays;

/**
 * The element-wise datapath around the arrays (docs/isa.md): the input quantizer, the shift-add
 * of slices and signs into integer partial sums, and dequantization. Batched over all vectors;
 * float32 arithmetic in the ISA's order. The loops run on all processors, split into ranges of
 * vectors or elements ({@link Blocks#range}); every output element is computed the same way in
 * any range, so the bits do not depend on the thread count.
 */
final class Arith {
  /** Fewest elements per parallel range of an element-wise loop ({@link Blocks#range}). */
  static final int GRAIN = 1 << 14;

  /** Elements a quantizer pass handles at a time (small enough to stay in the L1 cache). */
  private static final int CHUNK = 1024;

  /** 1.5 x 2^23: for |x| < 2^22, (x + ROUND) - ROUND is x rounded to an integer, ties to even. */
  private static final float ROUND = 0x1.8p23f;

  private Arith() {}

  /**
   * ANALOG: {@code clamp(round_half_even(src / scale), lo, hi)}, NaN to 0. IDEAL (converters wide
   * enough to be exact): {@code src / scale} unrounded and unclamped, NaN to 0.
   */
  static Tensor quantize(Instr.Quantize q, Tensor src, boolean ideal) {
    float[] s = Im2col.floats(src);
    float[] d = new float[s.length];
    float scale = q.scale();
    float lo;
    float hi;
    if (q.signed()) {
      hi = (float) ((1L << (q.bits() - 1)) - 1);
      lo = -hi;
    } else {
      lo = 0f;
      hi = (float) ((1L << q.bits()) - 1);
    }
    boolean signed = q.signed();
    boolean fast = hi >= 1f && hi < 0x1p22f;
    Blocks.range(s.length, GRAIN, (from, to) -> {
      for (int c0 = from; c0 < to; c0 += CHUNK) {
        int c1 = Math.min(to, c0 + CHUNK);
        if (ideal) {
          divide(s, d, c0, c1, scale);
        } else if (!fast || !round(s, d, c0, c1, scale, hi, signed)) {
          exact(s, d, c0, c1, scale, lo, hi);
        }
      }
    });
    return Tensor.ofFloats(src.shape(), d);
  }

  /**
   * Recombines column results [P, columnsUsed] of {@code image} into partial sums per output and
   * writes (or adds) them into columns outStart .. outStart + outCount of a [P, width] accumulator.
   */
  static Tensor shiftAdd(Instr.ShiftAdd s, ArrayImage image, Tensor src, Tensor codes, Tensor old, boolean inPlace,
      int width, String where) {
    ArrayLayout l = image.layout();
    if (src.rank() != 2 || src.dim(1) != l.columnsUsed()) {
      throw new InvalidInputException(where + ": source has shape " + Arrays.toString(src.shape()) + ", expected [P, "
          + l.columnsUsed() + "]");
    }
    int p = (int) src.dim(0);
    float[] acc = accumulator(l, p, old, inPlace, width, where);
    float[] inputSum = l.encoding() == WeightEncoding.OFFSET ? inputSums(l, codes, p, where) : null;
    recombine(l, Im2col.floats(src), p, sliceWeights(l), inputSum, s.accumulate(), acc, width);
    return inPlace ? old : Tensor.ofFloats(new long[] {p, width}, acc);
  }

  /**
   * The shift_add of an exact-readout mvm fused with it: z = outputScale * (x . folded) with the
   * array's cells folded over slices and signs ({@link ProgrammedArray#folded}), which equals
   * recombining the per-column products since both steps are linear.
   */
  static Tensor shiftAddFused(Instr.ShiftAdd s, ProgrammedArray a, Tensor x, Tensor codes, Tensor old,
      boolean inPlace, int width, String where) {
    ArrayLayout l = a.image.layout();
    int p = (int) x.dim(0);
    int k = (int) x.dim(1);
    int m = l.outCount();
    float[][] w = a.foldedRows();
    float[] xs = Im2col.floats(x);
    float[] z = new float[Math.multiplyExact(p, m)];
    MvmKernel.product(xs, k, l.inStart(), p, w, a.rows, m, z);
    if (a.outputScale != 1f) {
      for (int i = 0; i < z.length; i++) {
        z[i] *= a.outputScale;
      }
    }
    return merge(s, l, z, p, codes, old, inPlace, width, where);
  }

  /**
   * The branch-free quantizer over elements from .. to - 1, in a loop the JIT vectorizes: rint
   * of |v| by adding and subtracting 1.5 x 2^23 (exact for |v| < 2^22; larger values clamp
   * anyway as hi < 2^22), clamped to hi, times the sign of v as +-1 (+-0 for v = +-0, which
   * keeps the sign of a zero result as rint does). Returns false (d unspecified) where this
   * differs from {@link #exact}: a NaN, or for unsigned codes a v below -0.5 (which rounds to a
   * negative code that exact clamps to +0, while -0.5 <= v <= -0 stays -0).
   */
  private static boolean round(float[] s, float[] d, int from, int to, float scale, float hi, boolean signed) {
    float least = Float.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      float v = s[i] / scale;
      least = Math.min(least, v);
      float mag = Math.min(hi, (Math.abs(v) + ROUND) - ROUND);
      d[i] = mag * Math.max(-1f, Math.min(1f, v * 0x1p127f));
    }
    return signed ? least == least : least >= -0.5f;
  }

  /** The reference quantizer: clamp(rint(s / scale), lo, hi), NaN to 0, over from .. to - 1. */
  private static void exact(float[] s, float[] d, int from, int to, float scale, float lo, float hi) {
    for (int i = from; i < to; i++) {
      float v = s[i] / scale;
      if (v != v) {
        v = 0f;
      } else {
        v = (float) Math.rint(v);
        v = v < lo ? lo : (v > hi ? hi : v);
      }
      d[i] = v;
    }
  }

  /** IDEAL quantizer: s / scale, NaN to 0, over from .. to - 1 (a fix-up pass only after a NaN). */
  private static void divide(float[] s, float[] d, int from, int to, float scale) {
    float least = Float.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      float v = s[i] / scale;
      least = Math.min(least, v);
      d[i] = v;
    }
    if (least != least) {
      for (int i = from; i < to; i++) {
        if (d[i] != d[i]) {
          d[i] = 0f;
        }
      }
    }
  }

  /**
   * acc[v][outStart + o] (=|+=) the sum over slices sl (ascending) of sliceWeight[sl] * column
   * value (DIFFERENTIAL: plus minus minus column), minus 2^(weightBits - 1) * inputSum[v] for
   * OFFSET. Rows run slice by slice over all outputs with strided indices when the layout's
   * columns are the standard affine ones ({@link ArrayLayout#column}), else through index tables.
   */
  private static void recombine(ArrayLayout l, float[] y, int p, float[] w, float[] inputSum, boolean accumulate,
      float[] acc, int width) {
    int cu = l.columnsUsed();
    int m = l.outCount();
    int slices = l.slices();
    int cpo = l.columnsPerOutput();
    boolean diff = l.encoding() == WeightEncoding.DIFFERENTIAL;
    int step = diff ? 2 : 1;
    int[] plus = new int[m * slices];
    int[] minus = new int[m * slices];
    boolean affine = true;
    for (int o = 0; o < m; o++) {
      for (int sl = 0; sl < slices; sl++) {
        int k = o * slices + sl;
        plus[k] = l.column(o, sl, false);
        minus[k] = diff ? l.column(o, sl, true) : plus[k] + 1;
        affine &= plus[k] == o * cpo + step * sl && minus[k] == plus[k] + 1;
      }
    }
    boolean regular = affine;
    float offset = (float) Math.scalb(1.0, l.weightBits() - 1);
    int outStart = l.outStart();
    Blocks.range(p, Math.max(1, GRAIN / Math.max(1, cu)), (from, to) -> {
      float[] z = new float[m];
      for (int v = from; v < to; v++) {
        int row = v * cu;
        if (regular) {
          // slice by slice over all outputs: each output still sums its slices in ascending order
          for (int sl = 0; sl < slices; sl++) {
            float ws = w[sl];
            int c = row + step * sl;
            if (sl == 0 && diff) {
              for (int o = 0; o < m; o++) {
                z[o] = 0f + ws * (y[c + o * cpo] - y[c + o * cpo + 1]);
              }
            } else if (sl == 0) {
              for (int o = 0; o < m; o++) {
                z[o] = 0f + ws * y[c + o * cpo];
              }
            } else if (diff) {
              for (int o = 0; o < m; o++) {
                z[o] += ws * (y[c + o * cpo] - y[c + o * cpo + 1]);
              }
            } else {
              for (int o = 0; o < m; o++) {
                z[o] += ws * y[c + o * cpo];
              }
            }
          }
        } else {
          for (int o = 0; o < m; o++) {
            float sum = 0f;
            for (int sl = 0; sl < slices; sl++) {
              int k = o * slices + sl;
              sum += w[sl] * (diff ? y[row + plus[k]] - y[row + minus[k]] : y[row + plus[k]]);
            }
            z[o] = sum;
          }
        }
        int at = v * width + outStart;
        if (inputSum != null) {
          float off = offset * inputSum[v];
          for (int o = 0; o < m; o++) {
            z[o] -= off;
          }
        }
        if (accumulate) {
          for (int o = 0; o < m; o++) {
            acc[at + o] += z[o];
          }
        } else {
          System.arraycopy(z, 0, acc, at, m);
        }
      }
    });
  }

  /** Slice weights 2^(s * sliceBits), the top one negative for two's complement. */
  static float[] sliceWeights(ArrayLayout l) {
    float[] sliceWeight = new float[l.slices()];
    for (int sl = 0; sl < l.slices(); sl++) {
      sliceWeight[sl] = (float) Math.scalb(1.0, sl * l.sliceBits());
    }
    if (l.encoding() == WeightEncoding.TWOS_COMPLEMENT) {
      sliceWeight[l.slices() - 1] = -sliceWeight[l.slices() - 1];
    }
    return sliceWeight;
  }

  /**
   * Applies the offset correction to z [P, outCount] and writes or adds it into the accumulator:
   * a copy of {@code old}, or {@code old} itself when {@code inPlace} (the caller owns it).
   */
  private static Tensor merge(Instr.ShiftAdd s, ArrayLayout l, float[] z, int p, Tensor codes, Tensor old,
      boolean inPlace, int width, String where) {
    float[] acc = accumulator(l, p, old, inPlace, width, where);
    float[] inputSum = l.encoding() == WeightEncoding.OFFSET ? inputSums(l, codes, p, where) : null;
    float offset = (float) Math.scalb(1.0, l.weightBits() - 1);
    int m = l.outCount();
    int outStart = l.outStart();
    boolean accumulate = s.accumulate();
    Blocks.range(p, Math.max(1, GRAIN / Math.max(1, m)), (from, to) -> {
      for (int v = from; v < to; v++) {
        int zb = v * m;
        int at = v * width + outStart;
        float off = inputSum == null ? 0f : offset * inputSum[v];
        if (inputSum == null && accumulate) {
          for (int o = 0; o < m; o++) {
            acc[at + o] += z[zb + o];
          }
        } else if (inputSum == null) {
          System.arraycopy(z, zb, acc, at, m);
        } else if (accumulate) {
          for (int o = 0; o < m; o++) {
            acc[at + o] += z[zb + o] - off;
          }
        } else {
          for (int o = 0; o < m; o++) {
            acc[at + o] = z[zb + o] - off;
          }
        }
      }
    });
    return inPlace ? old : Tensor.ofFloats(new long[] {p, width}, acc);
  }

  /**
   * Checks that outputs outStart .. outStart + outCount fit a [P, width] accumulator and returns
   * its data: a copy of {@code old}, {@code old}'s own array when {@code inPlace} (the caller owns
   * it), or zeros without {@code old}.
   */
  private static float[] accumulator(ArrayLayout l, int p, Tensor old, boolean inPlace, int width, String where) {
    if (l.outStart() + l.outCount() > width) {
      throw new InvalidInputException(where + ": outputs " + l.outStart() + ".." + (l.outStart() + l.outCount() - 1)
          + " do not fit the accumulator's " + width + " columns");
    }
    if (old == null) {
      return new float[Math.multiplyExact(p, width)];
    }
    if (old.rank() != 2 || old.dim(0) != p || old.dim(1) != width) {
      throw new InvalidInputException(where + ": accumulator has shape " + Arrays.toString(old.shape())
          + ", expected [" + p + ", " + width + "]");
    }
    return inPlace ? old.floats() : Im2col.floats(old).clone();
  }

  private static float[] inputSums(ArrayLayout l, Tensor codes, int p, String where) {
    if (codes == null) {
      throw new InvalidInputException(where + ": offset-encoded array needs its input codes");
    }
    if (codes.rank() != 2 || codes.dim(0) != p || codes.dim(1) < l.inStart() + l.inCount()) {
      throw new InvalidInputException(where + ": input codes have shape " + Arrays.toString(codes.shape())
          + ", expected [" + p + ", >= " + (l.inStart() + l.inCount()) + "]");
    }
    float[] x = Im2col.floats(codes);
    int k = (int) codes.dim(1);
    float[] sums = new float[p];
    for (int v = 0; v < p; v++) {
      double s = 0;
      int base = v * k + l.inStart();
      for (int r = 0; r < l.inCount(); r++) {
        s += x[base + r];
      }
      sums[v] = (float) s;
    }
    return sums;
  }

  /** dst[p][n] = src[p][n] * inputScale * scale[n] + bias[n], float32 in that order. */
  static Tensor dequantize(Instr.Dequantize d, Tensor src, Tensor scale, Tensor bias, String where) {
    int m = scale.size();
    if (src.rank() != 2 || src.dim(1) != m || (bias != null && bias.size() != m)) {
      throw new InvalidInputException(where + ": source shape " + Arrays.toString(src.shape()) + " does not match "
          + m + " channel scales" + (bias == null ? "" : " and " + bias.size() + " biases"));
    }
    float[] s = Im2col.floats(src);
    float[] sc = Im2col.floats(scale);
    float[] b = bias == null ? null : Im2col.floats(bias);
    float in = d.inputScale();
    float[] out = new float[s.length];
    int rows = m == 0 ? 0 : s.length / m;
    Blocks.range(rows, Math.max(1, GRAIN / Math.max(1, m)), (from, to) -> {
      for (int r = from; r < to; r++) {
        int o = r * m;
        if (b == null) {
          for (int n = 0; n < m; n++) {
            out[o + n] = (s[o + n] * in) * sc[n];
          }
        } else {
          for (int n = 0; n < m; n++) {
            out[o + n] = (s[o + n] * in) * sc[n] + b[n];
          }
        }
      }
    });
    return Tensor.ofFloats(src.shape(), out);
  }
}
