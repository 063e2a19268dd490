package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.exact;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.l;
import static ancc.runtime.interp.TT.node;
import static ancc.runtime.interp.TT.s;
import static ancc.runtime.interp.TT.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeKernelsTest {

  private static final Tensor M23 = f(s(2, 3), 1, 2, 3, 4, 5, 6);

  @Test
  void reshapeZeroMinusOneAndAllowzero() {
    Tensor x = f(s(2, 3, 4), new float[24]);
    assertArrayEquals(s(2, 12), eval(new Op.Reshape(false), x, vec(0, -1)).shape());
    assertArrayEquals(s(4, 3, 2), eval(new Op.Reshape(false), x, vec(4, 0, -1)).shape());
    assertArrayEquals(s(0, 5), eval(new Op.Reshape(true), f(s(0, 5)), vec(0, 5)).shape());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> eval(new Op.Reshape(false), x, vec(5, -1)));
    assertTrue(e.getMessage().contains("cannot reshape [2,3,4]"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> eval(new Op.Reshape(false), x, vec(-1, -1)));
  }

  @Test
  void flattenTransposeSqueezeUnsqueeze() {
    Tensor x = f(s(2, 3, 4), new float[24]);
    assertArrayEquals(s(6, 4), eval(new Op.Flatten(-1), x).shape());
    assertArrayEquals(s(1, 24), eval(new Op.Flatten(0), x).shape());
    assertArrayEquals(s(24, 1), eval(new Op.Flatten(3), x).shape());
    close(eval(new Op.Transpose(List.of(1L, 0L)), M23), s(3, 2), 1, 4, 2, 5, 3, 6);
    Tensor c = f(s(1, 2, 3), 1, 2, 3, 4, 5, 6);
    close(eval(new Op.Transpose(List.of(2L, 0L, 1L)), c), s(3, 1, 2), 1, 4, 2, 5, 3, 6);
    exact(eval(new Op.Transpose(List.of()), l(s(2, 2), 1, 2, 3, 4)), DType.I64, s(2, 2), 1, 3, 2, 4);
    Tensor u = f(s(1, 3, 1), 1, 2, 3);
    assertArrayEquals(s(3), eval(new Op.Squeeze(), u).shape());
    assertArrayEquals(s(1, 3), eval(new Op.Squeeze(), u, vec(-1)).shape());
    assertArrayEquals(s(3), eval(new Op.Squeeze(), u, vec()).shape());
    assertThrows(InvalidInputException.class, () -> eval(new Op.Squeeze(), u, vec(1)));
    assertArrayEquals(s(1, 2, 1, 3), eval(new Op.Unsqueeze(), M23, vec(0, -2)).shape());
  }

  @Test
  void shapeWithStartAndEnd() {
    Tensor x = f(s(2, 3, 4), new float[24]);
    exact(eval(new Op.Shape(0, 3), x), DType.I64, s(3), 2, 3, 4);
    exact(eval(new Op.Shape(1, 2), x), DType.I64, s(1), 3);
    exact(eval(new Op.Shape(-2, 10), x), DType.I64, s(2), 3, 4);
    exact(eval(new Op.Shape(2, 1), x), DType.I64, s(0));
  }

  @Test
  void castTruncatesTowardZeroAndWraps() {
    Tensor x = f(s(5), -1.7f, 2.9f, 0f, 300.5f, -0.5f);
    exact(eval(new Op.Cast(DType.I64), x), DType.I64, s(5), -1, 2, 0, 300, 0);
    exact(eval(new Op.Cast(DType.U8), x), DType.U8, s(5), 255, 2, 0, 44, 0);
    exact(eval(new Op.Cast(DType.BOOL), x), DType.BOOL, s(5), 1, 1, 0, 1, 1);
    exact(eval(new Op.Cast(DType.I8), l(s(2), 130, -1)), DType.I8, s(2), -126, -1);
    exact(eval(new Op.Cast(DType.BOOL), l(s(3), 0, 5, -2)), DType.BOOL, s(3), 0, 1, 1);
    Tensor fl = eval(new Op.Cast(DType.F32), l(s(2), 3, -4));
    assertEquals(DType.F32, fl.dtype());
    close(fl, s(2), 3, -4);
  }

  @Test
  void castRoundsToHalfAndBfloat16() {
    float e = (float) Math.pow(2, -10);
    Tensor x = f(s(6), 1 + e, 1 + e / 2, 1 + 3 * e / 4, 65519f, 65520f, 1e-8f);
    Tensor h = eval(new Op.Cast(DType.F16), x);
    assertEquals(DType.F16, h.dtype());
    assertArrayEquals(new float[] {1 + e, 1, 1 + e, 65504f, Float.POSITIVE_INFINITY, 0f}, h.floats());
    // bf16 keeps 7 mantissa bits: 1 + 2^-7 stays, 1 + 2^-8 ties to even (1), 1 + 3 * 2^-9 rounds up
    Tensor b = eval(new Op.Cast(DType.BF16), f(s(3), 1 + 1f / 128, 1 + 1f / 256, 1 + 3f / 512));
    assertArrayEquals(new float[] {1 + 1f / 128, 1, 1 + 1f / 128}, b.floats());
    // smallest half subnormal is 2^-24
    Tensor sub = eval(new Op.Cast(DType.F16), f(s(2), (float) Math.pow(2, -24) * 1.4f, (float) Math.pow(2, -24) * 1.6f));
    assertArrayEquals(new float[] {(float) Math.pow(2, -24), (float) Math.pow(2, -23)}, sub.floats());
  }

  @Test
  void identityAndDropout() {
    assertSame(M23, eval(new Op.Identity(), M23));
    List<Tensor> out = Interpreter.evaluate(node(new Op.Dropout(), 1, 2), Arrays.asList(M23));
    assertSame(M23, out.get(0));
    exact(out.get(1), DType.BOOL, s(2, 3), 1, 1, 1, 1, 1, 1);
    Tensor yes = Tensor.ofLongs(DType.BOOL, s(), new long[] {1});
    assertSame(M23, eval(new Op.Dropout(), M23, Tensor.scalar(0f), yes));
    assertThrows(UnsupportedOpException.class, () -> eval(new Op.Dropout(), M23, Tensor.scalar(0.5f), yes));
  }
}
