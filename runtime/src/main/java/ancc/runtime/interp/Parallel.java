package ancc.runtime.interp;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits a large kernel loop over the processors: the fork-join pool the caller runs in (the
 * common pool, or a pool of its own when the caller runs the interpreter inside one) plus the
 * calling thread. Only for loops whose iterations write disjoint outputs and compute each the
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

  /**
   * Runs body(0) .. body(count - 1), each item whole on one thread, the items spread over the
   * threads by work stealing. The caller fixes what an item is (from the shapes, not the thread
   * count), so which thread runs which item changes nothing.
   */
  static void forEach(int count, IntConsumer body) {
    if (count <= 1) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
      return;
    }
    IntStream.range(0, count).parallel().forEach(body);
  }
}
