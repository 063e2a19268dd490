package ancc.ir.graph.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Op.BinaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class MathShapesTest {
  private final ShapeTestSupport s = new ShapeTestSupport();
  private static final Op ADD = new Op.Binary(BinaryOp.ADD);

  @Test
  void broadcastRulesForSymbolicDims() {
    assertEquals(Dim.sym("N"), Dims.broadcast(Dim.sym("N"), Dim.sym("N")));
    assertEquals(Dim.sym("N"), Dims.broadcast(Dim.of(1), Dim.sym("N")));
    assertEquals(Dim.of(5), Dims.broadcast(Dim.sym("N"), Dim.of(5)));
    assertEquals(Dim.UNKNOWN, Dims.broadcast(Dim.sym("N"), Dim.sym("M")));
    assertEquals(Dim.UNKNOWN, Dims.broadcast(Dim.sym("N"), Dim.UNKNOWN));
    assertNull(Dims.broadcast(Dim.of(3), Dim.of(4)));
  }

  @Test
  void binaryBroadcasting() {
    assertEquals("f32[N,3,4,5]", s.out(ADD, s.v("f32[N,3,1,5]"), s.v("f32[4,1]")));
    assertEquals("f32[2,3]", s.out(ADD, s.v("f32[]"), s.v("f32[2,3]")));
    s.fails("shapes [2,3] and [4] do not broadcast", ADD, s.v("f32[2,3]"), s.v("f32[4]"));
    s.fails("element types f32 and i64 differ", ADD, s.v("f32[2]"), s.v("i64[2]"));
    assertEquals("f32[2]", s.out(new Op.Binary(BinaryOp.POW), s.v("f32[2]"), s.v("i64[]")));
  }

  @Test
  void matmulBatchingAndVectors() {
    Op mm = new Op.MatMul();
    assertEquals("f32[N,5,3,7]", s.out(mm, s.v("f32[N,1,3,4]"), s.v("f32[5,4,7]")));
    assertEquals("f32[3]", s.out(mm, s.v("f32[3,4]"), s.v("f32[4]")));
    assertEquals("f32[N,7]", s.out(mm, s.v("f32[4]"), s.v("f32[N,4,7]")));
    assertEquals("f32[]", s.out(mm, s.v("f32[4]"), s.v("f32[4]")));
    s.fails("inner dimensions 4", mm, s.v("f32[3,4]"), s.v("f32[5,2]"));
  }

  @Test
  void gemmWithTransposesAndBias() {
    assertEquals("f32[N,10]", s.out(new Op.Gemm(1, 1, false, true), s.v("f32[N,400]"), s.v("f32[10,400]"), s.v("f32[10]")));
    assertEquals("f32[3,2]", s.out(new Op.Gemm(1, 1, true, false), s.v("f32[4,3]"), s.v("f32[4,2]")));
    s.fails("C [5] does not broadcast to [N,10]", new Op.Gemm(1, 1, false, true), s.v("f32[N,400]"),
        s.v("f32[10,400]"), s.v("f32[5]"));
    s.fails("must have rank 2", new Op.Gemm(1, 1, false, false), s.v("f32[2,3,4]"), s.v("f32[4,2]"));
  }

  @Test
  void linear() {
    assertEquals("f32[N,T,8]", s.out(new Op.Linear(), s.v("f32[N,T,16]"), s.v("f32[8,16]"), s.v("f32[8]")));
    s.fails("input features 15 do not match weight columns 16", new Op.Linear(), s.v("f32[N,15]"), s.v("f32[8,16]"));
  }

  @Test
  void normalizationAndActivations() {
    assertEquals("f32[N,3,8,8]", s.out(new Op.BatchNormalization(1e-5f), s.v("f32[N,3,8,8]"), s.v("f32[3]"),
        s.v("f32[3]"), s.v("f32[3]"), s.v("f32[3]")));
    s.fails("mean length 4 does not match channels 3", new Op.BatchNormalization(1e-5f), s.v("f32[N,3,8,8]"),
        s.v("f32[3]"), s.v("f32[3]"), s.v("f32[4]"), s.v("f32[3]"));
    assertEquals("f32[N,T,8]", s.out(new Op.LayerNormalization(-1, 1e-5f), s.v("f32[N,T,8]"), s.v("f32[8]")));
    assertEquals("f32[N,4]", s.out(new Op.PRelu(), s.v("f32[N,4]"), s.v("f32[4]")));
    assertEquals("f32[N,4]", s.out(new Op.Clip(), s.v("f32[N,4]"), null, s.v("f32[]")));
    s.fails("min f32[2] must be a scalar", new Op.Clip(), s.v("f32[N,4]"), s.v("f32[2]"));
    assertEquals("f32[2,3]", s.out(new Op.Softmax(-1, false), s.v("f32[2,3]")));
    s.fails("axis 2 is out of range for rank 2", new Op.Softmax(2, false), s.v("f32[2,3]"));
    assertEquals("i64[N,3]", s.out(new Op.Cast(DType.I64), s.v("f32[N,3]")));
  }

  @Test
  void reductions() {
    Op.Reduce keep = new Op.Reduce(Op.ReduceOp.MEAN, true, false);
    Op.Reduce drop = new Op.Reduce(Op.ReduceOp.SUM, false, false);
    assertEquals("f32[N,1,1,5]", s.out(keep, s.v("f32[N,3,4,5]"), s.longs(1, -2)));
    assertEquals("f32[N,5]", s.out(drop, s.v("f32[N,3,4,5]"), s.longs(1, 2)));
    assertEquals("f32[]", s.out(drop, s.v("f32[N,3]")));
    assertEquals("f32[N,3]", s.out(new Op.Reduce(Op.ReduceOp.MAX, false, true), s.v("f32[N,3]"), s.longs()));
    assertEquals("f32[?,?,?]", s.out(keep, s.v("f32[N,3,4]"), s.v("i64[1]")));
    assertEquals("f32[?,?]", s.out(drop, s.v("f32[N,3,4]"), s.v("i64[1]")));
    s.fails("reduce axis 3 is out of range", drop, s.v("f32[N,3,4]"), s.longs(3));
  }

  @Test
  void resizeByScalesOrSizes() {
    Op.Resize r = new Op.Resize(Op.CoordMode.ASYMMETRIC, Op.NearestMode.FLOOR);
    assertEquals("f32[N,3,8,12]", s.out(r, s.v("f32[N,3,4,4]"), null, s.floats(new long[] {4}, 1, 1, 2, 3)));
    assertEquals("f32[2,3,5,5]", s.out(r, s.v("f32[N,3,4,4]"), null, null, s.longs(2, 3, 5, 5)));
    assertEquals("f32[?,?,?,?]", s.out(r, s.v("f32[N,3,4,4]"), null, s.v("f32[4]")));
    s.fails("scales has 2 values for rank 4", r, s.v("f32[N,3,4,4]"), null, s.floats(new long[] {2}, 2, 2));
    s.fails("not both", r, s.v("f32[1,3,4,4]"), null, s.floats(new long[] {4}, 1, 1, 2, 2), s.longs(1, 3, 8, 8));
  }

  @Test
  void dropoutMaskIsBool() {
    List<ancc.ir.graph.TensorType> t = s.infer(new Op.Dropout(), 2, s.v("f32[N,8]"));
    assertEquals("f32[N,8]", t.get(0).toString());
    assertEquals("bool[N,8]", t.get(1).toString());
  }

  @Test
  void hugeStaticOutputsAreRejected() {
    s.fails("more than 2^31 elements", ADD, s.v("f32[65536,1]"), s.v("f32[1,65536]"));
  }

  @Test
  void arityIsChecked() {
    s.fails("expected 2..2 inputs", new Op.MatMul(), s.v("f32[2,2]"));
  }
}
