package ancc.compiler.partition;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.eval.Evaluator;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.ModelInfo;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.device.DeviceModels;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.util.Map;

/** Top-1 of the FP32 reference and of compiled partitions on the calibration data; energy from the ledger. */
final class Measure {
  private static final Simulator SIMULATOR = new Simulator(DeviceModels::forArray);
  private static final int CHUNK = 128;

  private Measure() {}

  /** The FP32 reference's top-1 classes. */
  static int[] referenceClasses(Module m, CalibData data) {
    Interpreter interp = new Interpreter();
    String in = m.inputs().get(0).name();
    String out = m.outputs().get(0).name();
    int[] classes = new int[data.size()];
    for (int s = 0; s < data.size(); s += CHUNK) {
      int n = Math.min(CHUNK, data.size() - s);
      Evaluator.argmax(interp.run(m, Map.of(in, data.batch(s, n))).get(out), classes, s);
    }
    return classes;
  }

  /** Mean simulated top-1 of {@code c} over chip instances {@code seed .. seed + chips - 1}. */
  static double simulatedTop1(Compilation c, CalibData data, long seed, int chips) {
    String in = c.module().inputs().get(0).name();
    String out = c.module().outputs().get(0).name();
    double sum = 0;
    for (int k = 0; k < chips; k++) {
      int[] classes = new int[data.size()];
      for (int s = 0; s < data.size(); s += CHUNK) {
        int n = Math.min(CHUNK, data.size() - s);
        Tensor logits = SIMULATOR.run(c.program(), c.chip(), Map.of(in, data.batch(s, n)), SimOptions.analog(seed + k))
            .get(out);
        Evaluator.argmax(logits, classes, s);
      }
      sum += Evaluator.top1(classes, data.labels());
    }
    return sum / chips;
  }

  /** Energy per inference (uJ, batch 1) of {@code c} from the timing model and energy ledger. */
  static double energyUj(Compilation c) {
    ModelInfo info = new ModelInfo(c.module().name(), c.module().name(), "onnx", null, null);
    CompiledModel model = new CompiledModel(c.module().name(), info, c.module(), c.program(), c.chip(), c.placement());
    return CostReport.of(model, 1).energyPerInferenceUj();
  }
}
