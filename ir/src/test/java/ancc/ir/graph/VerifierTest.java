package ancc.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static final TensorType T = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(4)));
  private static final Value X = new Value("x", T);
  private static final Value A = new Value("a", T);
  private static final Value B = new Value("b", T);

  private static Node relu(Value in, Value out, String loc) {
    return new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(in), out, loc);
  }

  @Test
  void validModuleHasNoStructuralProblems() {
    Module m = Module.builder("m").input(X).node(relu(X, A, "r1")).node(relu(A, B, "")).output(B).build();
    assertEquals(List.of(), Verifier.checkStructure(m));
  }

  @Test
  void duplicateDefinition() {
    Module m = Module.builder("m").input(X).node(relu(X, A, "r1")).node(relu(A, A, "r2")).output(A).build();
    assertEquals(List.of("node 1 (relu \"r2\"): value %a is defined twice (already defined by node 0 (relu \"r1\"))"),
        Verifier.checkStructure(m));
    Value c = new Value("x", TensorType.of(DType.F32, 2));
    Module m2 = Module.builder("m").input(X).constant(c, Tensor.ofFloats(new long[] {2}, new float[2])).build();
    assertEquals(List.of("constant %x: value %x is defined twice (already a graph input)"), Verifier.checkStructure(m2));
  }

  @Test
  void useBeforeDefinitionIsACycle() {
    Module m = Module.builder("m").input(X).node(relu(B, A, "r1")).node(relu(A, B, "r2")).output(B).build();
    assertEquals(List.of("node 0 (relu \"r1\"): value %b is used before its definition by node 1 (a cycle or nodes out of order)"),
        Verifier.checkStructure(m));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Verifier.verify(m));
    assertEquals("module @m: node 0 (relu \"r1\"): value %b is used before its definition by node 1"
        + " (a cycle or nodes out of order)", e.getMessage());
  }

  @Test
  void undefinedValuesAndGraphOutputs() {
    Module m = Module.builder("m").input(X).node(relu(new Value("ghost", T), A, "")).output(B).build();
    assertEquals(List.of("node 0 (relu %a): value %ghost is undefined", "graph output: value %b is undefined"),
        Verifier.checkStructure(m));
  }

  @Test
  void useWithAnotherTypeThanTheDefinition() {
    Value x3 = new Value("x", TensorType.of(DType.F32, 3));
    Module m = Module.builder("m").input(X).node(relu(x3, A, "")).output(A).build();
    assertEquals(List.of("node 0 (relu %a): value %x is used as f32[3] but defined as f32[N,4]"), Verifier.checkStructure(m));
  }

  @Test
  void wrongArity() {
    Value w = new Value("w", TensorType.of(DType.F32, 1, 1, 1, 1));
    Op conv = new Op.Conv(List.of(1L, 1L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), 1);
    Module m = Module.builder("m").input(X)
        .node(new Node(conv, List.of(X), A, "/conv"))
        .node(new Node(new Op.Dropout(), List.of(X), List.of(B, new Value("m1", T), new Value("m2", T)), "/drop"))
        .node(new Node(new Op.Clip(), Arrays.asList(null, w), new Value("c", T), "/clip"))
        .output(A).build();
    assertEquals(List.of(
        "node 0 (conv \"/conv\"): conv takes 2 to 3 input(s), has 1",
        "node 1 (dropout \"/drop\"): dropout has 1 to 2 output(s), has 3",
        "node 2 (clip \"/clip\"): required input 0 is absent",
        "node 2 (clip \"/clip\"): value %w is undefined"), Verifier.checkStructure(m));
  }

  @Test
  void constantTypeMismatch() {
    Value c = new Value("c", TensorType.of(DType.F32, 4));
    Value i = new Value("i", TensorType.of(DType.I32, 2));
    Value s = new Value("s", T);
    Module m = Module.builder("m")
        .constant(c, Tensor.ofFloats(new long[] {3}, new float[3]))
        .constant(i, Tensor.ofLongs(new long[] {2}, new long[2]))
        .constant(s, Tensor.ofFloats(new long[] {1, 4}, new float[4]))
        .build();
    assertEquals(List.of(
        "constant %c: tensor is f32[3] but the declared type is f32[4]",
        "constant %i: tensor is i64[2] but the declared type is i32[2]",
        "constant %s: declared type f32[N,4] is not static"), Verifier.checkStructure(m));
    assertThrows(InvalidInputException.class, () -> Verifier.verify(m));
  }

  @Test
  void compatibleTypesAllowUnknownDims() {
    TensorType declared = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.UNKNOWN, Dim.of(3)));
    assertEquals(true, Verifier.compatible(declared, new TensorType(DType.F32, List.of(Dim.UNKNOWN, Dim.of(7), Dim.of(3)))));
    assertEquals(false, Verifier.compatible(declared, new TensorType(DType.F32, List.of(Dim.of(1), Dim.of(7), Dim.of(3)))));
    assertEquals(false, Verifier.compatible(declared, new TensorType(DType.F16, List.of(Dim.sym("N"), Dim.of(7), Dim.of(3)))));
    assertEquals(false, Verifier.compatible(declared, TensorType.of(DType.F32, 3)));
  }
}
