package ancc.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.text.IrParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type consistency: declared output types against ShapeInference. */
class VerifierTypesTest {
  private static final TensorType NX4 = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(4)));
  private static final Value X = new Value("x", NX4);

  private static Module unary(Op op, TensorType declared) {
    Value a = new Value("a", declared);
    return Module.builder("m").input(X).node(new Node(op, List.of(X), a, "r")).output(a).build();
  }

  @Test
  void goldenLenetIsConsistent() throws IOException {
    String text;
    try (InputStream in = VerifierTypesTest.class.getResourceAsStream("/graph/lenet-like.air")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Module m = IrParser.parse(text, "lenet-like.air");
    assertEquals(List.of(), Verifier.check(m));
    Verifier.verify(m);
  }

  @Test
  void declaredTypeMustMatchInference() {
    Op relu = new Op.Unary(Op.UnaryOp.RELU);
    Module bad = unary(relu, new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(5))));
    assertEquals(List.of("node 0 (relu \"r\"): output %a is declared f32[N,5] but its inputs give f32[N,4]"),
        Verifier.check(bad));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Verifier.verify(bad));
    assertEquals("module @m: node 0 (relu \"r\"): output %a is declared f32[N,5] but its inputs give f32[N,4]",
        e.getMessage());
    assertEquals(List.of("node 0 (cast \"r\"): output %a is declared f32[N,4] but its inputs give i64[N,4]"),
        Verifier.check(unary(new Op.Cast(DType.I64), NX4)));
    assertEquals(List.of("node 0 (relu \"r\"): output %a is declared f32[4] but its inputs give f32[N,4]"),
        Verifier.check(unary(relu, TensorType.of(DType.F32, 4))));
  }

  @Test
  void unknownDimsAreCompatible() {
    Module m = unary(new Op.Unary(Op.UnaryOp.TANH), new TensorType(DType.F32, List.of(Dim.UNKNOWN, Dim.of(4))));
    assertEquals(List.of(), Verifier.check(m));
  }

  @Test
  void inconsistentInputsAreReportedOnTheNode() {
    Value y = new Value("y", TensorType.of(DType.F32, 3, 5));
    Value s = new Value("s", NX4);
    Module m = Module.builder("m").input(X).input(y)
        .node(new Node(new Op.MatMul(), List.of(X, y), s, "/mm")).output(s).build();
    List<String> problems = Verifier.check(m);
    assertEquals(1, problems.size(), problems.toString());
    String p = problems.get(0);
    assertEquals(true, p.startsWith("node 0 (matmul \"/mm\"): ") && !p.contains("matmul \"/mm\": "), p);
  }

  @Test
  void structuralProblemsComeFirst() {
    Value ghost = new Value("ghost", NX4);
    Value a = new Value("a", TensorType.of(DType.F32, 9));
    Module m = Module.builder("m").input(X)
        .node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(ghost), a, "")).output(a).build();
    assertEquals(List.of("node 0 (relu %a): value %ghost is undefined"), Verifier.check(m));
  }
}
