package ancc.compiler.partition;

import ancc.compiler.eval.Dataset;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.Arrays;

/**
 * The calibration images the partitioner measures on, with the labels its top-1 figures use: the
 * data set's labels, or without a data set, seeded standard-normal synthetic inputs labelled with
 * the FP32 reference's own classes ({@link #synthetic} is true: accuracy figures are then only
 * agreement with FP32 on noise, not accuracy on any real distribution).
 */
record CalibData(Tensor images, long[] labels, boolean synthetic) {

  int size() {
    return (int) images.dim(0);
  }

  /** Images [start, start + n). */
  Tensor batch(int start, int n) {
    long[] shape = images.shape().clone();
    int per = Math.toIntExact(Tensor.numel(shape) / shape[0]);
    shape[0] = n;
    return Tensor.ofFloats(images.dtype(), shape, Arrays.copyOfRange(images.floats(), start * per, (start + n) * per));
  }

  /** The first {@code n} images of {@code d} (all when it has fewer). */
  static CalibData of(Dataset d, int n) {
    int k = Math.min(n, d.size());
    long[] shape = d.images().shape().clone();
    int per = Math.toIntExact(Tensor.numel(shape) / shape[0]);
    shape[0] = k;
    Tensor imgs = Tensor.ofFloats(d.images().dtype(), shape, Arrays.copyOf(d.images().floats(), k * per));
    return new CalibData(imgs, Arrays.copyOf(d.labels(), k), false);
  }

  /** Whether the labels are missing ({@link CalibrationFiles#UNLABELLED}); FP32's classes then stand in. */
  boolean unlabelled() {
    for (long l : labels) {
      if (l != CalibrationFiles.UNLABELLED) {
        return false;
      }
    }
    return labels.length > 0;
  }

  /**
   * The seed of the synthetic calibration inputs: fixed, so the quantizer and ADC ranges of a program
   * do not depend on which chip instance ({@code --seed}) is simulated.
   */
  static final long SYNTHETIC_SEED = 0;

  /** {@code n} seeded standard-normal inputs of {@code input}'s shape ({@link Dataset#synthetic}); labels filled in later. */
  static CalibData synthetic(Value input, int n, long seed) {
    return new CalibData(Dataset.synthetic(input.type(), n, seed).images(), new long[n], true);
  }

  CalibData withLabels(long[] l) {
    return new CalibData(images, l, synthetic);
  }
}
