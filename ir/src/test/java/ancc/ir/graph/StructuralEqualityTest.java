package ancc.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StructuralEqualityTest {
  private static final Value X = new Value("x", TensorType.of(DType.F32, 1, 1, 4, 4));
  private static final Value Y = new Value("y", TensorType.of(DType.F32, 1, 1, 4, 4));

  private static Module conv(List<Long> strides, float w1, String loc) {
    Value w = new Value("w", TensorType.of(DType.F32, 1, 1, 1, 2));
    return Module.builder("m").input(X)
        .constant(w, Tensor.ofFloats(new long[] {1, 1, 1, 2}, new float[] {0.5f, w1}))
        .node(new Node(new Op.Conv(strides, List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), 1), List.of(X, w), Y, loc))
        .output(Y).build();
  }

  private static Optional<String> diff(Module a, Module b) {
    return StructuralEquality.firstDifference(a, b);
  }

  @Test
  void equalModules() {
    assertEquals(Optional.empty(), diff(conv(List.of(1L, 1L), Float.NaN, "c"), conv(List.of(1L, 1L), Float.NaN, "c")));
    assertTrue(StructuralEquality.equal(conv(List.of(1L, 1L), 1f, ""), conv(List.of(1L, 1L), 1f, "")));
  }

  @Test
  void reportsTheFirstDifference() {
    Module a = conv(List.of(1L, 1L), 0.5f, "/conv1/Conv");
    assertEquals(Optional.of("node 0 (conv \"/conv1/Conv\"): attribute strides [1, 1] vs [2, 2]"),
        diff(a, conv(List.of(2L, 2L), 0.5f, "/conv1/Conv")));
    assertEquals(Optional.of("constant %w: element 1 differs 0.5 vs 0.25"), diff(a, conv(List.of(1L, 1L), 0.25f, "/conv1/Conv")));
    assertEquals(Optional.of("constant %w: element 1 differs 0.0 vs -0.0"),
        diff(conv(List.of(1L, 1L), 0f, ""), conv(List.of(1L, 1L), -0f, "")));
    assertEquals(Optional.of("node 0 (conv \"/conv1/Conv\"): loc \"/conv1/Conv\" vs \"other\""),
        diff(a, conv(List.of(1L, 1L), 0.5f, "other")));
    assertEquals(Optional.of("module name @m vs @n"), diff(a, a.toBuilder().name("n").build()));
    assertEquals(Optional.of("output count 1 vs 2"), diff(a, a.toBuilder().output(X).build()));
    Value x2 = new Value("x", TensorType.of(DType.F32, 1, 1, 4, 5));
    assertEquals(Optional.of("input 0: %x type f32[1,1,4,4] vs f32[1,1,4,5]"),
        diff(a, Module.builder("m").input(x2).build()));
  }

  @Test
  void reportsNodeOpInputAndCountDifferences() {
    Module a = Module.builder("m").input(X)
        .node(new Node(new Op.Clip(), java.util.Arrays.asList(X, null), Y, "")).output(Y).build();
    Module b = Module.builder("m").input(X)
        .node(new Node(new Op.Clip(), List.of(X, X), Y, "")).output(Y).build();
    assertEquals(Optional.of("node 0 (clip %y): input 1: _ (absent) vs %x"), diff(a, b));
    Module c = Module.builder("m").input(X)
        .node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(X), Y, "")).output(Y).build();
    assertEquals(Optional.of("node 0 (clip %y): op clip vs relu"), diff(a, c));
    assertEquals(Optional.of("node count 1 vs 0"), diff(a, Module.builder("m").input(X).output(Y).build()));
  }
}
