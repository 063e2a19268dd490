package ancc.compiler.eval;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
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
 * Labelled inputs (evaluation or calibration data): images and labels read from {@code .npy} or IDX files
 * (an IDX name such as {@code t10k-images-idx3-ubyte}, or any {@code .gz}, is read as IDX).
 *
 * <p>Images: integer pixels (IDX u8, or an integer {@code .npy}) are scaled by 1/255 to [0, 1];
 * floating images are taken as they are. Then, if given, {@code --normalize MEAN,STD} maps x to
 * (x - MEAN) / STD. The first {@code samples} images are kept and reshaped to the model input's
 * shape when each image's element count matches (e.g. [N,28,28] to [N,1,28,28]). Labels are
 * integers, one per image, at least as many as the samples used.
 */
public record Dataset(Tensor images, long[] labels) {

  /** Normalization after scaling: (x - mean) / std. */
  public record Normalize(double mean, double std) {}

  public int size() {
    return labels.length;
  }

  /**
   * {@code n} seeded standard-normal inputs shaped for {@code input} (the batch dim {@code n}; other
   * fixed dims as declared, symbolic ones 1), every label 0: what ancc measures on when no data is given.
   */
  public static Dataset synthetic(TensorType input, int n, long seed) {
    long[] shape = new long[input.rank()];
    for (int i = 0; i < shape.length; i++) {
      Dim d = input.dim(i);
      shape[i] = i == 0 ? n : d.isFixed() ? d.size() : 1;
    }
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    float[] x = new float[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < x.length; i++) {
      double u = 1.0 - rnd.nextDouble();
      x[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble()));
    }
    return new Dataset(Tensor.ofFloats(shape, x), new long[n]);
  }

  /** The first {@code n} inputs (all when there are fewer). */
  public Dataset first(int n) {
    int k = Math.min(n, size());
    if (k == size()) {
      return this;
    }
    long[] shape = images.shape().clone();
    int per = Math.toIntExact(Tensor.numel(shape) / shape[0]);
    shape[0] = k;
    return new Dataset(Tensor.ofFloats(images.dtype(), shape, Arrays.copyOf(images.floats(), k * per)),
        Arrays.copyOf(labels, k));
  }

  /** Reads, scales, normalizes, truncates to {@code samples} (0: all) and reshapes to {@code input}. */
  public static Dataset load(Path imagesFile, Path labelsFile, Normalize normalize, int samples, TensorType input)
      throws IOException {
    Tensor images = read(imagesFile);
    Tensor labels = read(labelsFile);
    if (images.rank() < 1 || images.dim(0) == 0) {
      throw new InvalidInputException(imagesFile + ": no images (shape " + shapeText(images.shape()) + ")");
    }
    if (labels.isFloating() || labels.rank() != 1) {
      throw new InvalidInputException(labelsFile + ": labels must be a rank-1 integer array, got "
          + labels.dtype().text() + shapeText(labels.shape()));
    }
    long available = images.dim(0);
    if (labels.dim(0) < available) {
      available = labels.dim(0);
      if (samples == 0 || samples > available) {
        throw new InvalidInputException(labelsFile + ": " + labels.dim(0) + " labels for " + images.dim(0)
            + " images in " + imagesFile);
      }
    }
    if (samples > available) {
      throw new InvalidInputException(imagesFile + ": --samples " + samples + " but only " + available
          + " labelled images");
    }
    int n = samples == 0 ? (int) available : samples;
    float[] x = scaled(images, n, normalize);
    long[] shape = reshape(images, n, input, imagesFile);
    long[] y = Arrays.copyOf(labels.longs(), n);
    return new Dataset(Tensor.ofFloats(shape, x), y);
  }

  /**
   * The first {@code samples} images of {@code imagesFile} (0 or more than there are: all), read,
   * scaled, normalized and shaped as {@link #load} does, every label set to {@code label}.
   */
  public static Dataset unlabelled(Path imagesFile, Normalize normalize, int samples, TensorType input, long label)
      throws IOException {
    Tensor images = read(imagesFile);
    if (images.rank() < 1 || images.dim(0) == 0) {
      throw new InvalidInputException(imagesFile + ": no images (shape " + shapeText(images.shape()) + ")");
    }
    int n = samples <= 0 || samples > images.dim(0) ? (int) images.dim(0) : samples;
    float[] x = scaled(images, n, normalize);
    long[] shape = reshape(images, n, input, imagesFile);
    long[] labels = new long[n];
    Arrays.fill(labels, label);
    return new Dataset(Tensor.ofFloats(shape, x), labels);
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

  /** The first {@code n} images as floats: integers / 255, then normalized. */
  private static float[] scaled(Tensor images, int n, Normalize normalize) {
    int per = Math.toIntExact(Tensor.numel(images.shape()) / images.dim(0));
    float[] out = new float[Math.multiplyExact(n, per)];
    double mean = normalize == null ? 0 : normalize.mean();
    double std = normalize == null ? 1 : normalize.std();
    if (images.isFloating()) {
      float[] f = images.floats();
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) ((f[i] - mean) / std);
      }
    } else {
      long[] l = images.longs();
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) ((l[i] / 255.0 - mean) / std);
      }
    }
    return out;
  }

  /** [n, ...input dims after the batch] when the per-image element count matches, else an error. */
  private static long[] reshape(Tensor images, int n, TensorType input, Path file) {
    long per = Tensor.numel(images.shape()) / images.dim(0);
    long[] shape = new long[input.rank()];
    long want = 1;
    String dims = input.toString();
    if (input.rank() < 1) {
      throw new InvalidInputException(file + ": the model's input " + dims + " has no batch dimension");
    }
    shape[0] = n;
    for (int i = 1; i < input.rank(); i++) {
      Dim d = input.dim(i);
      if (!(d instanceof Dim.Fixed f)) {
        throw new InvalidInputException(file + ": cannot shape images for the model's input " + dims
            + ": dim " + i + " is not fixed");
      }
      shape[i] = f.size();
      want *= f.size();
    }
    if (want != per) {
      throw new InvalidInputException(file + ": images of shape " + shapeText(images.shape()) + " have "
          + per + " elements each, the model's input " + dims + " takes " + want);
    }
    return shape;
  }

  /** A shape as {@code [2,3]}. */
  public static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }
}
