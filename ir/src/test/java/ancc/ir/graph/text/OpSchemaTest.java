package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpSchemaTest {
  private static List<String> names(String op) {
    return OpSchema.forName(op).orElseThrow().attributes().stream().map(OpSchema.Attribute::name)
        .collect(Collectors.toList());
  }

  @Test
  void attributeNamesAreSnakeCaseInComponentOrder() {
    assertEquals(List.of("strides", "pads", "dilations", "output_padding", "group"), names("conv_transpose"));
    assertEquals(List.of("alpha", "beta", "trans_a", "trans_b"), names("gemm"));
    assertEquals(List.of("keepdims", "noop_with_empty_axes"), names("reduce_mean"));
    assertEquals(List.of("coordinate_transformation_mode", "nearest_mode"), names("resize"));
    assertEquals(List.of("axis", "coerce2d"), names("softmax"));
    assertEquals(List.of(), names("hard_swish"));
    assertEquals(List.of(), names("pow"));
  }

  @Test
  void kindEnumsGiveOneOpNamePerConstant() {
    Op op = OpSchema.forName("reduce_max").orElseThrow().create(List.of(true, false));
    assertEquals(new Op.Reduce(Op.ReduceOp.MAX, true, false), op);
    assertEquals(new Op.Unary(Op.UnaryOp.HARD_SWISH), OpSchema.forName("hard_swish").orElseThrow().create(List.of()));
    assertTrue(OpSchema.forName("frobnicate").isEmpty());
    int expected = Op.class.getPermittedSubclasses().length - 8 + Op.RnnKind.values().length + Op.BinaryOp.values().length
        + Op.UnaryOp.values().length + Op.ReduceOp.values().length + Op.CompareOp.values().length
        + Op.VariadicOp.values().length + Op.ArgOp.values().length + Op.WindowKind.values().length;
    assertEquals(expected, OpSchema.all().size());
  }

  @Test
  void ofFindsTheSchemaOfAnInstance() {
    OpSchema s = OpSchema.of(new Op.Cast(DType.I8));
    assertSame(Op.Cast.class, s.recordType());
    assertEquals("cast", s.opName());
    assertEquals(DType.I8, s.attributes().get(0).get(new Op.Cast(DType.I8)));
  }

  @Test
  void formatsValues() {
    assertEquals("[1, -2]", OpSchema.formatValue(List.of(1L, -2L)));
    assertEquals("[]", OpSchema.formatValue(List.of()));
    assertEquals("round_prefer_floor", OpSchema.formatValue(Op.NearestMode.ROUND_PREFER_FLOOR));
    assertEquals("f16", OpSchema.formatValue(DType.F16));
    assertEquals("-inf", OpSchema.formatValue(Float.NEGATIVE_INFINITY));
    assertEquals("1.0E-5", OpSchema.formatValue(1e-5f));
    assertEquals("false", OpSchema.formatValue(false));
    assertEquals("nan(0xffc00000)", OpSchema.formatValue(Float.intBitsToFloat(0xffc00000)));
  }

  @Test
  void snakeCase() {
    assertEquals("kernel_shape", OpSchema.snakeCase("kernelShape"));
    assertEquals("noop_with_empty_axes", OpSchema.snakeCase("noopWithEmptyAxes"));
    assertEquals("trans_b", OpSchema.snakeCase("transB"));
  }
}
