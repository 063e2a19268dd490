package ancc.ir.graph.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutShapesTest {
  private final ShapeTestSupport s = new ShapeTestSupport();
  private static final Op.Reshape RESHAPE = new Op.Reshape(false);

  @Test
  void reshapeZerosAndMinusOne() {
    assertEquals("f32[N,400]", s.out(RESHAPE, s.v("f32[N,16,5,5]"), s.longs(0, -1)));
    assertEquals("f32[2,12]", s.out(RESHAPE, s.v("f32[2,3,4]"), s.longs(2, -1)));
    assertEquals("f32[6,4]", s.out(RESHAPE, s.v("f32[2,3,4]"), s.longs(-1, 4)));
    assertEquals("f32[0,3]", s.out(new Op.Reshape(true), s.v("f32[0,3]"), s.longs(0, 3)));
    s.fails("cannot reshape f32[2,3,4] (24 elements) to [5,5] (25 elements)", RESHAPE, s.v("f32[2,3,4]"),
        s.longs(5, 5));
    s.fails("more than one -1", RESHAPE, s.v("f32[2,3,4]"), s.longs(-1, -1));
    s.fails("not divisible", RESHAPE, s.v("f32[2,3,4]"), s.longs(5, -1));
  }

  @Test
  void reshapeWithRuntimeShapeHasKnownRank() {
    assertEquals("f32[?,?,?]", s.out(RESHAPE, s.v("f32[N,16,5,5]"), s.v("i64[3]")));
    // the symbol cancels: [N,3,H] -> [-1, 3, H] gives N
    assertEquals("f32[N,3,H]", s.out(RESHAPE, s.v("f32[N,3,H]"), s.longs(-1, 3, 0)));
    // a symbol that does not cancel makes -1 unknown
    assertEquals("f32[?,4]", s.out(RESHAPE, s.v("f32[N,8]"), s.longs(-1, 4)));
  }

  @Test
  void flattenTransposeConcat() {
    assertEquals("f32[N,48]", s.out(new Op.Flatten(1), s.v("f32[N,3,4,4]")));
    assertEquals("f32[1,N]", s.out(new Op.Flatten(0), s.v("f32[N]")));
    assertEquals("f32[?,4]", s.out(new Op.Flatten(-1), s.v("f32[N,3,4]")));
    assertEquals("f32[6,4]", s.out(new Op.Flatten(-1), s.v("f32[2,3,4]")));
    assertEquals("f32[4,N,3]", s.out(new Op.Transpose(List.of(2L, 0L, 1L)), s.v("f32[N,3,4]")));
    s.fails("is not a permutation", new Op.Transpose(List.of(0L, 0L)), s.v("f32[2,3]"));
    assertEquals("f32[N,7,4]", s.out(new Op.Concat(1), s.v("f32[N,3,4]"), s.v("f32[N,4,4]")));
    assertEquals("f32[N,?]", s.out(new Op.Concat(-1), s.v("f32[N,3]"), s.v("f32[N,K]")));
    assertEquals("f32[?,3]", s.out(new Op.Concat(0), s.v("f32[N,3]"), s.v("f32[1,3]")));
    s.fails("differs from input 0", new Op.Concat(0), s.v("f32[1,3]"), s.v("f32[1,4]"));
  }

  @Test
  void splitEqualUnevenAndExplicit() {
    List<TensorType> eq = s.infer(new Op.Split(1), 3, s.v("f32[N,9]"));
    assertEquals("f32[N,3]", eq.get(2).toString());
    List<TensorType> uneven = s.infer(new Op.Split(0), 2, s.v("f32[5]"));
    assertEquals("f32[3]", uneven.get(0).toString());
    assertEquals("f32[2]", uneven.get(1).toString());
    List<TensorType> explicit = s.infer(new Op.Split(-1), 2, s.v("f32[2,10]"), s.longs(3, 7));
    assertEquals("f32[2,7]", explicit.get(1).toString());
    List<TensorType> sym = s.infer(new Op.Split(0), 2, s.v("f32[N,4]"));
    assertEquals("f32[?,4]", sym.get(0).toString());
  }

  @Test
  void sliceClampsLikeOnnx() {
    Op.Slice sl = new Op.Slice();
    assertEquals("f32[N,8]", s.out(sl, s.v("f32[N,10]"), s.longs(1), s.longs(-1), s.longs(1)));
    assertEquals("f32[N,10]", s.out(sl, s.v("f32[N,10]"), s.longs(-100), s.longs(100), s.longs(1)));
    assertEquals("f32[N,0]", s.out(sl, s.v("f32[N,10]"), s.longs(5), s.longs(2), s.longs(1)));
    assertEquals("f32[N,5]", s.out(sl, s.v("f32[N,10]"), s.longs(0), s.longs(10), s.longs(1), s.longs(2)));
    assertEquals("f32[N,10]", s.out(sl, s.v("f32[N,10]"), s.longs(-1), s.longs(Long.MIN_VALUE), s.longs(1),
        s.longs(-1)));
    assertEquals("f32[N,3]", s.out(sl, s.v("f32[N,10]"), s.longs(0, 7), s.longs(Long.MAX_VALUE, 10)));
    assertEquals("f32[?,3]", s.out(sl, s.v("f32[N,10]"), s.longs(1, 7), s.longs(Long.MAX_VALUE, 10)));
    assertEquals("f32[?,?]", s.out(sl, s.v("f32[N,10]"), s.v("i64[1]"), s.v("i64[1]")));
    s.fails("slice step must not be 0", sl, s.v("f32[4]"), s.longs(0), s.longs(4), s.longs(0), s.longs(0));
  }

  @Test
  void squeezeUnsqueezeNegativeAxes() {
    assertEquals("f32[N,3]", s.out(new Op.Squeeze(), s.v("f32[N,1,3,1]"), s.longs(-1, 1)));
    assertEquals("f32[N,3]", s.out(new Op.Squeeze(), s.v("f32[N,1,3,1]")));
    s.fails("cannot squeeze axis 0 of size 2", new Op.Squeeze(), s.v("f32[2,1]"), s.longs(0));
    assertEquals("f32[1,N,3,1]", s.out(new Op.Unsqueeze(), s.v("f32[N,3]"), s.longs(0, -1)));
    assertEquals("f32[?,?,?]", s.out(new Op.Unsqueeze(), s.v("f32[N,3]"), s.v("i64[1]")));
    s.fails("unsqueeze axis 3 is out of range for rank 3", new Op.Unsqueeze(), s.v("f32[N,3]"), s.longs(3));
  }

  @Test
  void padGatherShape() {
    assertEquals("f32[N,3,6,8]", s.out(new Op.Pad(Op.PadMode.CONSTANT), s.v("f32[N,3,4,4]"),
        s.longs(0, 0, 1, 2, 0, 0, 1, 2)));
    assertEquals("f32[N,3,4,3]", s.out(new Op.Pad(Op.PadMode.CONSTANT), s.v("f32[N,3,4,4]"), s.longs(0, 0, 0, -1), null,
        s.longs(2, 3)));
    s.fails("pads has 3 values", new Op.Pad(Op.PadMode.EDGE), s.v("f32[2,2]"), s.longs(1, 1, 1));
    assertEquals("f32[5,2,3]", s.out(new Op.Gather(1), s.v("f32[5,7]"), s.v("i64[2,3]")));
    assertEquals("f32[7]", s.out(new Op.Gather(0), s.v("f32[5,7]"), scalarIndex()));
    s.fails("index 5 is out of range for axis 0 of size 5", new Op.Gather(0), s.v("f32[5,7]"), s.longs(5));
    assertEquals("i64[4]", s.out(new Op.Shape(0, 4), s.v("f32[N,3,4,4]")));
    assertEquals("i64[2]", s.out(new Op.Shape(-2, 100), s.v("f32[N,3,4,4]")));
  }

  private ancc.ir.graph.Value scalarIndex() {
    ancc.ir.graph.Tensor t = ancc.ir.graph.Tensor.ofLongs(new long[0], new long[] {2});
    ancc.ir.graph.Value v = new ancc.ir.graph.Value("idx", t.type());
    s.consts.put(v, t);
    return v;
  }
}
