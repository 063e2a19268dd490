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
    Blocks.range(s.length, GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) {
        float v = s[i] / scale;
        if (v != v) {
          v = 0f;
        } else if (!ideal) {
          v = (float) Math.rint(v);
          v = v < lo ? lo : (v > hi ? hi : v);
        }
        d[i] = v;
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
    int cu = l.columnsUsed();
    float[] y = Im2col.floats(src);
    float[] sliceWeight = sliceWeights(l);
    boolean diff = l.encoding() == WeightEncoding.DIFFERENTIAL;
    int m = l.outCount();
    int slices = l.slices();
    float[] z = new float[Math.multiplyExact(p, m)];
    int[] plus = new int[m * slices];
    int[] minus = new int[m * slices];
    for (int o = 0; o < m; o++) {
      for (int sl = 0; sl < slices; sl++) {
        plus[o * slices + sl] = l.column(o, sl, false);
        minus[o * slices + sl] = diff ? l.column(o, sl, true) : 0;
      }
    }
    Blocks.range(p, Math.max(1, GRAIN / Math.max(1, cu)), (from, to) -> {
      for (int v = from; v < to; v++) {
        int row = v * cu;
        for (int o = 0; o < m; o++) {
          float sum = 0f;
          for (int sl = 0; sl < slices; sl++) {
            int at = o * slices + sl;
            float val = diff ? y[row + plus[at]] - y[row + minus[at]] : y[row + plus[at]];
            sum += sliceWeight[sl] * val;
          }
          z[v * m + o] = sum;
        }
      }
    });
    return merge(s, l, z, p, codes, old, inPlace, width, where);
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
    if (l.outStart() + l.outCount() > width) {
      throw new InvalidInputException(where + ": outputs " + l.outStart() + ".." + (l.outStart() + l.outCount() - 1)
          + " do not fit the accumulator's " + width + " columns");
    }
    float[] acc;
    if (old != null) {
      if (old.rank() != 2 || old.dim(0) != p || old.dim(1) != width) {
        throw new InvalidInputException(where + ": accumulator has shape " + Arrays.toString(old.shape())
            + ", expected [" + p + ", " + width + "]");
      }
      acc = inPlace ? old.floats() : Im2col.floats(old).clone();
    } else {
      acc = new float[Math.multiplyExact(p, width)];
    }
    float[] inputSum = l.encoding() == WeightEncoding.OFFSET ? inputSums(l, codes, p, where) : null;
    float offset = (float) Math.scalb(1.0, l.weightBits() - 1);
    int m = l.outCount();
    int outStart = l.outStart();
    boolean accumulate = s.accumulate();
    float[] into = acc;
    Blocks.range(p, Math.max(1, GRAIN / Math.max(1, m)), (from, to) -> {
      for (int v = from; v < to; v++) {
        for (int o = 0; o < m; o++) {
          float zv = z[v * m + o];
          if (inputSum != null) {
            zv -= offset * inputSum[v];
          }
          int at = v * width + outStart + o;
          into[at] = accumulate ? into[at] + zv : zv;
        }
      }
    });
    return inPlace ? old : Tensor.ofFloats(new long[] {p, width}, acc);
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
