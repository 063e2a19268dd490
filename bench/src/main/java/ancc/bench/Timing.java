package ancc.bench;

import java.util.Arrays;

/** Wall-clock timing: warm-up runs, then the median of timed repetitions, in seconds. */
final class Timing {
  /** A unit of benchmarked work. */
  interface Work {
    void run() throws Exception;
  }

  private Timing() {}

  static double median(int warmup, int reps, Work work) throws Exception {
    if (reps < 1 || warmup < 0) {
      throw new IllegalArgumentException("need reps >= 1 and warmup >= 0, got " + reps + " and " + warmup);
    }
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      work.run();
      t[i] = (System.nanoTime() - t0) * 1e-9;
    }
    Arrays.sort(t);
    return reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
  }
}
