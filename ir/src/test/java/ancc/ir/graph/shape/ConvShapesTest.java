package ancc.ir.graph.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvShapesTest {
  private final ShapeTestSupport s = new ShapeTestSupport();

  private static Op.Conv conv(long stride, long pad, long dilation, long group) {
    return new Op.Conv(List.of(stride, stride), List.of(pad, pad, pad, pad), List.of(dilation, dilation), group);
  }

  @Test
  void convOutputSizes() {
    assertEquals("f32[N,6,28,28]", s.out(conv(1, 2, 1, 1), s.v("f32[N,1,28,28]"), s.v("f32[6,1,5,5]"), s.v("f32[6]")));
    // (224 + 2*3 - 7) / 2 + 1 = 112
    assertEquals("f32[N,64,112,112]", s.out(conv(2, 3, 1, 1), s.v("f32[N,3,224,224]"), s.v("f32[64,3,7,7]")));
    // dilation 2: extent 5, (10 - 5) / 1 + 1 = 6
    assertEquals("f32[1,4,6,6]", s.out(conv(1, 0, 2, 1), s.v("f32[1,2,10,10]"), s.v("f32[4,2,3,3]")));
    // depthwise
    assertEquals("f32[1,8,5,5]", s.out(conv(1, 1, 1, 8), s.v("f32[1,8,5,5]"), s.v("f32[8,1,3,3]")));
    assertEquals("f32[N,4,?,?]", s.out(conv(1, 1, 1, 1), s.v("f32[N,2,H,W]"), s.v("f32[4,2,3,3]")));
    Op.Conv c1 = new Op.Conv(List.of(1L), List.of(0L, 0L), List.of(1L), 1);
    assertEquals("f32[2,4,8]", s.out(c1, s.v("f32[2,3,10]"), s.v("f32[4,3,3]")));
  }

  @Test
  void convErrors() {
    s.fails("input channels 3 do not match weight channels 1 x group 1", conv(1, 0, 1, 1), s.v("f32[N,3,8,8]"),
        s.v("f32[4,1,3,3]"));
    s.fails("bias length 5 does not match output channels 4", conv(1, 0, 1, 1), s.v("f32[N,3,8,8]"),
        s.v("f32[4,3,3,3]"), s.v("f32[5]"));
    s.fails("kernel extent 5 exceeds padded input size 4", conv(1, 0, 2, 1), s.v("f32[1,1,4,4]"), s.v("f32[1,1,3,3]"));
    s.fails("pads has 2 values", new Op.Conv(List.of(1L, 1L), List.of(0L, 0L), List.of(1L, 1L), 1),
        s.v("f32[1,1,4,4]"), s.v("f32[1,1,3,3]"));
    s.fails("must have rank 3 or more", conv(1, 0, 1, 1), s.v("f32[4,4]"), s.v("f32[1,1]"));
  }

  @Test
  void convTranspose() {
    Op.ConvTranspose ct = new Op.ConvTranspose(List.of(2L, 2L), List.of(1L, 1L, 1L, 1L), List.of(1L, 1L),
        List.of(1L, 1L), 1);
    // 2*(4-1) + 1 + 3 - 2 = 8
    assertEquals("f32[N,5,8,8]", s.out(ct, s.v("f32[N,3,4,4]"), s.v("f32[3,5,3,3]")));
    Op.ConvTranspose grouped = new Op.ConvTranspose(List.of(1L, 1L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L),
        List.of(0L, 0L), 2);
    assertEquals("f32[1,6,5,5]", s.out(grouped, s.v("f32[1,4,3,3]"), s.v("f32[4,3,3,3]")));
    s.fails("input channels 4 do not match weight channels 3", ct, s.v("f32[1,4,3,3]"), s.v("f32[3,5,3,3]"));
  }

  @Test
  void poolingFloorAndCeil() {
    Op.MaxPool floor = new Op.MaxPool(List.of(3L, 3L), List.of(2L, 2L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), false);
    Op.MaxPool ceil = new Op.MaxPool(List.of(3L, 3L), List.of(2L, 2L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), true);
    assertEquals("f32[N,3,15,15]", s.out(floor, s.v("f32[N,3,32,32]")));
    assertEquals("f32[N,3,16,16]", s.out(ceil, s.v("f32[N,3,32,32]")));
    // ceil mode never starts a window in the end padding: 5, k2, s2, pad 1: ceil((5+1+1-2)/2)+1 = 4, last start 6 >= 5+1 -> 3
    Op.AveragePool avg = new Op.AveragePool(List.of(2L), List.of(2L), List.of(1L, 1L), List.of(1L), true, true);
    assertEquals("f32[1,1,3]", s.out(avg, s.v("f32[1,1,5]")));
    Op.MaxPool dil = new Op.MaxPool(List.of(2L, 2L), List.of(1L, 1L), List.of(0L, 0L, 0L, 0L), List.of(2L, 2L), false);
    assertEquals("f32[1,1,2,2]", s.out(dil, s.v("f32[1,1,4,4]")));
    assertEquals("f32[N,C,1,1]", s.out(new Op.GlobalAveragePool(), s.v("f32[N,C,7,7]")));
    assertEquals("f32[N,C,1]", s.out(new Op.GlobalMaxPool(), s.v("f32[N,C,7]")));
    s.fails("kernel_shape has 1 values for 2 spatial dims",
        new Op.MaxPool(List.of(2L), List.of(1L, 1L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), false),
        s.v("f32[1,1,4,4]"));
  }
}
