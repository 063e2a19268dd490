package ancc.compiler.partition;

import ancc.compiler.eval.Dataset;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import java.util.Map;

/**
 * The calibration inputs the partitioner measures on (one tensor per graph input), with the labels
 * its top-1 figures use: the data set's labels, or without a data set, seeded synthetic inputs
 * ({@link ancc.compiler.eval.SyntheticInputs}: standard normal floats, token ids within the
 * embedding's table, masks of ones) labelled with the FP32 reference's own classes ({@link #synthetic}
 * is true: accuracy figures are then only agreement with FP32 on noise, not accuracy on any real
 * distribution).
 */
record CalibData(Dataset data, boolean synthetic) {

  int size() {
    return data.size();
  }

  long[] labels() {
    return data.labels();
  }

  /** Samples [start, start + n) of every input, by input name. */
  Map<String, Tensor> batch(int start, int n) {
    return data.batch(start, n);
  }

  /** The first {@code n} samples of {@code d} (all when it has fewer), bound to {@code m}'s inputs. */
  static CalibData of(Module m, Dataset d, int n) {
    return new CalibData(d.boundTo(m).first(n), false);
  }

  /** Whether the labels are missing ({@link CalibrationFiles#UNLABELLED}); FP32's classes then stand in. */
  boolean unlabelled() {
    for (long l : labels()) {
      if (l != CalibrationFiles.UNLABELLED) {
        return false;
      }
    }
    return labels().length > 0;
  }

  /**
   * The seed of the synthetic calibration inputs: fixed, so the quantizer and ADC ranges of a program
   * do not depend on which chip instance ({@code --seed}) is simulated.
   */
  static final long SYNTHETIC_SEED = 0;

  /** {@code n} seeded synthetic samples of every input of {@code m} ({@link Dataset#synthetic}); labels filled in later. */
  static CalibData synthetic(Module m, int n, long seed) {
    return new CalibData(Dataset.synthetic(m, n, seed), true);
  }

  CalibData withLabels(long[] l) {
    return new CalibData(data.withLabels(l), synthetic);
  }
}
