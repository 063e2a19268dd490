package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.exact;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.l;
import static ancc.runtime.interp.TT.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Op.BinaryOp;
import ancc.ir.graph.Op.UnaryOp;
import ancc.ir.graph.Tensor;
import org.junit.jupiter.api.Test;

class ElementwiseKernelsTest {

  private static Op bin(BinaryOp k) {
    return new Op.Binary(k);
  }

  @Test
  void broadcastsRank3AgainstRank2() {
    // a[i,0,k] = 10*i + k (shape [2,1,3]); b[j,0] = 100*j (shape [4,1]) -> out[i,j,k] = a + b
    Tensor a = f(s(2, 1, 3), 0, 1, 2, 10, 11, 12);
    Tensor b = f(s(4, 1), 0, 100, 200, 300);
    Tensor y = eval(bin(BinaryOp.ADD), a, b);
    float[] want = new float[24];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 3; k++) {
          want[(i * 4 + j) * 3 + k] = 10 * i + k + 100 * j;
        }
      }
    }
    close(y, s(2, 4, 3), want);
  }

  @Test
  void broadcastsScalarAndMiddleDims() {
    Tensor a = f(s(2, 3), 1, 2, 3, 4, 5, 6);
    close(eval(bin(BinaryOp.SUB), a, Tensor.scalar(1)), s(2, 3), 0, 1, 2, 3, 4, 5);
    close(eval(bin(BinaryOp.MUL), f(s(2, 1), 2, 3), a), s(2, 3), 2, 4, 6, 12, 15, 18);
    close(eval(bin(BinaryOp.DIV), a, f(s(3), 1, 2, 4)), s(2, 3), 1, 1, 0.75f, 4, 2.5f, 1.5f);
    close(eval(bin(BinaryOp.POW), a, Tensor.scalar(2)), s(2, 3), 1, 4, 9, 16, 25, 36);
  }

  @Test
  void rejectsIncompatibleShapes() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> eval(bin(BinaryOp.ADD), f(s(2, 3), new float[6]), f(s(4), new float[4])));
    assertTrue(e.getMessage().contains("cannot broadcast shapes [2,3] and [4]"), e.getMessage());
    assertTrue(e.getMessage().startsWith("add \"test/add\""), e.getMessage());
  }

  @Test
  void integerDivisionTruncatesTowardZero() {
    Tensor y = eval(bin(BinaryOp.DIV), l(s(4), 7, -7, 7, -7), l(s(4), 2, 2, -2, -2));
    exact(y, DType.I64, s(4), 3, -3, -3, 3);
    assertThrows(InvalidInputException.class, () -> eval(bin(BinaryOp.DIV), l(s(1), 1), l(s(1), 0)));
  }

  @Test
  void integerArithmeticWrapsToTheElementType() {
    Tensor a = Tensor.ofLongs(DType.U8, s(3), new long[] {3, 200, 0});
    Tensor b = Tensor.ofLongs(DType.U8, s(3), new long[] {5, 100, 0});
    exact(eval(bin(BinaryOp.SUB), a, b), DType.U8, s(3), 254, 100, 0);
    exact(eval(bin(BinaryOp.ADD), a, b), DType.U8, s(3), 8, 44, 0);
    Tensor c = Tensor.ofLongs(DType.I32, s(1), new long[] {Integer.MAX_VALUE});
    exact(eval(bin(BinaryOp.ADD), c, Tensor.ofLongs(DType.I32, s(1), new long[] {1})), DType.I32, s(1),
        Integer.MIN_VALUE);
  }

  @Test
  void integerPower() {
    exact(eval(bin(BinaryOp.POW), l(s(4), 2, -3, 5, 2), l(s(4), 10, 3, 0, -1)), DType.I64, s(4), 1024, -27, 1, 0);
    // int base, float exponent: result keeps the base type, truncated
    exact(eval(bin(BinaryOp.POW), l(s(2), 2, 9), f(s(1), 0.5f)), DType.I64, s(2), 1, 3);
  }

  @Test
  void halfPrecisionResultsAreRoundedToHalf() {
    Tensor one = Tensor.ofFloats(DType.F16, s(2), new float[] {1, 1});
    Tensor tiny = Tensor.ofFloats(DType.F16, s(2), new float[] {(float) Math.pow(2, -11), (float) Math.pow(2, -10)});
    Tensor y = eval(bin(BinaryOp.ADD), one, tiny);
    assertEquals(DType.F16, y.dtype());
    // 1 + 2^-11 is a tie between 1 and 1 + 2^-10 and rounds to even; 1 + 2^-10 is exact
    close(y.floats(), new float[] {1, 1 + (float) Math.pow(2, -10)}, 0);
  }

  @Test
  void unaryFunctions() {
    Tensor x = f(s(4), -2, -0.5f, 0, 3);
    close(eval(new Op.Unary(UnaryOp.RELU), x), s(4), 0, 0, 0, 3);
    close(eval(new Op.Unary(UnaryOp.NEG), x), s(4), 2, 0.5f, 0, -3);
    close(eval(new Op.Unary(UnaryOp.ABS), x), s(4), 2, 0.5f, 0, 3);
    close(eval(new Op.Unary(UnaryOp.FLOOR), x), s(4), -2, -1, 0, 3);
    close(eval(new Op.Unary(UnaryOp.CEIL), x), s(4), -2, 0, 0, 3);
    close(eval(new Op.Unary(UnaryOp.SIGMOID), x), s(4), (float) (1 / (1 + Math.exp(2))),
        (float) (1 / (1 + Math.exp(0.5))), 0.5f, (float) (1 / (1 + Math.exp(-3))));
    close(eval(new Op.Unary(UnaryOp.TANH), x), s(4), (float) Math.tanh(-2), (float) Math.tanh(-0.5), 0,
        (float) Math.tanh(3));
    close(eval(new Op.Unary(UnaryOp.EXP), x), s(4), (float) Math.exp(-2), (float) Math.exp(-0.5), 1,
        (float) Math.exp(3));
    // hard_swish = x * max(0, min(1, x/6 + 0.5)): -2 -> -2/6, -0.5 -> -0.5*(5/12), 3 -> 3
    close(eval(new Op.Unary(UnaryOp.HARD_SWISH), x), s(4), -2f * (1f / 6f), -0.5f * (5f / 12f), 0, 3);
    Tensor p = f(s(3), 4, 0.25f, 2);
    close(eval(new Op.Unary(UnaryOp.SQRT), p), s(3), 2, 0.5f, (float) Math.sqrt(2));
    close(eval(new Op.Unary(UnaryOp.LOG), p), s(3), (float) Math.log(4), (float) Math.log(0.25), (float) Math.log(2));
    close(eval(new Op.Unary(UnaryOp.RECIPROCAL), p), s(3), 0.25f, 4, 0.5f);
    exact(eval(new Op.Unary(UnaryOp.NEG), l(s(2), 3, -4)), DType.I64, s(2), -3, 4);
    assertThrows(InvalidInputException.class, () -> eval(new Op.Unary(UnaryOp.SQRT), l(s(1), 4)));
  }

  @Test
  void erfMatchesKnownValuesToDoublePrecision() {
    // reference values of erf (Abramowitz & Stegun table 7.1, extended precision)
    double[][] known = {
      {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149},
      {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527}, {2.5, 0.9995930479825550},
      {3.0, 0.9999779095030014}, {3.5, 0.9999992569016276}, {4.0, 0.9999999845827421},
    };
    for (double[] k : known) {
      assertEquals(k[1], Erf.erf(k[0]), 1e-14, "erf(" + k[0] + ")");
      assertEquals(-k[1], Erf.erf(-k[0]), 1e-14, "erf(-" + k[0] + ")");
    }
    assertEquals(0.0, Erf.erf(0.0));
    assertEquals(1.0, Erf.erf(30.0));
    // the two branches agree where they meet
    assertEquals(Erf.erf(Math.nextDown(3.0)), Erf.erf(3.0), 1e-15);
    close(eval(new Op.Unary(UnaryOp.ERF), f(s(2), 1, -2)), s(2), 0.84270079f, -0.99532227f);
  }

  @Test
  void activations() {
    Tensor x = f(s(2, 2), -2, -1, 0, 4);
    close(eval(new Op.LeakyRelu(0.1f), x), s(2, 2), -0.2f, -0.1f, 0, 4);
    close(eval(new Op.HardSigmoid(0.2f, 0.5f), x), s(2, 2), 0.1f, 0.3f, 0.5f, 1);
    // prelu: slope [2,1] broadcasts along the rows
    close(eval(new Op.PRelu(), x, f(s(2, 1), 0.5f, 3)), s(2, 2), -1, -0.5f, 0, 4);
    close(eval(new Op.PRelu(), x, f(s(2), 0.5f, 3)), s(2, 2), -1, -3, 0, 4);
  }

  @Test
  void clipGivesTheBitsOfItsComparisonsForZerosNansAndInfinities() {
    java.util.Random r = new java.util.Random(3);
    float[] v = new float[400];
    float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 6f, -6f, 1e-45f};
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 5 == 0 ? special[(i / 5) % special.length] : (float) (r.nextGaussian() * 8);
    }
    Tensor x = Tensor.ofFloats(s(v.length), v);
    float[][] bounds = {{0f, 6f}, {-0f, 6f}, {-1f, 0f}, {-1f, -0f}, {Float.NaN, 1f}, {0f, Float.NaN}, {-2f, 3f}};
    for (float[] b : bounds) {
      float[] got = eval(new Op.Clip(), x, Tensor.scalar(b[0]), Tensor.scalar(b[1])).floats();
      for (int i = 0; i < v.length; i++) {
        float w = v[i] < b[0] ? b[0] : v[i];
        float want = w > b[1] ? b[1] : w;
        org.junit.jupiter.api.Assertions.assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]),
            "clip(" + v[i] + ", " + b[0] + ", " + b[1] + ")");
      }
    }
  }

  @Test
  void clipWithAbsentBoundsAndIntegers() {
    Tensor x = f(s(4), -5, -1, 1, 5);
    close(eval(new Op.Clip(), x, Tensor.scalar(-2), Tensor.scalar(2)), s(4), -2, -1, 1, 2);
    close(eval(new Op.Clip(), x, null, Tensor.scalar(0)), s(4), -5, -1, 0, 0);
    close(eval(new Op.Clip(), x, Tensor.scalar(0)), s(4), 0, 0, 1, 5);
    close(eval(new Op.Clip(), x), s(4), -5, -1, 1, 5);
    close(eval(new Op.Clip(), x, Tensor.scalar(3), Tensor.scalar(1)), s(4), 1, 1, 1, 1);
    exact(eval(new Op.Clip(), l(s(4), -5, -1, 1, 5), l(s(), -2), null), DType.I64, s(4), -2, -1, 1, 5);
  }
}
