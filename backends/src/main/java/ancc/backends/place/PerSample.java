package ancc.backends.place;

import ancc.ir.graph.Dim;
import ancc.ir.graph.TensorType;

/**
 * Sizes of tensors for one inference: symbolic and unknown dims (the batch N) count as 1. The
 * per-sample sizes are what placement weighs traffic with and what buffers are checked against.
 */
public final class PerSample {
  private PerSample() {}

  /** Elements of {@code t} at batch 1. */
  public static long elements(TensorType t) {
    long n = 1;
    for (Dim d : t.dims()) {
      if (d instanceof Dim.Fixed f) {
        n = Math.multiplyExact(n, f.size());
      }
    }
    return n;
  }

  /** Bytes of {@code t} at batch 1 in its element type. */
  public static long bytes(TensorType t) {
    return Math.multiplyExact(elements(t), (long) t.dtype().byteSize());
  }
}
