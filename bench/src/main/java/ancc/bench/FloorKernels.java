package ancc.bench;

import ancc.runtime.device.GaussianStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Single-thread costs of the two per-conversion operations of ANALOG bit-serial simulation, each in
 * its best form, a long loop over arrays indexed from 0 that stay in cache:
 *
 * <ul>
 *   <li>one exact N(0, 1) draw: {@link GaussianStream#fill} of {@code n} floats, repeated;
 *   <li>one noisy ADC conversion with its shift-add: the loop of the simulator's
 *       {@code ancc.runtime.sim.Adc.convertNoisy} (no converter offsets), written out here because that
 *       class is internal to the runtime: {@code code = clamp(round((v + sd z) / s), -q, q); acc +=
 *       (w s) code}, 8-bit (q = 127), rounding by adding and subtracting 1.5 x 2^23.
 * </ul>
 *
 * Both are timed in CPU time of the calling thread (so that other processes on the machine slow
 * them less than wall time would), as the median of timed rounds of about 2^22 elements after
 * warm-up rounds; results are in nanoseconds per element.
 */
final class FloorKernels {
  private static final float ROUNDER = 0x1.8p23f;
  private static final int ELEMENTS_PER_RUN = 1 << 22;
  /** Keeps the JIT from discarding the timed loops' results. */
  private static volatile double sink;

  private FloorKernels() {}

  /** Nanoseconds per exact Gaussian draw, {@code fill} over {@code n} floats at a time. */
  static double drawNs(int n, int warmup, int reps) throws Exception {
    GaussianStream stream = new GaussianStream(0x5EED_F100_0000_0001L);
    float[] z = new float[n];
    int rounds = Math.max(1, ELEMENTS_PER_RUN / n);
    double seconds = cpuMedian(warmup, reps, () -> {
      double s = 0;
      for (int k = 0; k < rounds; k++) {
        stream.fill(z, 0, n);
        s += z[k % n];
      }
      sink += s;
    });
    return seconds * 1e9 / ((double) rounds * n);
  }

  /** Nanoseconds per noisy 8-bit conversion and shift-add, over {@code n} columns at a time. */
  static double adcNs(int n, int warmup, int reps) throws Exception {
    SplittableRandom rng = new SplittableRandom(7);
    float fullScale = 64f;
    float q = 127f;
    float step = fullScale / q;
    float[] values = new float[n];
    float[] z = new float[n];
    float[] acc = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) ((rng.nextDouble() * 2 - 1) * 1.1 * fullScale);
    }
    new GaussianStream(3).fill(z, 0, n);
    float sd = 0.8f;
    int rounds = Math.max(1, ELEMENTS_PER_RUN / n);
    double seconds = cpuMedian(warmup, reps, () -> {
      for (int k = 0; k < rounds; k++) {
        convertNoisy(values, z, sd, n, (float) (1 << (k & 7)), acc, step, q);
      }
      sink += acc[rounds % n];
    });
    return seconds * 1e9 / ((double) rounds * n);
  }

  /** Like {@link Timing#median}, in seconds of the calling thread's CPU time. */
  static double cpuMedian(int warmup, int reps, Timing.Work work) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      return Timing.median(warmup, reps, work);
    }
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = threads.getCurrentThreadCpuTime();
      work.run();
      t[i] = (threads.getCurrentThreadCpuTime() - t0) * 1e-9;
    }
    Arrays.sort(t);
    return reps % 2 == 1 ? t[reps / 2] : 0.5 * (t[reps / 2 - 1] + t[reps / 2]);
  }

  /** The simulator's noisy ADC pass (no offsets): acc[i] += weight x ADC(values[i] + sd z[i]). */
  static void convertNoisy(float[] values, float[] z, float sd, int count, float weight, float[] acc, float step,
      float q) {
    float lo = -q;
    float hi = q;
    float ws = weight * step;
    for (int i = 0; i < count; i++) {
      float code = ((values[i] + sd * z[i]) / step + ROUNDER) - ROUNDER;
      acc[i] += ws * Math.max(lo, Math.min(hi, code));
    }
  }
}
