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
import java.util.Arrays;
import java.util.Map;

/** Top-1 of the FP32 reference and of compiled partitions on the calibration data; energy from the ledger. */
final class Measure {
  private static final Simulator SIMULATOR = new Simulator(DeviceModels::forArray);
  private static final int CHUNK = 128;

  private Measure() {}

  /** The FP32 reference's top-1 classes. */
  static int[] referenceClasses(Module m, CalibData data) {
    Interpreter interp = new Interpreter();
    String out = m.outputs().get(0).name();
    int[] classes = new int[data.size()];
    for (int s = 0; s < data.size(); s += CHUNK) {
      int n = Math.min(CHUNK, data.size() - s);
      Evaluator.argmax(interp.run(m, data.batch(s, n)).get(out), classes, s);
    }
    return classes;
  }

  /**
   * A measured top-1 drop against FP32 on the calibration data.
   *
   * @param top1 mean simulated top-1 over the chip instances (a fraction)
   * @param drop FP32 top-1 minus {@code top1} (a fraction)
   * @param standardError standard error of {@code drop}: the per-image drops (FP32 correct minus the
   *     fraction of instances correct, in [-1, 1]) are paired, so only images whose outcome changes count
   */
  record Drop(double top1, double drop, double standardError) {}

  /** Mean simulated top-1 of {@code c} over chip instances {@code seed .. seed + chips - 1}. */
  static double simulatedTop1(Compilation c, CalibData data, long seed, int chips) {
    return simulatedDrop(c, data, null, seed, chips).top1();
  }

  /**
   * The drop of {@code c} against the FP32 classes {@code refClasses} (null: top-1 only, the drop
   * and its error are NaN), over chip instances {@code seed .. seed + chips - 1}.
   */
  static Drop simulatedDrop(Compilation c, CalibData data, int[] refClasses, long seed, int chips) {
    String out = c.module().outputs().get(0).name();
    long[] labels = data.labels();
    double[] correct = new double[data.size()];
    for (int k = 0; k < chips; k++) {
      int[] classes = new int[data.size()];
      for (int s = 0; s < data.size(); s += CHUNK) {
        int n = Math.min(CHUNK, data.size() - s);
        Tensor logits = SIMULATOR.run(c.program(), c.chip(), data.batch(s, n), SimOptions.analog(seed + k))
            .get(out);
        Evaluator.argmax(logits, classes, s);
      }
      for (int i = 0; i < classes.length; i++) {
        correct[i] += classes[i] == labels[i] ? 1.0 / chips : 0;
      }
    }
    int n = correct.length;
    double top1 = Arrays.stream(correct).sum() / n;
    if (refClasses == null) {
      return new Drop(top1, Double.NaN, Double.NaN);
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (refClasses[i] == labels[i] ? 1 : 0) - correct[i];
    }
    double mean = Arrays.stream(d).sum() / n;
    double ss = Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum();
    double se = n < 2 ? Double.POSITIVE_INFINITY : Math.sqrt(ss / (n - 1) / n);
    return new Drop(top1, mean, se);
  }

  /** Energy per inference (uJ, batch 1) of {@code c} from the timing model and energy ledger. */
  static double energyUj(Compilation c) {
    ModelInfo info = new ModelInfo(c.module().name(), c.module().name(), "onnx", null, null);
    CompiledModel model = new CompiledModel(c.module().name(), info, c.module(), c.program(), c.chip(), c.placement());
    return CostReport.of(model, 1).energyPerInferenceUj();
  }
}
