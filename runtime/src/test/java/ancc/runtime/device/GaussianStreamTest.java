package ancc.runtime.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The read-noise sampler: moments and tail probabilities of N(0, 1) within sampling error (about
 * 4 standard errors, fixed seeds), including the tail beyond the Ziggurat's base edge R = 3.654;
 * the same seed gives the same draws.
 */
class GaussianStreamTest {

  /** P(|Z| > t) for a standard normal Z, from the complementary error function. */
  private static double twoSidedTail(double t) {
    return erfc(t / Math.sqrt(2));
  }

  /** erfc by its continued fraction's rational fit (Numerical Recipes erfcc, relative error < 1.2e-7). */
  private static double erfc(double x) {
    double t = 1 / (1 + 0.5 * x);
    return t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  }

  @Test
  void drawsAreStandardNormal() {
    int n = 4_000_000;
    double[] thresholds = {0.5, 1, 2, 3, 3.6541528853610088, 4};
    long[] over = new long[thresholds.length];
    double s1 = 0;
    double s2 = 0;
    double s4 = 0;
    GaussianStream g = new GaussianStream(12345);
    float[] buf = new float[1000];
    for (int k = 0; k < n / buf.length; k++) {
      Arrays.fill(buf, 0f);
      g.addScaled(buf, 0, buf.length, 1.0);
      for (float f : buf) {
        double x = f;
        s1 += x;
        s2 += x * x;
        s4 += x * x * x * x;
        for (int t = 0; t < thresholds.length; t++) {
          if (Math.abs(x) > thresholds[t]) {
            over[t]++;
          }
        }
      }
    }
    assertEquals(0, s1 / n, 4 / Math.sqrt(n));
    assertEquals(1, s2 / n, 4 * Math.sqrt(2.0 / n));
    assertEquals(3, s4 / n, 4 * Math.sqrt(96.0 / n));
    for (int t = 0; t < thresholds.length; t++) {
      double p = twoSidedTail(thresholds[t]);
      assertEquals(p, over[t] / (double) n, 4 * Math.sqrt(p * (1 - p) / n), "P(|z| > " + thresholds[t] + ")");
    }
  }

  @Test
  void scalesAndAddsInPlace() {
    float[] a = new float[301];
    float[] b = new float[301];
    Arrays.fill(b, 5f);
    new GaussianStream(7).addScaled(a, 0, 301, 1.0);
    new GaussianStream(7).addScaled(b, 0, 301, 2.0);
    for (int i = 0; i < a.length; i++) {
      assertEquals(5 + 2.0 * a[i], b[i], 1e-5);
    }
  }

  @Test
  void sameSeedSameDraws() {
    float[] a = new float[700];
    float[] b = new float[700];
    float[] c = new float[700];
    GaussianStream ga = new GaussianStream(99);
    GaussianStream gb = new GaussianStream(99);
    ga.addScaled(a, 0, 333, 1.0);
    ga.addScaled(a, 333, 367, 1.0);
    gb.addScaled(b, 0, 333, 1.0);
    gb.addScaled(b, 333, 367, 1.0);
    new GaussianStream(100).addScaled(c, 0, 700, 1.0);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
    assertEquals(new GaussianStream(5).next(), new GaussianStream(5).next(), 0.0);
  }
}
