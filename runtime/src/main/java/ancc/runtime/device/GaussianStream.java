package ancc.runtime.device;

/**
 * A stream of exact standard normal draws for read noise: the Ziggurat method (Marsaglia and
 * Tsang, 2000: 256 layers of equal area V = 4.92867323399e-3, base layer edge R =
 * 3.6541528853610088, Marsaglia's exponential method for the tail beyond R) over a SplitMix64
 * generator (Steele, Lea and Flood, 2014). Each draw takes 32 bits (half a 64-bit word, low half
 * first): the low 8 pick the layer, the top 24, as a signed integer times 2^-23, give a uniform
 * abscissa in [-1, 1) (disjoint bits, so independent; the 2^-23 grid is finer than the float
 * the noise is added to). About 99% of draws are accepted at once by one integer comparison and
 * one multiply; the rest take the exact wedge test (one exponential against a 53-bit uniform) or
 * the tail beyond R, with words taken from the same generator. The same seed gives the same
 * draws; not thread-safe (one stream per block of work).
 */
public final class GaussianStream {
  private static final int LAYERS = 256;
  private static final int LAYER_BITS = 8;
  private static final double GRID = 0x1.0p-23;
  private static final double R = 3.6541528853610088;
  private static final double V = 4.92867323399e-3;
  /** Layer right edges: X[0] = V / f(R) (the base strip's equivalent width), X[1] = R, X[256] = 0. */
  private static final double[] X = new double[LAYERS + 1];
  /** F[i] = f(X[i]) = exp(-X[i]^2 / 2), the density at the layer edges (F[0] = F[1], F[256] = 1). */
  private static final double[] F = new double[LAYERS + 1];
  /** X[i] x 2^-23: the draw of an accepted abscissa integer a is a x SCALED[i]. */
  private static final double[] SCALED = new double[LAYERS];
  /**
   * Largest |a| (a the 24-bit signed abscissa integer) that layer i accepts at once: |a| x 2^-23
   * < X[i + 1] / X[i] exactly when |a| <= INNER[i].
   */
  private static final int[] INNER = new int[LAYERS];

  static {
    double f = Math.exp(-0.5 * R * R);
    X[0] = V / f;
    X[1] = R;
    F[0] = f;
    F[1] = f;
    for (int i = 2; i < LAYERS; i++) {
      X[i] = Math.sqrt(-2 * Math.log(V / X[i - 1] + f));
      f = Math.exp(-0.5 * X[i] * X[i]);
      F[i] = f;
    }
    X[LAYERS] = 0;
    F[LAYERS] = 1;
    for (int i = 0; i < LAYERS; i++) {
      SCALED[i] = X[i] * GRID;
      double ratio = X[i + 1] / X[i];
      // the largest integer a with a * 2^-23 < ratio (a * 2^-23 is exact in double)
      int a = (int) Math.ceil(ratio / GRID) - 1;
      while ((a + 1) * GRID < ratio) {
        a++;
      }
      while (a >= 0 && a * GRID >= ratio) {
        a--;
      }
      INNER[i] = a;
    }
  }

  /** Draws per run of {@link #addScaled}. */
  private static final int RUN = 256;
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  /** STEPS[i] = (i + 1) x GAMMA: word i of a run is mix(state + STEPS[i]). */
  private static final long[] STEPS = new long[RUN / 2];

  static {
    for (int i = 0; i < STEPS.length; i++) {
      STEPS[i] = (i + 1) * GAMMA;
    }
  }

  private long state;
  private final long[] words = new long[RUN / 2];

  public GaussianStream(long seed) {
    this.state = seed;
  }

  /** SplitMix64. */
  private long nextLong() {
    long z = state += GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The next N(0, 1) draw, from the low half of the next word (the high half is unused). */
  public double next() {
    int bits = (int) nextLong();
    int i = bits & (LAYERS - 1);
    int a = bits >> LAYER_BITS;
    return Math.abs(a) <= INNER[i] ? a * SCALED[i] : slow(bits);
  }

  /**
   * values[from + i] += (float) (sd x z_i) for i < n, z_i the next n draws. Draws come in runs of
   * up to {@value #RUN}: a run of m draws takes the next ceil(m / 2) words of the generator, draw 2i
   * from the low half of word i and draw 2i + 1 from its high half (an odd run leaves the last
   * high half unused); a draw whose fast test fails continues with the words after the run's.
   * The run's words are generated first, in a loop the JIT vectorizes.
   */
  public void addScaled(float[] values, int from, int n, double sd) {
    long[] w = words;
    for (int start = from, end = from + n; start < end; start += RUN) {
      int draws = Math.min(RUN, end - start);
      nextWords((draws + 1) >> 1);
      int pairs = draws >> 1;
      for (int i = 0; i < pairs; i++) {
        long x = w[i];
        double zl = draw((int) x);
        double zh = draw((int) (x >>> 32));
        values[start + 2 * i] += (float) (sd * zl);
        values[start + 2 * i + 1] += (float) (sd * zh);
      }
      if ((draws & 1) != 0) {
        values[start + draws - 1] += (float) (sd * draw((int) w[pairs]));
      }
    }
  }

  /**
   * z[from + i] = (float) z_i for i < n, z_i the next n draws, taken exactly as {@link
   * #addScaled} takes them.
   */
  public void fill(float[] z, int from, int n) {
    long[] w = words;
    for (int start = from, end = from + n; start < end; start += RUN) {
      int draws = Math.min(RUN, end - start);
      nextWords((draws + 1) >> 1);
      int pairs = draws >> 1;
      for (int i = 0; i < pairs; i++) {
        long x = w[i];
        z[start + 2 * i] = (float) draw((int) x);
        z[start + 2 * i + 1] = (float) draw((int) (x >>> 32));
      }
      if ((draws & 1) != 0) {
        z[start + draws - 1] = (float) draw((int) w[pairs]);
      }
    }
  }

  /** The next {@code count} generator words into {@code words[0 .. count)}, in a loop the JIT vectorizes. */
  private void nextWords(int count) {
    long[] w = words;
    long s = state;
    for (int i = 0; i < count; i++) {
      long z = s + STEPS[i];
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      w[i] = z ^ (z >>> 31);
    }
    state = s + count * GAMMA;
  }

  /** One draw from 32 random bits: the Ziggurat's fast path, else {@link #slow}. */
  private double draw(int bits) {
    int i = bits & (LAYERS - 1);
    int a = bits >> LAYER_BITS;
    return Math.abs(a) <= INNER[i] ? a * SCALED[i] : slow(bits);
  }

  /** The rest of a draw whose fast test failed on {@code bits}: wedge or tail, then fresh words. */
  private double slow(int bits) {
    double z = tryRest(bits);
    return z == z ? z : slowLoop();
  }

  private double slowLoop() {
    while (true) {
      long w = nextLong();
      for (int h = 0; h < 2; h++) {
        int bits = h == 0 ? (int) w : (int) (w >>> 32);
        int i = bits & (LAYERS - 1);
        int a = bits >> LAYER_BITS;
        if (Math.abs(a) <= INNER[i]) {
          return a * SCALED[i];
        }
        double z = tryRest(bits);
        if (z == z) {
          return z;
        }
      }
    }
  }

  /**
   * After a failed fast test: the wedge test of layer i (NaN when rejected), or for the base
   * layer a draw from the tail beyond R.
   */
  private double tryRest(int bits) {
    int i = bits & (LAYERS - 1);
    double u = (bits >> LAYER_BITS) * GRID;
    if (i == 0) {
      return tail(u < 0);
    }
    // the point (|x|, y) with y uniform between the layer's heights F[i] and F[i + 1] is under f
    double x = u * X[i];
    return F[i] + positiveUniform() * (F[i + 1] - F[i]) < Math.exp(-0.5 * x * x) ? x : Double.NaN;
  }

  /** Uniform in (0, 1]. */
  private double positiveUniform() {
    return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
  }

  private double tail(boolean negative) {
    double x;
    double y;
    do {
      x = Math.log(positiveUniform()) / R;
      y = Math.log(positiveUniform());
    } while (-2 * y < x * x);
    return negative ? x - R : R - x;
  }
}
