package ancc.backends.cim;

import ancc.ir.graph.Tensor;

/**
 * Up to {@link #MAX_ROWS} rows of a matrix node's expanded input (im2col rows for a conv, rows
 * of x for a matrix product) sampled from the calibration batch: the data the ADC ranges are
 * calibrated on. All rows when there are at most {@code MAX_ROWS}; otherwise row
 * {@code floor(frac(i x g) x total)} for i = 0 .. MAX_ROWS-1, g = (sqrt 5 - 1) / 2 (a golden-ratio
 * low-discrepancy sequence, deterministic). Evenly spaced rows would alias with the image
 * structure: with 64 images of P output positions every row would be position 0 of an image (its
 * border, mostly background), with 16 images of 28 x 28 positions every row would lie on the left
 * edge, and the ADC full scale calibrated on such rows clips the real data.
 */
final class CalibrationRows {
  static final int MAX_ROWS = 64;
  private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

  private CalibrationRows() {}

  static float[][] of(MatrixNode mn, Tensor x) {
    if (x == null) {
      return new float[0][];
    }
    return mn.conv() ? conv(mn, x) : matrix(mn, x);
  }

  /** The row indices sampled from {@code total} rows: all of them, or MAX_ROWS spread by the golden-ratio sequence. */
  static long[] positions(long total) {
    int n = (int) Math.min(MAX_ROWS, total);
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      if (total <= MAX_ROWS) {
        p[i] = i;
      } else {
        double f = i * GOLDEN;
        p[i] = Math.min(total - 1, (long) ((f - Math.floor(f)) * total));
      }
    }
    return p;
  }

  private static float[][] matrix(MatrixNode mn, Tensor x) {
    return rows(x, mn.inputsPerGroup(), mn.transposeX());
  }

  /**
   * Rows of {@code k} values of x sampled as above: x viewed as [total, k] (its last dim, e.g. the
   * steps and batch of a recurrent layer's input or hidden states), or as [k, total] when
   * {@code transposed}. Empty when x is null.
   */
  static float[][] rows(Tensor x, int k, boolean transposed) {
    if (x == null) {
      return new float[0][];
    }
    float[] d = x.floats();
    int total = d.length / k;
    long[] at = positions(total);
    int n = at.length;
    float[][] rows = new float[n][k];
    for (int i = 0; i < n; i++) {
      int p = (int) at[i];
      for (int j = 0; j < k; j++) {
        rows[i][j] = transposed ? d[j * total + p] : d[p * k + j];
      }
    }
    return rows;
  }

  private static float[][] conv(MatrixNode mn, Tensor x) {
    int sr = mn.spatialRank();
    long[] in = x.shape();
    long[] out = new long[sr];
    long positions = 1;
    for (int i = 0; i < sr; i++) {
      long eff = (mn.kernel().get(i) - 1) * mn.dilations().get(i) + 1;
      out[i] = (in[2 + i] + mn.pads().get(i) + mn.pads().get(sr + i) - eff) / mn.strides().get(i) + 1;
      positions *= Math.max(0, out[i]);
    }
    long total = in[0] * positions;
    long[] at = positions(total);
    int n = at.length;
    int channels = (int) in[1];
    long taps = 1;
    for (long k : mn.kernel()) {
      taps *= k;
    }
    float[] d = x.floats();
    float[][] rows = new float[n][(int) (channels * taps)];
    long[] pos = new long[sr];
    long[] off = new long[sr];
    for (int i = 0; i < n; i++) {
      long p = at[i];
      long b = p / positions;
      long rem = p % positions;
      for (int s = sr - 1; s >= 0; s--) {
        pos[s] = rem % out[s];
        rem /= out[s];
      }
      int col = 0;
      for (int c = 0; c < channels; c++) {
        for (long t = 0; t < taps; t++) {
          long tr = t;
          for (int s = sr - 1; s >= 0; s--) {
            off[s] = tr % mn.kernel().get(s);
            tr /= mn.kernel().get(s);
          }
          long idx = b * channels + c;
          boolean inside = true;
          for (int s = 0; s < sr; s++) {
            long coord = pos[s] * mn.strides().get(s) - mn.pads().get(s) + off[s] * mn.dilations().get(s);
            if (coord < 0 || coord >= in[2 + s]) {
              inside = false;
              break;
            }
            idx = idx * in[2 + s] + coord;
          }
          rows[i][col++] = inside ? d[(int) idx] : 0f;
        }
      }
    }
    return rows;
  }
}
