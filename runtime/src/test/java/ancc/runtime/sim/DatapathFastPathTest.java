package ancc.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ancc.ir.graph.DType;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import ancc.runtime.interp.Interpreter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast datapath loops (branch-free chunked quantize, slice-by-slice shift_add fused with the
 * accumulator merge, im2col with sliding rows, branch-free max pooling) give the same bits as
 * straightforward sequential reference loops written here, on inputs full of the awkward cases:
 * NaN, +-0, +-infinity, ties at .5, values just around -0.5, huge and subnormal values. The fp16
 * rounding and the gathers that feed pad and transpose are checked against references too.
 */
class DatapathFastPathTest {
  private static final float[] SPECIAL = {Float.NaN, Float.intBitsToFloat(0xFFC00001), 0f, -0f,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f, -0.5f, Math.nextDown(-0.5f), Math.nextUp(-0.5f), 1.5f,
      -1.5f, 2.5f, -2.5f, 254.5f, -254.5f, 255.5f, 1e30f, -1e30f, 0x1p22f, -0x1p22f, Float.MIN_VALUE,
      -Float.MIN_VALUE, 1e-40f, -1e-40f};

  /** Values drawn from the special list, small integers and halves, and wide random floats. */
  private static float[] awkward(Random r, int n, boolean withNaN) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(6);
      float v;
      if (kind == 0) {
        v = SPECIAL[r.nextInt(SPECIAL.length)];
      } else if (kind == 1) {
        v = (r.nextInt(1200) - 600) * 0.5f;
      } else if (kind == 2) {
        v = (float) (r.nextGaussian() * 0.4);
      } else if (kind == 3) {
        v = 0f;
      } else {
        v = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(12) - 6));
      }
      a[i] = !withNaN && v != v ? 1f : v;
    }
    return a;
  }

  private static void assertBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
          what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
    }
  }

  @Test
  void quantizeMatchesTheReferenceBitForBit() {
    Random r = new Random(11);
    for (long bits : new long[] {1, 2, 4, 8, 9, 16, 22, 23, 24, 31}) {
      for (boolean signed : new boolean[] {true, false}) {
        for (float scale : new float[] {1f, 0.017f, -0.25f, 3e-39f, 0f}) {
          for (int variant = 0; variant < 3; variant++) {
            // variant 0: NaN-free, 1: with NaN, 2: non-negative (the unsigned fast path's domain)
            float[] x = awkward(r, 5000, variant == 1);
            if (variant == 2) {
              for (int i = 0; i < x.length; i++) {
                x[i] = Math.abs(x[i]);
              }
            }
            Tensor src = Tensor.ofFloats(new long[] {50, 100}, x);
            Instr.Quantize q = new Instr.Quantize("s", "d", bits, signed, scale);
            String what = bits + (signed ? " signed" : " unsigned") + " scale " + scale + " variant " + variant;
            assertBits(referenceQuantize(x, bits, signed, scale, false), Arith.quantize(q, src, false).floats(),
                "analog " + what);
            assertBits(referenceQuantize(x, bits, signed, scale, true), Arith.quantize(q, src, true).floats(),
                "ideal " + what);
          }
        }
      }
    }
  }

  private static float[] referenceQuantize(float[] x, long bits, boolean signed, float scale, boolean ideal) {
    float hi = signed ? (float) ((1L << (bits - 1)) - 1) : (float) ((1L << bits) - 1);
    float lo = signed ? -hi : 0f;
    float[] d = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      float v = x[i] / scale;
      if (v != v) {
        v = 0f;
      } else if (!ideal) {
        v = (float) Math.rint(v);
        if (v < lo) {
          v = lo;
        } else if (v > hi) {
          v = hi;
        }
      }
      d[i] = v;
    }
    return d;
  }

  @Test
  void im2colMatchesTheReferenceWithAndWithoutSlidingRows() {
    Random r = new Random(7);
    // {spatial sizes..., kernel, stride, dilation, pad}: 1-D, 2-D and 3-D; shifts of 1, 2 (k 7),
    // and geometries that do not slide (stride 2 with k 3, stride not a multiple of the dilation)
    long[][] cases = {{11, 3, 1, 1, 1}, {9, 8, 5, 1, 1, 2}, {10, 9, 3, 1, 1, 1}, {12, 11, 7, 2, 1, 3},
        {9, 9, 3, 2, 1, 1}, {13, 10, 3, 3, 2, 2}, {12, 12, 3, 2, 2, 0}, {5, 6, 7, 3, 1, 1, 1}, {8, 7, 1, 1, 1, 0}};
    for (long[] cs : cases) {
      int sr = cs.length - 4;
      long[] shape = new long[sr + 2];
      shape[0] = 2;
      shape[1] = 3;
      for (int i = 0; i < sr; i++) {
        shape[2 + i] = cs[i];
      }
      float[] x = awkward(r, (int) Tensor.numel(shape), true);
      long k = cs[sr];
      Instr.Im2col in = new Instr.Im2col("s", "d", java.util.Collections.nCopies(sr, k),
          java.util.Collections.nCopies(sr, cs[sr + 1]), java.util.Collections.nCopies(2 * sr, cs[sr + 3]),
          java.util.Collections.nCopies(sr, cs[sr + 2]));
      Tensor got = Im2col.apply(in, Tensor.ofFloats(shape, x), "t");
      assertBits(referenceIm2col(x, shape, (int) k, (int) cs[sr + 1], (int) cs[sr + 2], (int) cs[sr + 3]),
          got.floats(), "im2col " + java.util.Arrays.toString(cs));
    }
  }

  /** im2col element by element: row (n, output position), column (c, kernel offset), C order. */
  private static float[] referenceIm2col(float[] x, long[] shape, int k, int stride, int dil, int pad) {
    int sr = shape.length - 2;
    int[] size = new int[sr];
    int[] out = new int[sr];
    int q = 1;
    int kk = 1;
    for (int i = 0; i < sr; i++) {
      size[i] = (int) shape[2 + i];
      out[i] = (size[i] + 2 * pad - dil * (k - 1) - 1) / stride + 1;
      q *= out[i];
      kk *= k;
    }
    int n = (int) shape[0];
    int c = (int) shape[1];
    int spatial = (int) (Tensor.numel(shape) / (n * c));
    float[] d = new float[n * q * c * kk];
    for (int b = 0; b < n; b++) {
      for (int p = 0; p < q; p++) {
        for (int ch = 0; ch < c; ch++) {
          for (int j = 0; j < kk; j++) {
            int flat = 0;
            boolean inside = true;
            for (int i = 0, pr = p, jr = j, ps = q, ks = kk; i < sr; i++) {
              ps /= out[i];
              ks /= k;
              int pos = pr / ps;
              int off = jr / ks;
              pr %= ps;
              jr %= ks;
              int at = pos * stride - pad + off * dil;
              inside &= at >= 0 && at < size[i];
              flat = flat * size[i] + at;
            }
            d[((b * q + p) * c + ch) * kk + j] = inside ? x[(b * c + ch) * spatial + flat] : 0f;
          }
        }
      }
    }
    return d;
  }

  @Test
  void shiftAddMatchesTheReferenceForEveryEncoding() {
    Random r = new Random(5);
    ArrayLayout[] layouts = {new ArrayLayout("d", 0, 4, 1, 5, 8, 2, 4, WeightEncoding.DIFFERENTIAL),
        new ArrayLayout("o", 2, 3, 0, 7, 4, 1, 4, WeightEncoding.OFFSET),
        new ArrayLayout("t", 0, 4, 2, 6, 8, 8, 1, WeightEncoding.TWOS_COMPLEMENT)};
    int p = 37;
    int width = 9;
    for (ArrayLayout l : layouts) {
      int cu = l.columnsUsed();
      ArrayImage image = new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l, Tensor.zeros(DType.I64, new long[] {8, cu}));
      float[] y = awkward(r, p * cu, true);
      float[] codes = awkward(r, p * 6, true);
      float[] old = awkward(r, p * width, true);
      for (boolean accumulate : new boolean[] {false, true}) {
        for (boolean withOld : new boolean[] {false, true}) {
          Instr.ShiftAdd s = new Instr.ShiftAdd(0, "y", "c", "acc", accumulate);
          Tensor oldT = withOld ? Tensor.ofFloats(new long[] {p, width}, old.clone()) : null;
          float[] expected = referenceShiftAdd(l, y, codes, 6, withOld ? old : null, accumulate, p, width);
          Tensor got = Arith.shiftAdd(s, image, Tensor.ofFloats(new long[] {p, cu}, y),
              Tensor.ofFloats(new long[] {p, 6}, codes), oldT, false, width, "t");
          assertBits(expected, got.floats(), l.encoding() + " accumulate " + accumulate + " old " + withOld);
          if (withOld) {
            assertBits(old, oldT.floats(), "the accumulator is copied unless in place");
            Tensor mine = Tensor.ofFloats(new long[] {p, width}, old.clone());
            Tensor same = Arith.shiftAdd(s, image, Tensor.ofFloats(new long[] {p, cu}, y),
                Tensor.ofFloats(new long[] {p, 6}, codes), mine, true, width, "t");
            assertSame(mine, same);
            assertBits(expected, same.floats(), "in place " + l.encoding());
          }
        }
      }
    }
  }

  private static float[] referenceShiftAdd(ArrayLayout l, float[] y, float[] codes, int k, float[] old,
      boolean accumulate, int p, int width) {
    float[] acc = old == null ? new float[p * width] : old.clone();
    float[] w = Arith.sliceWeights(l);
    float offset = (float) Math.scalb(1.0, l.weightBits() - 1);
    boolean diff = l.encoding() == WeightEncoding.DIFFERENTIAL;
    for (int v = 0; v < p; v++) {
      double in = 0;
      for (int i = 0; i < l.inCount(); i++) {
        in += codes[v * k + l.inStart() + i];
      }
      for (int o = 0; o < l.outCount(); o++) {
        float sum = 0f;
        for (int sl = 0; sl < l.slices(); sl++) {
          float val = y[v * l.columnsUsed() + l.column(o, sl, false)];
          if (diff) {
            val -= y[v * l.columnsUsed() + l.column(o, sl, true)];
          }
          sum += w[sl] * val;
        }
        if (l.encoding() == WeightEncoding.OFFSET) {
          sum -= offset * (float) in;
        }
        int at = v * width + l.outStart() + o;
        acc[at] = accumulate ? acc[at] + sum : sum;
      }
    }
    return acc;
  }

  @Test
  void halfRoundingMatchesTheReferenceOnSpreadBitPatterns() {
    for (long b = 0; b <= 0xFFFFFFFFL; b += 997) {
      float v = Float.intBitsToFloat((int) b);
      float expected = referenceHalf(v);
      float got = DigitalExec.half(v);
      if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(got)) {
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got), "half of " + v);
      }
    }
    for (float v : SPECIAL) {
      assertEquals(Float.floatToRawIntBits(referenceHalf(v)), Float.floatToRawIntBits(DigitalExec.half(v)), "" + v);
    }
  }

  /** fp16 rounding through double arithmetic: the nearest multiple of the half quantum, ties even. */
  private static float referenceHalf(float v) {
    if (v != v) {
      return v;
    }
    double a = Math.abs((double) v);
    if (a >= 65520) {
      return Math.copySign(Float.POSITIVE_INFINITY, v);
    }
    int e = a < 0x1p-14 ? -14 : Math.getExponent(a);
    double quantum = Math.scalb(1.0, e - 10);
    return (float) Math.copySign(Math.rint(a / quantum) * quantum, v);
  }

  @Test
  void maxPoolKeepsTheFirstOfEqualZerosAndTheNaNs() {
    Random r = new Random(3);
    long[] shape = {2, 3, 9, 8};
    for (int variant = 0; variant < 3; variant++) {
      float[] x = new float[2 * 3 * 9 * 8];
      for (int i = 0; i < x.length; i++) {
        // 0: relu-like (+0 and positives), 1: signed zeros mixed in, 2: everything awkward
        float g = (float) r.nextGaussian();
        x[i] = variant == 0 ? Math.max(0f, g) : variant == 1 ? (g < 0 ? (r.nextBoolean() ? -0f : 0f) : g)
            : awkward(r, 1, true)[0];
      }
      for (long[] geo : new long[][] {{2, 2, 0, 0}, {3, 2, 1, 0}, {3, 1, 1, 1}, {2, 3, 1, 1}}) {
        List<Long> k = List.of(geo[0], geo[0]);
        List<Long> st = List.of(geo[1], geo[1]);
        List<Long> pads = List.of(geo[2], geo[2], geo[2], geo[2]);
        boolean ceil = geo[3] == 1;
        Op.MaxPool op = new Op.MaxPool(k, st, pads, List.of(1L, 1L), ceil);
        Tensor out = run(op, Tensor.ofFloats(shape, x));
        assertBits(referenceMaxPool(x, shape, out.shape(), (int) geo[0], (int) geo[1], (int) geo[2]), out.floats(),
            "variant " + variant + " geometry " + java.util.Arrays.toString(geo));
      }
    }
  }

  private static float[] referenceMaxPool(float[] x, long[] in, long[] out, int k, int s, int pad) {
    int h = (int) in[2];
    int w = (int) in[3];
    int oh = (int) out[2];
    int ow = (int) out[3];
    int planes = (int) (in[0] * in[1]);
    float[] y = new float[planes * oh * ow];
    for (int pl = 0; pl < planes; pl++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          float m = Float.NEGATIVE_INFINITY;
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int iy = oy * s - pad + ky;
              int ix = ox * s - pad + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                float v = x[(pl * h + iy) * w + ix];
                if (v > m || v != v) {
                  m = v;
                }
              }
            }
          }
          y[(pl * oh + oy) * ow + ox] = m;
        }
      }
    }
    return y;
  }

  @Test
  void gathersWithAndWithoutFillMatchTheReference() {
    Random r = new Random(9);
    float[] x = awkward(r, 4 * 5 * 6, true);
    Tensor t = Tensor.ofFloats(new long[] {4, 5, 6}, x);
    Tensor tr = run(new Op.Transpose(List.of(2L, 0L, 1L)), t);
    float[] expected = new float[x.length];
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 5; b++) {
        for (int c = 0; c < 6; c++) {
          expected[(c * 4 + a) * 5 + b] = x[(a * 5 + b) * 6 + c];
        }
      }
    }
    assertBits(expected, tr.floats(), "transpose");
    Tensor padded = run(new Op.Pad(Op.PadMode.CONSTANT), t, Tensor.ofLongs(new long[] {6}, new long[] {0, 1, 0, 0, 0, 2}),
        Tensor.scalar(-7f));
    float[] want = new float[4 * 6 * 8];
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 6; b++) {
        for (int c = 0; c < 8; c++) {
          want[(a * 6 + b) * 8 + c] = b >= 1 && c < 6 ? x[(a * 5 + b - 1) * 6 + c] : -7f;
        }
      }
    }
    assertBits(want, padded.floats(), "pad");
  }

  private static Tensor run(Op op, Tensor... args) {
    List<Value> ins = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      ins.add(new Value("in" + i, args[i].type()));
    }
    Node node = new Node(op, ins, List.of(new Value("out", TensorType.of(DType.F32, 1))), "test");
    return Interpreter.evaluate(node, List.of(args)).get(0);
  }
}
