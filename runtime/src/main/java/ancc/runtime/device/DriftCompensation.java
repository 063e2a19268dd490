package ancc.runtime.device;

import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;

/**
 * Global drift compensation as aihwkit's GlobalDriftCompensation does it: the array is read with
 * an all-ones input once right after programming (at t0) and again at read time t; the digital
 * side rescales every output of the array by the ratio of the two responses. The response is the
 * mean absolute column sum over the array's used block (the layout's input rows and used columns),
 * in level units. Reads here are noiseless (no read noise, no IR drop): a calibration read is
 * averaged in practice.
 */
public final class DriftCompensation {

  private DriftCompensation() {}

  /** Mean over the used columns of |sum over the used rows of cells[r][c]|; 0 for an empty block. */
  public static double response(float[] cells, ArrayImage image) {
    ArrayLayout layout = image.layout();
    int rows = layout.inCount();
    int used = layout.columnsUsed();
    int stride = image.cols();
    if (cells.length != image.rows() * stride) {
      throw new IllegalArgumentException("array #" + image.id() + ": " + cells.length + " cell values for a "
          + image.rows() + "x" + stride + " array");
    }
    double[] sums = new double[used];
    for (int r = 0; r < rows; r++) {
      int base = r * stride;
      for (int c = 0; c < used; c++) {
        sums[c] += cells[base + c];
      }
    }
    double total = 0;
    for (double s : sums) {
      total += Math.abs(s);
    }
    return used == 0 ? 0 : total / used;
  }

  /** The response of the ideal targets (the image's levels), used when no t0 read was recorded. */
  public static double targetResponse(ArrayImage image) {
    long[] levels = image.cells().longs();
    float[] f = new float[levels.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = levels[i];
    }
    return response(f, image);
  }

  /** reference / current, or 1 when the current response is 0 (nothing to rescale). */
  public static double scale(double reference, double current) {
    return current == 0 || reference == 0 ? 1 : reference / current;
  }
}
