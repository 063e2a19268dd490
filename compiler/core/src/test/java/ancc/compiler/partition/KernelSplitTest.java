package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Verifier;
import ancc.runtime.interp.Interpreter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kernel-split: the split module verifies, covers every channel once, and computes bit-identical outputs. */
class KernelSplitTest {

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void splitModuleIsNumericallyIdentical(String model) {
    Module m = PartitionBench.model(model);
    KernelSplit.Split split = KernelSplit.split(m);
    Verifier.verify(split.module());
    Tensor x = PartitionBench.slice(0, 16).images();
    String in = m.inputs().get(0).name();
    String out = m.outputs().get(0).name();
    Tensor want = new Interpreter().run(m, Map.of(in, x)).get(out);
    Tensor got = new Interpreter().run(split.module(), Map.of(in, x)).get(out);
    assertTrue(want.contentEquals(got), model + ": split module's logits differ from the original's");

    List<PartitionUnit> layers = KernelSplit.layers(m).units();
    assertTrue(split.units().size() > layers.size(), model + ": nothing was split");
    for (PartitionUnit layer : layers) {
      long next = 0;
      for (PartitionUnit u : split.units()) {
        if (u.layerKey().equals(layer.key())) {
          assertEquals(next, u.from(), u.name());
          next = u.to();
        }
      }
      assertEquals(layer.channels(), next, layer.name() + ": groups do not cover the channels");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet"})
  void smallLayersStayWholeAndGroupsConcatOnTheChannelAxis(String model) {
    Module m = PartitionBench.model(model);
    KernelSplit.Split split = KernelSplit.split(m);
    PartitionUnit conv1 = split.units().get(0);
    assertEquals(6, conv1.channels());
    assertTrue(conv1.whole(), "conv1 (6 channels) was split");
    long concats = split.module().nodes().stream().filter(n -> n.op() instanceof Op.Concat).count();
    long before = m.nodes().stream().filter(n -> n.op() instanceof Op.Concat).count();
    assertEquals(4, concats - before, "one concat per split layer (conv2, fc1, fc2, fc3)");
    for (Node n : split.module().nodes()) {
      if (n.op() instanceof Op.Concat c && n.loc().equals("/conv2/Conv")) {
        assertEquals(1, c.axis());
        assertEquals(4, n.inputs().size());
      }
    }
  }
}
