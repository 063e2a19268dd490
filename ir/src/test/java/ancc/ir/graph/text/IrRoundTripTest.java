package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Verifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IrRoundTripTest {
  private final Module all = AllOpsModule.build();

  @Test
  void everyOpRoundTrips() {
    String text = RoundTrip.assertRoundTrip(all);
    assertTrue(text.startsWith("module @\"all ops \\\"v1\\\"\" {\n"), text);
    assertTrue(text.contains("  %conv_0 = conv(%\"/input/x\", %conv1.weight, %conv1.bias) {strides = [2, 1],"
        + " pads = [1, 1, 0, 0], dilations = [1, 2], group = 3} : f32[N,6,4,8] loc(\"/conv/1\")\n"), text);
    assertTrue(text.contains("= clip(%gemm_2, _, %clip.max) : f32[N,16]"), text);
    assertTrue(text.contains("%split.a, %\"split \\\"b\\\"\\\\\\n\" = split(%conv_0) {axis = 1} : "
        + "f32[N,3,4,8], f32[N,3,4,8] loc(\"Split_0\")\n"), text);
    assertTrue(text.contains("{alpha = 0.1, beta = 1.0E-5, trans_a = true, trans_b = false}"), text);
    assertTrue(text.contains("{alpha = 0.16666667, beta = -inf}"), text);
    assertTrue(text.contains("= leaky_relu(%gemm_2) {alpha = nan}"), text);
    assertTrue(text.contains("{coordinate_transformation_mode = tf_half_pixel_for_nn, nearest_mode = round_prefer_ceil}"),
        text);
    assertTrue(text.contains("{keepdims = true, noop_with_empty_axes = false}"), text);
    assertTrue(text.contains("{kernel_shape = [2, 2], strides = [1, 1], pads = [0, 0, 0, 0], dilations = [],"
        + " ceil_mode = true, count_include_pad = true}"), text);
    assertTrue(text.contains("  input %in.f16 : f16[batch_size,?,\"seq len\",\"inf\",2]\n"), text);
    assertTrue(text.contains("  const %const.bf16 : bf16[2,3] = dense<[0.1, -0.0, 1.4E-45, inf, nan(0x7fc00001), -7.0]>\n"),
        text);
    assertTrue(text.contains("  const %const.i64 : i64[2,2] = dense<[-9223372036854775808, -1, 0, 9223372036854775807]>\n"),
        text);
    assertTrue(text.contains("  const %clip.max : f32[] = dense<6.0>\n"), text);
    assertTrue(text.contains("  const %empty : i64[0] = dense<[]>\n"), text);
    assertTrue(text.contains("  %global_average_pool_54 = global_average_pool(%conv_0) : f32[N,6,1,1] loc("), text);
    assertTrue(text.contains(" = dropout(%gemm_2) : f32[N,16], bool[N,16]\n"), text);
  }

  @Test
  void moduleCoversEveryOpRecordAndEveryOpName() {
    Set<String> usedClasses = all.nodes().stream().map(n -> n.op().getClass().getName()).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (Class<?> c : Op.class.getPermittedSubclasses()) {
      if (!usedClasses.contains(c.getName())) {
        missing.add(c.getSimpleName());
      }
    }
    assertEquals(Set.of(), missing, "op records not covered by AllOpsModule");
    Set<String> usedNames = all.nodes().stream().map(n -> n.op().name()).collect(Collectors.toSet());
    Set<String> missingNames = OpSchema.all().stream().map(OpSchema::opName)
        .filter(n -> !usedNames.contains(n)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of(), missingNames, "op names not covered by AllOpsModule");
    Set<DType> inputTypes = all.inputs().stream().map(v -> v.type().dtype()).collect(Collectors.toSet());
    Set<DType> constTypes = all.constants().values().stream().map(t -> t.dtype()).collect(Collectors.toSet());
    assertEquals(Set.of(DType.values()), inputTypes);
    assertEquals(Set.of(DType.values()), constTypes);
  }

  @Test
  void fixtureIsStructurallyValid() {
    assertEquals(java.util.List.of(), Verifier.checkStructure(all));
  }

  @Test
  void everyOpAloneRoundTripsWithNonDefaultAttributes() {
    for (Node n : all.nodes()) {
      String line = IrPrinter.node(n);
      OpSchema schema = OpSchema.of(n.op());
      for (OpSchema.Attribute a : schema.attributes()) {
        assertTrue(line.contains(a.name() + " = "), line);
      }
      assertEquals(!schema.attributes().isEmpty(), line.contains("{"), line);
    }
    assertEquals(Arrays.asList(Op.class.getPermittedSubclasses()).size(),
        OpSchema.all().stream().map(OpSchema::recordType).distinct().count());
  }
}
