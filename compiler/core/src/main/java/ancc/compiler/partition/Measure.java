package ancc.compiler.partition;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.eval.Evaluator;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.ModelInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.device.DeviceModels;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.util.Arrays;

/**
 * Top-1 of the FP32 reference and of compiled partitions on the calibration data; energy from the
 * ledger. The model's first output is scored as the sensitivity analysis scores it: a
 * classification output ([N, C], rank <= 2) per sample, its class the arg-max over the sample's
 * whole output; a per-token output (rank >= 3 with a fixed last dim, e.g. [N, S, C]) per position,
 * each position's class the arg-max over the last axis. Labels are one per sample, so a per-token
 * output is scored against FP32's class at each position: its top-1 is the per-position agreement
 * with FP32, and the reference's is 1.
 */
final class Measure {
  private static final Simulator SIMULATOR = new Simulator(DeviceModels::forArray);
  private static final int CHUNK = 128;

  private Measure() {}

  /**
   * The FP32 reference's classes on the calibration data.
   *
   * @param samples per sample, the arg-max over its whole output (the labels that stand in for missing ones)
   * @param rows per scored row (a sample, or a position of a per-token output), its class
   * @param positionClasses the classes per position of a per-token output, 0 for a classification output
   */
  record Reference(int[] samples, int[] rows, int positionClasses) {
    /** Rows per sample: 1 for a classification output, the positions of a per-token output. */
    int positions() {
      return rows.length / Math.max(1, samples.length);
    }

    /** The reference's top-1 against {@code labels}: 1 for a per-token output (scored against itself). */
    double top1(long[] labels) {
      return positions() == 1 ? Evaluator.top1(rows, labels) : 1.0;
    }

    /** The class row {@code r} of sample {@code i} is scored against. */
    long label(int r, int i, long[] labels) {
      return positions() == 1 ? labels[i] : rows[r];
    }
  }

  /** The FP32 reference over the calibration data. */
  static Reference reference(Module m, CalibData data) {
    Interpreter interp = new Interpreter();
    String out = m.outputs().get(0).name();
    int positionClasses = SensitivityAnalysis.positionClasses(m.outputs().get(0));
    int[] samples = new int[data.size()];
    int[] rows = null;
    for (int s = 0; s < data.size(); s += CHUNK) {
      int n = Math.min(CHUNK, data.size() - s);
      Tensor logits = interp.run(m, data.batch(s, n)).get(out);
      Evaluator.argmax(logits, samples, s);
      int per = rowsPerSample(logits, positionClasses);
      if (rows == null) {
        rows = new int[data.size() * per];
      } else if (rows.length != data.size() * per) {
        throw new InvalidInputException("model " + m.name() + ": output " + out + " has " + per
            + " positions per sample from sample " + s + " on, " + rows.length / data.size() + " before");
      }
      rowArgmax(logits, positionClasses, rows, s * per);
    }
    return new Reference(samples, rows == null ? new int[0] : rows, positionClasses);
  }

  /** Scored rows per sample of {@code logits} ([n, ...]): its positions for a per-token output, else 1. */
  static int rowsPerSample(Tensor logits, int positionClasses) {
    int n = (int) logits.dim(0);
    int perSample = n == 0 ? 0 : logits.size() / n;
    return positionClasses > 0 && perSample % positionClasses == 0 ? perSample / positionClasses : 1;
  }

  /** The arg-max of every scored row of {@code logits} into {@code out} from {@code offset}. */
  static void rowArgmax(Tensor logits, int positionClasses, int[] out, int offset) {
    Evaluator.argmax(logits, (int) logits.dim(0) * rowsPerSample(logits, positionClasses), out, offset);
  }

  /**
   * A measured top-1 drop against FP32 on the calibration data.
   *
   * @param top1 mean simulated top-1 over the chip instances (a fraction; per position for a per-token output)
   * @param drop FP32 top-1 minus {@code top1} (a fraction)
   * @param standardError standard error of {@code drop}: the per-sample drops (FP32 correct minus the
   *     fraction of instances correct, a per-token output's averaged over its positions, in [-1, 1]) are
   *     paired, so only samples whose outcome changes count
   */
  record Drop(double top1, double drop, double standardError) {}

  /** Mean simulated top-1 of {@code c} over chip instances {@code seed .. seed + chips - 1}. */
  static double simulatedTop1(Compilation c, CalibData data, Reference ref, long seed, int chips) {
    return simulatedDrop(c, data, ref, seed, chips).top1();
  }

  /** The drop of {@code c} against the FP32 reference {@code ref}, over chip instances {@code seed .. seed + chips - 1}. */
  static Drop simulatedDrop(Compilation c, CalibData data, Reference ref, long seed, int chips) {
    String out = c.module().outputs().get(0).name();
    long[] labels = data.labels();
    int per = ref.positions();
    double[] correct = new double[data.size()];
    for (int k = 0; k < chips; k++) {
      int[] classes = new int[ref.rows().length];
      for (int s = 0; s < data.size(); s += CHUNK) {
        int n = Math.min(CHUNK, data.size() - s);
        Tensor logits = SIMULATOR.run(c.program(), c.chip(), data.batch(s, n), SimOptions.analog(seed + k))
            .get(out);
        rowArgmax(logits, ref.positionClasses(), classes, s * per);
      }
      for (int i = 0; i < correct.length; i++) {
        int hits = 0;
        for (int r = i * per; r < (i + 1) * per; r++) {
          hits += classes[r] == ref.label(r, i, labels) ? 1 : 0;
        }
        correct[i] += (double) hits / per / chips;
      }
    }
    int n = correct.length;
    double top1 = Arrays.stream(correct).sum() / n;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      int hits = 0;
      for (int r = i * per; r < (i + 1) * per; r++) {
        hits += ref.rows()[r] == ref.label(r, i, labels) ? 1 : 0;
      }
      d[i] = (double) hits / per - correct[i];
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
