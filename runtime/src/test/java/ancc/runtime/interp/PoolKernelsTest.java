package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.s;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolKernelsTest {

  private static final Tensor X5 = f(s(1, 1, 5), 1, 2, 3, 4, 5);

  private static Op.AveragePool avg(long k, long stride, long padB, long padE, boolean ceil, boolean includePad) {
    return new Op.AveragePool(List.of(k), List.of(stride), List.of(padB, padE), List.of(), ceil, includePad);
  }

  @Test
  void averagePoolCeilModeCountsPadOnlyInsideThePaddedInput() {
    // in 5, k 3, s 2, pads [1,0]: floor gives 2 windows, ceil 3 (starting at -1, 1, 3);
    // the last window [3,4,5] overhangs the end (no end padding there)
    close(eval(avg(3, 2, 1, 0, false, false), X5), s(1, 1, 2), 1.5f, 3);
    close(eval(avg(3, 2, 1, 0, true, false), X5), s(1, 1, 3), 1.5f, 3, 4.5f);
    // count_include_pad: [-1,0,1] counts the pad tap -> 3/3; the overhang tap at 5 never counts -> 9/2
    close(eval(avg(3, 2, 1, 0, true, true), X5), s(1, 1, 3), 1, 3, 4.5f);
    // with end padding 1 the tap at 5 is padding and counts: 9/3
    close(eval(avg(3, 2, 1, 1, true, true), X5), s(1, 1, 3), 1, 3, 3);
    close(eval(avg(3, 2, 1, 1, true, false), X5), s(1, 1, 3), 1.5f, 3, 4.5f);
  }

  @Test
  void ceilModeDropsAWindowStartingInTheEndPadding() {
    // in 5, k 2, s 2, pads [1,1]: ceil((5+2-2)/2)+1 = 4 windows, but the 4th would start at 5 (padding)
    Op.MaxPool mp = new Op.MaxPool(List.of(2L), List.of(2L), List.of(1L, 1L), List.of(), true);
    close(eval(mp, X5), s(1, 1, 3), 1, 3, 5);
    close(eval(avg(2, 2, 1, 1, true, true), X5), s(1, 1, 3), 0.5f, 2.5f, 4.5f);
  }

  @Test
  void maxPool2dWithDilationAndPads() {
    // 4x4 input 0..15; k 2x2, dilation 2, stride 1, pads [0,0,1,1]
    float[] v = new float[16];
    for (int i = 0; i < 16; i++) {
      v[i] = i;
    }
    Op.MaxPool mp = new Op.MaxPool(List.of(2L, 2L), List.of(1L, 1L), List.of(0L, 0L, 1L, 1L), List.of(2L, 2L), false);
    // out: (4 + 1 - 3) / 1 + 1 = 3 per dim; window (i,j) reads (i,j),(i,j+2),(i+2,j),(i+2,j+2) clipped
    close(eval(mp, f(s(1, 1, 4, 4), v)), s(1, 1, 3, 3), 10, 11, 10, 14, 15, 14, 10, 11, 10);
  }

  @Test
  void maxPoolOnIntegersKeepsTheType() {
    Tensor x = Tensor.ofLongs(DType.U8, s(1, 1, 4), new long[] {3, 200, 7, 9});
    Tensor y = eval(new Op.MaxPool(List.of(2L), List.of(2L), List.of(), List.of(), false), x);
    TT.exact(y, DType.U8, s(1, 1, 2), 200, 9);
  }

  @Test
  void globalPools() {
    Tensor x = f(s(1, 2, 2, 2), 1, 2, 3, 6, -1, -2, -3, -4);
    close(eval(new Op.GlobalAveragePool(), x), s(1, 2, 1, 1), 3, -2.5f);
    close(eval(new Op.GlobalMaxPool(), x), s(1, 2, 1, 1), 6, -1);
  }
}
