package ancc.compiler.partition;

import ancc.compiler.eval.Dataset;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads calibration data for the partitioner ({@code --calib FILE [--calib-labels FILE]}): inputs as
 * {@link Dataset#load} reads them (.npy or IDX, an .npz for several inputs, integer pixels scaled by 1/255, then the optional
 * normalization, reshaped to the model input), the first {@code samples} kept. Without labels every
 * label is {@link #UNLABELLED}: the partitioner then measures top-1 against the FP32 model's own
 * classes, so drops are disagreement with FP32.
 */
public final class CalibrationFiles {
  /** The label of an image without one. */
  public static final long UNLABELLED = -1;

  private CalibrationFiles() {}

  /** The first {@code samples} samples of {@code images} (with {@code labelsOrNull}) shaped for {@code m}'s inputs. */
  public static Dataset load(Path images, Path labelsOrNull, Dataset.Normalize normalize, int samples,
      Module m) throws IOException {
    if (labelsOrNull != null) {
      Dataset all = Dataset.load(images, labelsOrNull, normalize, 0, m);
      return all.first(samples);
    }
    return Dataset.unlabelled(images, normalize, samples, m, UNLABELLED);
  }

  /** Unlabelled images of input {@code input} already shaped for the model (e.g. a tensor in memory). */
  public static Dataset unlabelled(String input, Tensor images) {
    long[] labels = new long[(int) images.dim(0)];
    Arrays.fill(labels, UNLABELLED);
    return new Dataset(input, images, labels);
  }
}
