package ancc.compiler.eval;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Top-1 classification of a {@link Dataset} by a model given as a function from inputs to outputs
 * (the FP32 reference interpreter or a simulated chip), one batch at a time, and the accuracy and
 * agreement figures built from the predicted classes.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Called after each batch with the images done so far in this pass. */
  @FunctionalInterface
  public interface BatchListener {
    void done(int images);
  }

  /**
   * The top-1 class of every image of {@code data}, running {@code model} on batches of at most
   * {@code chunk} images (every graph input fed); {@code outputName} must be a
   * {@code [batch, classes]} score tensor.
   */
  public static int[] classes(Dataset data, int chunk, String outputName,
      Function<Map<String, Tensor>, Map<String, Tensor>> model, BatchListener listener) {
    int[] out = new int[data.size()];
    run(data, chunk, outputName, model, listener, (logits, start) -> argmax(logits, out, start));
    return out;
  }

  /**
   * The class scores of every image of {@code data} as in {@link #classes}: row {@code i} of the
   * result is image {@code i}'s {@code [classes]} scores.
   */
  public static float[][] logits(Dataset data, int chunk, String outputName,
      Function<Map<String, Tensor>, Map<String, Tensor>> model, BatchListener listener) {
    float[][] out = new float[data.size()][];
    run(data, chunk, outputName, model, listener, (logits, start) -> {
      int rows = (int) logits.dim(0);
      int classes = rows == 0 ? 0 : logits.size() / rows;
      float[] f = logits.floats();
      for (int r = 0; r < rows; r++) {
        out[start + r] = Arrays.copyOfRange(f, r * classes, (r + 1) * classes);
      }
    });
    return out;
  }

  /** The arg-max class of each row. */
  public static int[] argmax(float[][] logits) {
    int[] out = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      int best = 0;
      for (int c = 1; c < logits[i].length; c++) {
        if (logits[i][c] > logits[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** What to do with each batch's scores (a [batch, classes] tensor) starting at image {@code start}. */
  private interface BatchSink {
    void accept(Tensor logits, int start);
  }

  private static void run(Dataset data, int chunk, String outputName,
      Function<Map<String, Tensor>, Map<String, Tensor>> model, BatchListener listener, BatchSink sink) {
    int n = data.size();
    for (int start = 0; start < n; start += chunk) {
      int size = Math.min(chunk, n - start);
      Tensor logits = model.apply(data.batch(start, size)).get(outputName);
      if (logits == null || logits.rank() < 1 || logits.dim(0) != size || !logits.isFloating()) {
        throw new InvalidInputException("output '" + outputName + "' is not a [batch, classes] score tensor"
            + (logits == null ? "" : " (got " + logits.type() + ")"));
      }
      sink.accept(logits, start);
      listener.done(size);
    }
  }

  /** Writes the arg-max class of each row of {@code logits} to {@code out} from {@code offset}. */
  public static void argmax(Tensor logits, int[] out, int offset) {
    argmax(logits, (int) logits.dim(0), out, offset);
  }

  /** The arg-max of each of the {@code rows} equal rows of {@code logits} into {@code out} from {@code offset}. */
  public static void argmax(Tensor logits, int rows, int[] out, int offset) {
    int classes = rows == 0 ? 0 : logits.size() / rows;
    float[] f = logits.floats();
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (f[r * classes + c] > f[r * classes + best]) {
          best = c;
        }
      }
      out[offset + r] = best;
    }
  }

  /** The fraction of {@code predicted} equal to {@code labels}. */
  public static double top1(int[] predicted, long[] labels) {
    int hits = 0;
    for (int i = 0; i < predicted.length; i++) {
      hits += predicted[i] == labels[i] ? 1 : 0;
    }
    return predicted.length == 0 ? 0 : (double) hits / predicted.length;
  }

  /** The fraction of positions where {@code a} and {@code b} agree. */
  public static double agreement(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    return a.length == 0 ? 0 : (double) same / a.length;
  }
}
