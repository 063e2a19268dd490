package ancc.runtime.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs the blocks of a batched kernel on a shared fixed pool of daemon threads (one per
 * processor). Each block writes only its own output rows and draws randomness only from a
 * generator derived from its index, so results are the same at any thread count. A failure is
 * reported from the lowest failing block, so errors are deterministic too.
 */
final class Blocks {
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "ancc-sim");
    t.setDaemon(true);
    return t;
  });

  /** When set, blocks run one after another on the calling thread (tests compare both ways). */
  private static volatile boolean sequential;

  private Blocks() {}

  /** Runs every block on the calling thread (true) or on the pool (false, the default). */
  static void sequential(boolean on) {
    sequential = on;
  }

  /** Runs body(0) .. body(count - 1), in parallel when there are several blocks and processors. */
  static void run(int count, IntConsumer body) {
    if (count <= 1 || THREADS == 1 || sequential) {
      for (int b = 0; b < count; b++) {
        body.accept(b);
      }
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int block = b;
      tasks.add(() -> {
        body.accept(block);
        return null;
      });
    }
    List<Future<Void>> done;
    try {
      done = POOL.invokeAll(tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    }
    for (Future<Void> f : done) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("simulation interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        if (c instanceof Error) {
          throw (Error) c;
        }
        throw new IllegalStateException(c);
      }
    }
  }

  /** A body over the index range from (inclusive) .. to (exclusive). */
  interface Range {
    void accept(int from, int to);
  }

  /**
   * Runs body over 0 .. n - 1 split into consecutive ranges of at least {@code grain} indices, one
   * per processor at most (a range's work must not depend on how the indices are split: element-
   * wise loops whose iterations write disjoint outputs).
   */
  static void range(int n, int grain, Range body) {
    int parts = Math.min(THREADS, n / Math.max(1, grain));
    if (parts <= 1 || sequential) {
      body.accept(0, n);
      return;
    }
    run(parts, b -> body.accept((int) ((long) n * b / parts), (int) ((long) n * (b + 1) / parts)));
  }

  /** Number of blocks of {@code size} covering {@code n}. */
  static int count(int n, int size) {
    return (n + size - 1) / size;
  }
}
