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
}
