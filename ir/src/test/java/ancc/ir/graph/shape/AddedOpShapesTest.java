package ancc.ir.graph.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.Op;
import org.junit.jupiter.api.Test;

/** Output types of the comparison, logic, variadic, index and shape-building ops. */
class AddedOpShapesTest {
  private final ShapeTestSupport s = new ShapeTestSupport();

  @Test
  void comparisonAndLogicGiveBool() {
    Op eq = new Op.Compare(Op.CompareOp.EQUAL);
    assertEquals("bool[N,3,4]", s.out(eq, s.v("f32[N,3,1]"), s.v("f32[4]")));
    s.fails("element types f32 and i64 differ", eq, s.v("f32[2]"), s.v("i64[2]"));
    assertEquals("bool[2,3]", s.out(new Op.Binary(Op.BinaryOp.XOR), s.v("bool[2,1]"), s.v("bool[3]")));
    s.fails("operands must be bool", new Op.Binary(Op.BinaryOp.AND), s.v("i64[2]"), s.v("i64[2]"));
    s.fails("floating operands need fmod", new Op.Binary(Op.BinaryOp.MOD), s.v("f32[2]"), s.v("f32[2]"));
    assertEquals("bool[2]", s.out(new Op.IsInf(true, true), s.v("f32[2]")));
  }

  @Test
  void variadicAndWhereBroadcast() {
    Op max = new Op.Variadic(Op.VariadicOp.MAX);
    assertEquals("f32[2,3,4]", s.out(max, s.v("f32[3,1]"), s.v("f32[2,1,4]"), s.v("f32[]")));
    s.fails("input 1 is i64 but input 0 is f32", max, s.v("f32[2]"), s.v("i64[2]"));
    assertEquals("i64[N,2,5]", s.out(new Op.Where(), s.v("bool[N,1,1]"), s.v("i64[2,1]"), s.v("i64[5]")));
    s.fails("condition must be bool", new Op.Where(), s.v("f32[2]"), s.v("f32[2]"), s.v("f32[2]"));
  }

  @Test
  void argReduceDropsOrKeepsTheAxis() {
    assertEquals("i64[N,1,5]", s.out(new Op.ArgReduce(Op.ArgOp.MAX, 1, true, false), s.v("f32[N,3,5]")));
    assertEquals("i64[N,3]", s.out(new Op.ArgReduce(Op.ArgOp.MIN, -1, false, true), s.v("f32[N,3,5]")));
    s.fails("axis 3 is out of range for rank 3", new Op.ArgReduce(Op.ArgOp.MIN, 3, false, false), s.v("f32[1,2,3]"));
  }

  @Test
  void shapeBuildingOpsUseConstantOperands() {
    assertEquals("f32[2,3,4]", s.out(new Op.Expand(), s.v("f32[3,1]"), s.longs(2, 1, 4)));
    assertEquals("f32[?,?,?]", s.out(new Op.Expand(), s.v("f32[3,1]"), s.v("i64[3]")));
    assertEquals("f32[N,6]", s.out(new Op.Tile(), s.v("f32[N,3]"), s.longs(1, 2)));
    s.fails("repeats has 1 values for rank 2", new Op.Tile(), s.v("f32[N,3]"), s.longs(2));
    assertEquals("i64[2,5]", s.out(new Op.ConstantOfShape(), s.longs(2, 5), s.v("i64[1]")));
    assertEquals("f32[4]", s.out(new Op.Range(), s.floats(new long[0], 1f), s.floats(new long[0], 8f),
        s.floats(new long[0], 2f)));
    assertEquals("f32[?]", s.out(new Op.Range(), s.v("f32[]"), s.v("f32[]"), s.v("f32[]")));
    assertEquals(0, IndexShapes.rangeLength(5, 1, 1));
    assertEquals("i64[]", s.out(new Op.Size(), s.v("f32[N,3]")));
  }

  @Test
  void indexAndBlockOps() {
    assertEquals("f32[2,7]", s.out(new Op.GatherElements(1), s.v("f32[2,3]"), s.v("i64[2,7]")));
    s.fails("must have the rank of data", new Op.GatherElements(0), s.v("f32[2,3]"), s.v("i64[6]"));
    assertEquals("f32[N,2,6,4]", s.out(new Op.DepthToSpace(2, Op.DepthToSpaceMode.CRD), s.v("f32[N,8,3,2]")));
    s.fails("not divisible by blocksize^2", new Op.DepthToSpace(2, Op.DepthToSpaceMode.DCR), s.v("f32[1,6,3,2]"));
    assertEquals("f32[N,32,3,1]", s.out(new Op.SpaceToDepth(2), s.v("f32[N,8,6,2]")));
    assertEquals("i64[3,4]", s.out(new Op.Trilu(true), s.v("i64[3,4]")));
    s.fails("rank 2 or more", new Op.Trilu(false), s.v("f32[3]"));
    assertEquals("f32[2,3]", s.out(new Op.CumSum(false, true), s.v("f32[2,3]"), s.v("i64[]")));
    s.fails("must be an integer scalar", new Op.CumSum(false, false), s.v("f32[2,3]"), s.floats(new long[0], 1f));
    assertEquals("f32[N,3,5]", s.out(new Op.InstanceNormalization(1e-5f), s.v("f32[N,3,5]"), s.v("f32[3]"),
        s.v("f32[3]")));
    s.fails("scale length 4 does not match channels 3", new Op.InstanceNormalization(1e-5f), s.v("f32[N,3,5]"),
        s.v("f32[4]"), s.v("f32[3]"));
  }

  @Test
  void topKOneHotGatherNdWindowsAndQuantization() {
    var top = s.infer(new Op.TopK(-1, true, true), 2, s.v("f32[N,7]"), s.longs(3));
    assertEquals("[f32[N,3], i64[N,3]]", top.toString());
    var big = org.junit.jupiter.api.Assertions.assertThrows(ancc.ir.InvalidInputException.class,
        () -> s.infer(new Op.TopK(1, true, true), 2, s.v("f32[N,7]"), s.longs(9)));
    assertEquals("top_k \"n\": K 9 exceeds axis size 7", big.getMessage());
    assertEquals("f32[2,5,3]", s.out(new Op.OneHot(1), s.v("i64[2,3]"), s.longs(5), s.v("f32[2]")));
    assertEquals("f32[N,4]", s.out(new Op.GatherND(0), s.v("f32[3,5,4]"), s.v("i64[N,2]")));
    assertEquals("f32[2]", s.out(new Op.GatherND(1), s.v("f32[2,5]"), s.v("i64[2,1]")));
    assertEquals("f32[?]", s.out(new Op.Window(Op.WindowKind.HANN, true, ancc.ir.graph.DType.F32), s.v("i64[]")));
    assertEquals("i8[N,3]", s.out(new Op.QuantizeLinear(1), s.v("f32[N,3]"), s.v("f32[]"), s.v("i8[]")));
    assertEquals("u8[N,3]", s.out(new Op.QuantizeLinear(1), s.v("f32[N,3]"), s.v("f32[]")));
    assertEquals("f32[N,3]", s.out(new Op.DequantizeLinear(1), s.v("u8[N,3]"), s.v("f32[3]")));
    s.fails("bit shifts need unsigned integer operands", new Op.Binary(Op.BinaryOp.BIT_SHIFT_LEFT), s.v("i32[2]"),
        s.v("i32[2]"));
  }

  @Test
  void recurrentOutputs() {
    Op gru = new Op.Recurrent(Op.RnnKind.GRU, Op.RnnDirection.BIDIRECTIONAL, 4, 0f, false, false, true);
    var out = s.infer(gru, 2, s.v("f32[N,7,3]"), s.v("f32[2,12,3]"), s.v("f32[2,12,4]"));
    assertEquals("[f32[N,7,2,4], f32[N,2,4]]", out.toString());
    var bad = org.junit.jupiter.api.Assertions.assertThrows(ancc.ir.InvalidInputException.class,
        () -> s.infer(gru, 2, s.v("f32[N,7,3]"), s.v("f32[2,9,3]"), s.v("f32[2,12,4]")));
    assertEquals("gru \"n\": W f32[2,9,3] must be f32[2,12,3]", bad.getMessage());
  }
}
