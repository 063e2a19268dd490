package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpreterTest {

  private static final Dim N = Dim.sym("N");

  private static Value val(String name, DType t, Dim... dims) {
    return new Value(name, new TensorType(t, List.of(dims)));
  }

  /** y = relu(linear(x, W, B)) + bias2 (broadcast), z = shape(x); inputs x [N,3], b [N,2]. */
  private static Module model() {
    Value x = val("x", DType.F32, N, Dim.of(3));
    Value b = val("b", DType.F32, N, Dim.of(2));
    Value w = val("w", DType.F32, Dim.of(2), Dim.of(3));
    Value bias = val("bias", DType.F32, Dim.of(2));
    Value h = val("h", DType.F32, N, Dim.of(2));
    Value r = val("r", DType.F32, N, Dim.of(2));
    Value y = val("y", DType.F32, N, Dim.of(2));
    Value z = val("z", DType.I64, Dim.of(2));
    return Module.builder("m")
        .input(x)
        .input(b)
        .constant(w, f(s(2, 3), 1, 0, 0, 0, 1, -1))
        .constant(bias, f(s(2), 0, 1))
        .node(new Node(new Op.Linear(), List.of(x, w, bias), h, "fc"))
        .node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(h), r, "relu"))
        .node(new Node(new Op.Binary(Op.BinaryOp.ADD), List.of(r, b), y, "add"))
        .node(new Node(new Op.Shape(0, 2), List.of(x), z, "shape"))
        .output(y)
        .output(z)
        .build();
  }

  private static Map<String, Tensor> inputs(Tensor x, Tensor b) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    if (x != null) {
      m.put("x", x);
    }
    if (b != null) {
      m.put("b", b);
    }
    return m;
  }

  @Test
  void runsAModuleAndReturnsOutputsInOrder() {
    Tensor x = f(s(2, 3), 1, 2, 3, -1, 5, 1);
    Tensor b = f(s(2, 2), 10, 10, 20, 20);
    Map<String, Tensor> out = new Interpreter().run(model(), inputs(x, b));
    assertEquals(List.of("y", "z"), new ArrayList<>(out.keySet()));
    // h = [x0, x1 - x2 + 1]: [1, 0], [-1, 5] -> relu -> [1, 0], [0, 5] -> + b
    close(out.get("y"), s(2, 2), 11, 10, 20, 25);
    TT.exact(out.get("z"), DType.I64, s(2), 2, 3);
  }

  private static String error(Map<String, Tensor> in) {
    return assertThrows(InvalidInputException.class, () -> new Interpreter().run(model(), in)).getMessage();
  }

  @Test
  void rejectsMissingAndUnknownInputs() {
    assertEquals("missing input 'b' of type f32[N,2]", error(inputs(f(s(1, 3), 1, 2, 3), null)));
    Map<String, Tensor> extra = inputs(f(s(1, 3), 1, 2, 3), f(s(1, 2), 1, 2));
    extra.put("c", Tensor.scalar(1));
    assertEquals("unknown input 'c' (the graph's inputs are: x, b)", error(extra));
  }

  @Test
  void rejectsWrongRankFixedDimSymbolAndType() {
    assertEquals("input 'x': expected shape [N,3] but got [3] (rank 1 instead of 2)",
        error(inputs(f(s(3), 1, 2, 3), f(s(1, 2), 1, 2))));
    assertEquals("input 'x': expected shape [N,3] but got [1,4] (dim 1 must be 3)",
        error(inputs(f(s(1, 4), 1, 2, 3, 4), f(s(1, 2), 1, 2))));
    assertEquals("input 'b': expected shape [N,2] but got [2,2] (N is 1 from input 'x')",
        error(inputs(f(s(1, 3), 1, 2, 3), f(s(2, 2), 1, 2, 3, 4))));
    assertEquals("input 'b': expected element type f32 but got i64",
        error(inputs(f(s(1, 3), 1, 2, 3), TT.l(s(1, 2), 1, 2))));
  }

  @Test
  void acceptsFloatDataForOtherFloatingTypesAndUnknownDims() {
    Value x = val("x", DType.F16, Dim.UNKNOWN, Dim.of(2));
    Value y = val("y", DType.F16, Dim.UNKNOWN, Dim.of(2));
    Module m = Module.builder("h").input(x)
        .node(new Node(new Op.Unary(Op.UnaryOp.NEG), List.of(x), y, "neg")).output(y).build();
    // 1 + 2^-12 is not a half: the f32 data is rounded to f16 on the way in
    float odd = 1 + (float) Math.pow(2, -12);
    Tensor out = new Interpreter().run(m, Map.of("x", f(s(3, 2), odd, 2, 3, 4, 5, 6))).get("y");
    assertEquals(DType.F16, out.dtype());
    TT.close(new float[] {-1, -2, -3, -4, -5, -6}, out.floats(), 0);
  }

  @Test
  void nodeErrorsNameTheNode() {
    Value x = val("x", DType.F32, Dim.UNKNOWN);
    Value y = val("y", DType.F32, Dim.UNKNOWN);
    Module m = Module.builder("g").input(x)
        .node(new Node(new Op.Reshape(false), List.of(x, x), y, "/bad/Reshape")).output(y).build();
    String msg = assertThrows(InvalidInputException.class,
        () -> new Interpreter().run(m, Map.of("x", f(s(2), 3, 3)))).getMessage();
    assertEquals("reshape \"/bad/Reshape\": cannot reshape [2] (2 elements) to [3, 3]", msg);
  }

  @Test
  void valuesUsedTwiceSurviveUntilTheirLastUse() {
    // y = (x + x) * x: x is read by two nodes, t by one
    Value x = val("x", DType.F32, Dim.of(2));
    Value t = val("t", DType.F32, Dim.of(2));
    Value y = val("y", DType.F32, Dim.of(2));
    Module m = Module.builder("u").input(x)
        .node(new Node(new Op.Binary(Op.BinaryOp.ADD), List.of(x, x), t, "a"))
        .node(new Node(new Op.Binary(Op.BinaryOp.MUL), List.of(t, x), y, "b"))
        .output(y).output(t).build();
    Map<String, Tensor> out = new Interpreter().run(m, Map.of("x", f(s(2), 2, 3)));
    close(out.get("y"), s(2), 8, 18);
    close(out.get("t"), s(2), 4, 6);
  }
}
