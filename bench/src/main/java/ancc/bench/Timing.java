package ancc.bench;

import java.util.Arrays;

/** Wall-clock timing: warm-up runs, then the median of timed repetitions, in seconds. */
final class Timing {
  /** A unit of benchmarked work. */
  interface Work {
    void run() throws Exception;
  }

  /** Wall time and CPU time of the whole process (every thread), in seconds. */
  record Sample(double wall, double cpu) {}

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private Timing() {}

  /** One timed run of {@code work}. */
  static Sample sample(Work work) throws Exception {
    long c0 = OS.getProcessCpuTime();
    long t0 = System.nanoTime();
    work.run();
    long t1 = System.nanoTime();
    long c1 = OS.getProcessCpuTime();
    return new Sample((t1 - t0) * 1e-9, (c1 - c0) * 1e-9);
  }

  /** The median of the values (sorts a copy). */
  static double median(double[] values) {
    double[] t = values.clone();
    Arrays.sort(t);
    int n = t.length;
    return n % 2 == 1 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
  }

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
    return median(t);
  }
}
