package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.exact;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.l;
import static ancc.runtime.interp.TT.s;
import static ancc.runtime.interp.TT.vec;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Op.CoordMode;
import ancc.ir.graph.Op.NearestMode;
import ancc.ir.graph.Op.ReduceOp;
import ancc.ir.graph.Tensor;
import org.junit.jupiter.api.Test;

class ReduceResizeKernelsTest {

  private static final Tensor M23 = f(s(2, 3), 1, 2, 3, 4, 5, 6);

  private static Op red(ReduceOp k, boolean keep, boolean noop) {
    return new Op.Reduce(k, keep, noop);
  }

  @Test
  void reduceKeepdimsAndAxes() {
    close(eval(red(ReduceOp.SUM, true, false), M23, vec(1)), s(2, 1), 6, 15);
    close(eval(red(ReduceOp.MEAN, false, false), M23, vec(0)), s(3), 2.5f, 3.5f, 4.5f);
    close(eval(red(ReduceOp.MAX, true, false), M23), s(1, 1), 6);
    close(eval(red(ReduceOp.MIN, false, false), M23), s(), 1);
    close(eval(red(ReduceOp.MIN, false, false), M23, vec(-1)), s(2), 1, 4);
    close(eval(red(ReduceOp.SUM, false, false), f(s(2, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8), vec(0, 2)), s(2), 14, 22);
    exact(eval(red(ReduceOp.SUM, false, false), l(s(2, 2), 1, 2, 3, 4), vec(0)), DType.I64, s(2), 4, 6);
    exact(eval(red(ReduceOp.MEAN, true, false), l(s(1, 2), 3, 4), vec(1)), DType.I64, s(1, 1), 3);
    assertThrows(InvalidInputException.class, () -> eval(red(ReduceOp.SUM, true, false), M23, vec(2)));
  }

  @Test
  void reduceEmptyAxesNoopOrAll() {
    assertSame(M23, eval(red(ReduceOp.SUM, true, true), M23, vec()));
    assertSame(M23, eval(red(ReduceOp.MEAN, true, true), M23));
    close(eval(red(ReduceOp.SUM, true, false), M23, vec()), s(1, 1), 21);
    close(eval(red(ReduceOp.SUM, true, true), M23, vec(0)), s(1, 3), 5, 7, 9);
  }

  @Test
  void reduceOfAnEmptySet() {
    Tensor e = f(s(2, 0));
    close(eval(red(ReduceOp.SUM, false, false), e, vec(1)), s(2), 0, 0);
    close(eval(red(ReduceOp.MAX, false, false), e, vec(1)), s(2), Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
  }

  private static final Tensor ROW = f(s(1, 4), 10, 20, 30, 40);

  private static Tensor resize(CoordMode c, NearestMode n, Tensor scales, Tensor sizes) {
    return eval(new Op.Resize(c, n), ROW, null, scales, sizes);
  }

  @Test
  void resizeNearestModesWithHalfPixel() {
    // scale 1.5 -> 6 outputs; half_pixel sources: -1/6, 0.5, 7/6, 11/6, 2.5, 19/6
    Tensor sc = f(s(2), 1, 1.5f);
    close(resize(CoordMode.HALF_PIXEL, NearestMode.ROUND_PREFER_FLOOR, sc, null), s(1, 6), 10, 10, 20, 30, 30, 40);
    close(resize(CoordMode.HALF_PIXEL, NearestMode.ROUND_PREFER_CEIL, sc, null), s(1, 6), 10, 20, 20, 30, 40, 40);
    close(resize(CoordMode.HALF_PIXEL, NearestMode.FLOOR, sc, null), s(1, 6), 10, 10, 20, 20, 30, 40);
    close(resize(CoordMode.HALF_PIXEL, NearestMode.CEIL, sc, null), s(1, 6), 10, 20, 30, 30, 40, 40);
  }

  @Test
  void resizeCoordinateModes() {
    Tensor sc = f(s(2), 1, 1.5f);
    // asymmetric: o / 1.5 = 0, 2/3, 4/3, 2, 8/3, 10/3 -> floor
    close(resize(CoordMode.ASYMMETRIC, NearestMode.FLOOR, sc, null), s(1, 6), 10, 10, 20, 30, 30, 40);
    // tf_half_pixel_for_nn: (o + 0.5) / 1.5 = 1/3, 1, 5/3, 7/3, 3, 11/3 -> floor
    close(resize(CoordMode.TF_HALF_PIXEL_FOR_NN, NearestMode.FLOOR, sc, null), s(1, 6), 10, 20, 20, 30, 40, 40);
    // align_corners with sizes 6: o * 3 / 5 = 0, 0.6, 1.2, 1.8, 2.4, 3 -> round
    close(resize(CoordMode.ALIGN_CORNERS, NearestMode.ROUND_PREFER_FLOOR, null, vec(1, 6)), s(1, 6),
        10, 20, 20, 30, 30, 40);
    // pytorch_half_pixel with a single output reads the first element
    close(resize(CoordMode.PYTORCH_HALF_PIXEL, NearestMode.ROUND_PREFER_FLOOR, null, vec(1, 1)), s(1, 1), 10);
    // downsampling by 0.5 with half_pixel: sources 0.5, 2.5 -> prefer floor: 0, 2
    close(resize(CoordMode.HALF_PIXEL, NearestMode.ROUND_PREFER_FLOOR, f(s(2), 1, 0.5f), null), s(1, 2), 10, 30);
    exact(eval(new Op.Resize(CoordMode.ASYMMETRIC, NearestMode.FLOOR), l(s(2), 1, 2), null, f(s(1), 2f)),
        DType.I64, s(4), 1, 1, 2, 2);
    assertThrows(InvalidInputException.class,
        () -> resize(CoordMode.ASYMMETRIC, NearestMode.FLOOR, f(s(2), 1, 2), vec(1, 8)));
  }
}
