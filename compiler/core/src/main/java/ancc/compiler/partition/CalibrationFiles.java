package ancc.compiler.partition;

import ancc.compiler.eval.Dataset;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.runtime.io.Idx;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads calibration data for the partitioner ({@code --calib FILE [--calib-labels FILE]}): images as
 * {@link Dataset#load} reads them (.npy or IDX, integer pixels scaled by 1/255, then the optional
 * normalization, reshaped to the model input), the first {@code samples} kept. Without labels every
 * label is {@link #UNLABELLED}: the partitioner then measures top-1 against the FP32 model's own
 * classes, so drops are disagreement with FP32.
 */
public final class CalibrationFiles {
  /** The label of an image without one. */
  public static final long UNLABELLED = -1;

  private CalibrationFiles() {}

  /** The first {@code samples} images of {@code images} (with {@code labelsOrNull}) shaped for {@code input}. */
  public static Dataset load(Path images, Path labelsOrNull, Dataset.Normalize normalize, int samples,
      TensorType input) throws IOException {
    if (labelsOrNull != null) {
      Dataset all = Dataset.load(images, labelsOrNull, normalize, 0, input);
      return truncate(all, samples);
    }
    Tensor t = read(images);
    if (t.rank() < 1 || t.dim(0) == 0) {
      throw new InvalidInputException(images + ": no images (shape " + Dataset.shapeText(t.shape()) + ")");
    }
    long[] labels = new long[(int) t.dim(0)];
    Arrays.fill(labels, UNLABELLED);
    Dataset shaped = reshape(t, normalize, input, images);
    return truncate(new Dataset(shaped.images(), labels), samples);
  }

  /** Unlabelled images already shaped for the model (e.g. a tensor in memory). */
  public static Dataset unlabelled(Tensor images) {
    long[] labels = new long[(int) images.dim(0)];
    Arrays.fill(labels, UNLABELLED);
    return new Dataset(images, labels);
  }

  private static Dataset truncate(Dataset d, int samples) {
    int n = Math.min(samples, d.size());
    if (n == d.size()) {
      return d;
    }
    long[] shape = d.images().shape().clone();
    int per = Math.toIntExact(Tensor.numel(shape) / shape[0]);
    shape[0] = n;
    return new Dataset(Tensor.ofFloats(d.images().dtype(), shape, Arrays.copyOf(d.images().floats(), n * per)),
        Arrays.copyOf(d.labels(), n));
  }

  private static Dataset reshape(Tensor t, Dataset.Normalize normalize, TensorType input, Path file) {
    int n = (int) t.dim(0);
    int per = Math.toIntExact(Tensor.numel(t.shape()) / n);
    float[] x = new float[n * per];
    double mean = normalize == null ? 0 : normalize.mean();
    double std = normalize == null ? 1 : normalize.std();
    if (t.isFloating()) {
      float[] f = t.floats();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) ((f[i] - mean) / std);
      }
    } else {
      long[] l = t.longs();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) ((l[i] / 255.0 - mean) / std);
      }
    }
    long[] shape = new long[input.rank()];
    shape[0] = n;
    long want = 1;
    for (int i = 1; i < input.rank(); i++) {
      if (!input.dim(i).isFixed()) {
        throw new InvalidInputException(file + ": cannot shape images for the model's input " + input + ": dim " + i
            + " is not fixed");
      }
      shape[i] = input.dim(i).size();
      want *= shape[i];
    }
    if (input.rank() < 1 || want != per) {
      throw new InvalidInputException(file + ": images of shape " + Dataset.shapeText(t.shape()) + " have " + per
          + " elements each, the model's input " + input + " takes " + want);
    }
    return new Dataset(Tensor.ofFloats(shape, x), new long[n]);
  }

  private static Tensor read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      return Npy.read(file);
    }
    if (Idx.looksLikeIdx(file) || name.endsWith(".gz")) {
      return Idx.read(file);
    }
    throw new InvalidInputException(file + ": unknown data file type (expected .npy, an IDX file such as"
        + " t10k-images-idx3-ubyte, or either gzipped)");
  }
}
