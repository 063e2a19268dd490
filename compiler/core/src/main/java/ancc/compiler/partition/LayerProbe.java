package ancc.compiler.partition;

import ancc.backends.Assignment;
import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import ancc.runtime.device.DeviceModels;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.util.HashMap;
import java.util.Map;

/**
 * One weight layer compiled alone onto one tile kind of the chip: a module holding just the node
 * (its data input a graph input, its weights constants), calibrated on the same activations the
 * whole model's compilation sees, lowered by the ordinary driver and run by the simulator. This
 * injects the kind's error model (weight and input quantization, ADC, device noise) into that
 * layer only; the caller runs the rest of the model exactly.
 */
final class LayerProbe {
  private static final Simulator SIMULATOR = new Simulator(DeviceModels::forArray);

  private final Node node;
  private final Chip chip;
  private final Compilation compiled;

  private LayerProbe(Node node, Chip chip, Compilation compiled) {
    this.node = node;
    this.chip = chip;
    this.compiled = compiled;
  }

  /** Compiles {@code node} of {@code m} alone on {@code kind}; {@code full} is the whole model's calibration. */
  static LayerProbe compile(Module m, Node node, TileKind kind, Chip chip, Calibration full) {
    Module.Builder b = Module.builder(m.name() + "." + node.output().name());
    Map<String, Tensor> calInputs = new HashMap<>();
    for (Value v : node.inputs()) {
      if (v == null) {
        continue;
      }
      Tensor c = m.constant(v);
      if (c != null) {
        b.constant(v, c);
      } else if (!b.inputs().contains(v)) {
        b.input(v);
        Tensor sample = full.sample(v);
        if (sample == null) {
          throw new IllegalStateException("no calibration sample for input %" + v.name() + " of " + node.describe());
        }
        calInputs.put(v.name(), sample);
      }
    }
    b.node(node.withPlacement(null));
    node.outputs().forEach(b::output);
    Module sub = b.build();
    Calibration cal = Calibration.run(sub, calInputs);
    Assignment a = new Assignment(Map.of(node.output().name(), kind));
    return new LayerProbe(node, chip, Compiler.compile(sub, chip, a, "probe-" + kind.text(), cal));
  }

  /** The layer's outputs on chip instance {@code seed} for the values in {@code env}. */
  Map<String, Tensor> run(Map<Value, Tensor> env, long seed) {
    Map<String, Tensor> in = new HashMap<>();
    for (Value v : compiled.module().inputs()) {
      in.put(v.name(), env.get(v));
    }
    return SIMULATOR.run(compiled.program(), chip, in, SimOptions.analog(seed));
  }

  Node node() {
    return node;
  }
}
