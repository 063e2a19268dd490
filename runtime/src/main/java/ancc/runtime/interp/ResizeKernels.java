package ancc.runtime.interp;

import ancc.ir.graph.Op.CoordMode;
import ancc.ir.graph.Op.NearestMode;
import ancc.ir.graph.Tensor;

/**
 * Nearest-neighbour Resize. Output sizes come from the sizes operand, or from floor(in * scale);
 * each output coordinate is mapped back to the input by the coordinate transformation mode and
 * rounded by the nearest mode, then clamped to the input.
 */
final class ResizeKernels {
  private ResizeKernels() {}

  static Tensor resize(Tensor x, Tensor scalesT, Tensor sizesT, CoordMode coord, NearestMode nearest) {
    int r = x.rank();
    long[] in = x.shape();
    double[] scale = new double[r];
    long[] out = outputShape(x, scalesT, sizesT, scale);
    int[][] axisMap = new int[r][];
    int[] outDims = new int[r];
    for (int a = 0; a < r; a++) {
      outDims[a] = Args.toInt(out[a], "resize output size");
      axisMap[a] = new int[outDims[a]];
      for (int o = 0; o < outDims[a]; o++) {
        double src = source(o, scale[a], in[a], out[a], coord);
        long i = round(src, nearest);
        axisMap[a][o] = (int) Math.max(0, Math.min(in[a] - 1, i));
      }
    }
    int[] inStride = Args.strides(in);
    int[] map = new int[Args.numel(out)];
    int[] idx = new int[r];
    for (int i = 0; i < map.length; i++) {
      int off = 0;
      for (int a = 0; a < r; a++) {
        off += axisMap[a][idx[a]] * inStride[a];
      }
      map[i] = off;
      Windows.increment(idx, outDims);
    }
    return DataKernels.take(x, map, out, null);
  }

  /**
   * The output shape from the sizes operand, or floor(in * scale) from the scales operand; fills
   * {@code scale} with the per-axis scale the coordinate transformation uses (the given scale, or
   * size / in).
   */
  static long[] outputShape(Tensor x, Tensor scalesT, Tensor sizesT, double[] scale) {
    int r = x.rank();
    long[] in = x.shape();
    long[] out = new long[r];
    boolean haveScales = scalesT != null && scalesT.size() > 0;
    boolean haveSizes = sizesT != null && sizesT.size() > 0;
    if (haveScales == haveSizes) {
      throw Args.bad("resize needs exactly one of scales and sizes");
    }
    if (haveSizes) {
      long[] sizes = Args.longs(sizesT, "resize sizes");
      if (sizes.length != r) {
        throw Args.bad("resize sizes has " + sizes.length + " values for a rank-" + r + " input");
      }
      for (int i = 0; i < r; i++) {
        if (sizes[i] < 0) {
          throw Args.bad("resize size " + sizes[i] + " is negative");
        }
        out[i] = sizes[i];
        scale[i] = in[i] == 0 ? 1.0 : (double) sizes[i] / in[i];
      }
    } else {
      if (scalesT.size() != r || scalesT.rank() != 1) {
        throw Args.bad("resize scales has shape " + Args.shape(scalesT.shape()) + " for a rank-" + r + " input");
      }
      for (int i = 0; i < r; i++) {
        scale[i] = scalesT.getDouble(i);
        if (!(scale[i] > 0)) {
          throw Args.bad("resize scale " + scale[i] + " must be positive");
        }
        out[i] = (long) Math.floor(in[i] * scale[i]);
      }
    }
    return out;
  }

  /** The input coordinate of output coordinate o. */
  static double source(int o, double scale, long in, long out, CoordMode mode) {
    switch (mode) {
      case HALF_PIXEL:
        return (o + 0.5) / scale - 0.5;
      case PYTORCH_HALF_PIXEL:
        return out > 1 ? (o + 0.5) / scale - 0.5 : 0.0;
      case ALIGN_CORNERS:
        return out == 1 ? 0.0 : o * (double) (in - 1) / (out - 1);
      case ASYMMETRIC:
        return o / scale;
      case TF_HALF_PIXEL_FOR_NN:
        return (o + 0.5) / scale;
      default:
        throw new IllegalStateException("unhandled coordinate mode " + mode);
    }
  }

  static long round(double v, NearestMode mode) {
    switch (mode) {
      case FLOOR:
        return (long) Math.floor(v);
      case CEIL:
        return (long) Math.ceil(v);
      case ROUND_PREFER_FLOOR: {
        double f = Math.floor(v);
        return v - f == 0.5 ? (long) f : Math.round(v);
      }
      case ROUND_PREFER_CEIL: {
        double f = Math.floor(v);
        return v - f == 0.5 ? (long) f + 1 : Math.round(v);
      }
      default:
        throw new IllegalStateException("unhandled nearest mode " + mode);
    }
  }
}
