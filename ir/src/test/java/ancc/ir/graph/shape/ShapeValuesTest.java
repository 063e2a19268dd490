package ancc.ir.graph.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.ShapeInference;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Follows exporter shape computations (Shape -> Gather -> Unsqueeze -> Concat -> Reshape). */
class ShapeValuesTest {
  private final Module.Builder b = Module.builder("m");
  private int counter;

  private Value constant(Tensor t) {
    Value v = new Value("k" + counter++, t.type());
    b.constant(v, t);
    return v;
  }

  /** Adds a node typed by shape inference (using the shape values computed so far). */
  private Value add(Op op, Value... inputs) {
    Module sofar = b.build();
    Map<Value, List<SymInt>> known = ShapeValues.compute(sofar);
    Node draft = new Node(op, List.of(inputs), new Value("t" + counter, TensorType.of(DType.F32)), "n" + counter);
    TensorType t = ShapeInference.infer(draft, sofar::constant, known::get).get(0);
    Value out = new Value("t" + counter++, t);
    b.node(new Node(op, List.of(inputs), out, draft.loc()));
    return out;
  }

  @Test
  void torchViewChain() {
    Value x = new Value("x", ShapeTestSupport.type("f32[N,16,5,5]"));
    b.input(x);
    Value shape = add(new Op.Shape(0, 4), x);
    Value n = add(new Op.Gather(0), shape, constant(Tensor.ofLongs(new long[0], new long[] {0})));
    Value u = add(new Op.Unsqueeze(), n, constant(Tensor.vector(0)));
    Value cat = add(new Op.Concat(0), u, constant(Tensor.vector(-1)));
    Value y = add(new Op.Reshape(false), x, cat);
    assertEquals("f32[N,400]", y.type().toString());
    Map<Value, List<SymInt>> known = ShapeValues.compute(b.build());
    assertEquals("[N, -1]", known.get(cat).toString());
    assertEquals("[N, 16, 5, 5]", known.get(shape).toString());
    assertNull(ShapeValues.toTensor(known.get(cat), cat.type()));
  }

  @Test
  void staticChainFoldsToAConstant() {
    Value x = new Value("x", ShapeTestSupport.type("f32[2,3,4]"));
    b.input(x);
    Value shape = add(new Op.Shape(1, 3), x);
    Value prod = add(new Op.Binary(Op.BinaryOp.MUL), shape, constant(Tensor.vector(2)));
    Value sl = add(new Op.Slice(), prod, constant(Tensor.vector(-1)), constant(Tensor.vector(Long.MAX_VALUE)));
    Value cast = add(new Op.Cast(DType.I32), sl);
    Map<Value, List<SymInt>> known = ShapeValues.compute(b.build());
    Tensor t = ShapeValues.toTensor(known.get(cast), cast.type());
    assertEquals(DType.I32, t.dtype());
    assertArrayEquals(new long[] {8}, t.longs());
    assertEquals("[6, 8]", known.get(prod).toString());
  }

  @Test
  void symbolTimesOneStaysSymbolic() {
    Value x = new Value("x", ShapeTestSupport.type("f32[N,3]"));
    b.input(x);
    Value shape = add(new Op.Shape(0, 1), x);
    Value same = add(new Op.Binary(Op.BinaryOp.MUL), shape, constant(Tensor.vector(1)));
    Value twice = add(new Op.Binary(Op.BinaryOp.ADD), same, same);
    Map<Value, List<SymInt>> known = ShapeValues.compute(b.build());
    assertEquals("[N]", known.get(same).toString());
    assertEquals("[?]", known.get(twice).toString());
  }

  @Test
  void floatsAndLargeTensorsAreNotTracked() {
    assertNull(ShapeValues.ofConstant(Tensor.scalar(1f)));
    assertNull(ShapeValues.ofConstant(Tensor.ofLongs(new long[] {2, 2}, new long[4])));
    assertNull(ShapeValues.ofConstant(Tensor.ofLongs(new long[] {100}, new long[100])));
  }

  /**
   * torch's {@code cls.expand(x.shape[0], -1, -1)} as exported: the target [N, -1, -1] goes
   * through Where(Equal(target, -1), 1, target); a symbol is a dimension, never -1, so the Expand
   * gets [N, 1, 1] and its output [N, 1, 64] (ViT's class token).
   */
  @Test
  void expandWithMinusOnesThroughEqualAndWhere() {
    Value x = new Value("x", ShapeTestSupport.type("f32[N,49,64]"));
    b.input(x);
    Value cls = constant(Tensor.ofFloats(new long[] {1, 1, 64}, new float[64]));
    Value shape = add(new Op.Shape(0, 3), x);
    Value n = add(new Op.Gather(0), shape, constant(Tensor.ofLongs(new long[0], new long[] {0})));
    Value u = add(new Op.Unsqueeze(), n, constant(Tensor.vector(0)));
    Value target = add(new Op.Concat(0), u, constant(Tensor.vector(-1)), constant(Tensor.vector(-1)));
    Value eq = add(new Op.Compare(Op.CompareOp.EQUAL), target, constant(Tensor.vector(-1, -1, -1)));
    Value where = add(new Op.Where(), eq, constant(Tensor.vector(1, 1, 1)), target);
    Value y = add(new Op.Expand(), cls, where);
    Map<Value, List<SymInt>> known = ShapeValues.compute(b.build());
    assertEquals("[0, 1, 1]", known.get(eq).toString());
    assertEquals("[N, 1, 1]", known.get(where).toString());
    assertEquals("f32[N,1,64]", y.type().toString());
    Value cat = add(new Op.Concat(1), y, x);
    assertEquals("f32[N,50,64]", cat.type().toString());
  }

  @Test
  void comparisonsAreKnownOnlyWhenTheOrderIs() {
    Value x = new Value("x", ShapeTestSupport.type("f32[N,S]"));
    b.input(x);
    Value shape = add(new Op.Shape(0, 2), x); // [N, S]
    Value same = add(new Op.Compare(Op.CompareOp.GREATER_OR_EQUAL), shape, shape);
    Value neg = add(new Op.Compare(Op.CompareOp.GREATER), shape, constant(Tensor.vector(-1, 0)));
    Value less = add(new Op.Compare(Op.CompareOp.LESS), constant(Tensor.vector(-2, 3)), shape);
    Value consts = add(new Op.Compare(Op.CompareOp.LESS_OR_EQUAL), constant(Tensor.vector(1, 2)),
        constant(Tensor.vector(1, 1)));
    Value pick = add(new Op.Where(), neg, shape, constant(Tensor.vector(7)));
    Value equalBranches = add(new Op.Where(), neg, shape, shape);
    Map<Value, List<SymInt>> known = ShapeValues.compute(b.build());
    assertEquals("[1, 1]", known.get(same).toString());
    assertEquals("[1, ?]", known.get(neg).toString(), "S > 0 is not known: S may be 0");
    assertEquals("[1, ?]", known.get(less).toString());
    assertEquals("[1, 0]", known.get(consts).toString());
    assertEquals("[N, ?]", known.get(pick).toString());
    assertEquals("[N, S]", known.get(equalBranches).toString());
  }

  /**
   * BERT's {@code position_ids[:, :S]}: a Slice of a fixed table up to the symbolic sequence length
   * read by Shape is S long, on a fixed axis (the table's rows) as on an axis of S itself; a start
   * other than 0 leaves it unknown.
   */
  @Test
  void sliceToASymbolicEnd() {
    Value ids = tokenIds("i64[N,S]");
    Value shape = add(new Op.Shape(0, 2), ids);
    Value s = add(new Op.Gather(0), shape, constant(Tensor.ofLongs(new long[0], new long[] {1})));
    Value end = add(new Op.Unsqueeze(), s, constant(Tensor.vector(0)));
    Value table = positionTable();
    Value zero = constant(Tensor.vector(0));
    Value one = constant(Tensor.vector(1));
    assertEquals("i64[1,S]", add(new Op.Slice(), table, zero, end, one, one).type().toString());
    assertEquals("i64[N,S]", add(new Op.Slice(), ids, zero, end, one, one).type().toString());
    assertEquals("i64[1,?]", add(new Op.Slice(), table, one, end, one, one).type().toString());
    Value two = constant(Tensor.vector(2));
    assertEquals("i64[1,?]", add(new Op.Slice(), table, zero, end, one, two).type().toString());
    Value n = add(new Op.Gather(0), shape, constant(Tensor.ofLongs(new long[0], new long[] {0})));
    Value nEnd = add(new Op.Unsqueeze(), n, constant(Tensor.vector(0)));
    assertEquals("i64[N,?]", add(new Op.Slice(), ids, zero, nEnd, one, one).type().toString(),
        "N rows of an axis of S: not S, not N");
  }

  /** With the input's dims fixed the same chains give fixed sizes. */
  @Test
  void fixedInputsGiveFixedSizes() {
    Value shape = add(new Op.Shape(0, 2), tokenIds("i64[2,12]"));
    Value end = add(new Op.Slice(), shape, constant(Tensor.vector(1)), constant(Tensor.vector(2)));
    Value zero = constant(Tensor.vector(0));
    Value one = constant(Tensor.vector(1));
    assertEquals("i64[1,12]", add(new Op.Slice(), positionTable(), zero, end, one, one).type().toString());
    Value target = add(new Op.Concat(0), add(new Op.Slice(), shape, zero, one), constant(Tensor.vector(-1)));
    Value eq = add(new Op.Compare(Op.CompareOp.EQUAL), target, constant(Tensor.vector(-1, -1)));
    Value where = add(new Op.Where(), eq, constant(Tensor.vector(1, 1)), target);
    Value cls = constant(Tensor.ofFloats(new long[] {1, 8}, new float[8]));
    assertEquals("f32[2,8]", add(new Op.Expand(), cls, where).type().toString());
  }

  /** A graph input of token ids of {@code type}. */
  private Value tokenIds(String type) {
    Value ids = new Value("ids", ShapeTestSupport.type(type));
    b.input(ids);
    return ids;
  }

  /** BERT's position ids, a constant [1, 16]. */
  private Value positionTable() {
    return constant(Tensor.ofLongs(new long[] {1, 16}, new long[16]));
  }
}
