package ancc.runtime.interp;

import java.util.stream.IntStream;

/**
 * Splits a large element-wise kernel loop over the processors (the common fork-join pool plus the
 * calling thread). Only for loops whose iterations write disjoint outputs and compute each the
 * same way in any split, so results do not depend on the thread count.
 */
final class Parallel {
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

  /** A body over the index range from (inclusive) .. to (exclusive). */
  interface Range {
    void accept(int from, int to);
  }

  private Parallel() {}

  /** Runs body over 0 .. n - 1 in consecutive ranges of at least {@code grain} indices, one per processor at most. */
  static void range(int n, int grain, Range body) {
    int parts = Math.min(THREADS, n / Math.max(1, grain));
    if (parts <= 1) {
      body.accept(0, n);
      return;
    }
    IntStream.range(0, parts).parallel()
        .forEach(b -> body.accept((int) ((long) n * b / parts), (int) ((long) n * (b + 1) / parts)));
  }
}
