package ancc.compiler.partition;

import ancc.compiler.eval.Dataset;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.Arrays;
import java.util.SplittableRandom;

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

  /** {@code n} seeded standard-normal inputs of {@code input}'s shape; labels filled in later. */
  static CalibData synthetic(Value input, int n, long seed) {
    long[] shape = new long[input.type().rank()];
    for (int i = 0; i < shape.length; i++) {
      Dim d = input.type().dim(i);
      shape[i] = i == 0 ? n : d.isFixed() ? d.size() : 1;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < x.length; i++) {
      double u = 1.0 - rnd.nextDouble();
      x[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble()));
    }
    return new CalibData(Tensor.ofFloats(shape, x), new long[n], true);
  }

  CalibData withLabels(long[] l) {
    return new CalibData(images, l, synthetic);
  }
}
