package ancc.runtime.interp;

import java.util.List;

/**
 * Sliding-window geometry shared by convolution and pooling over N spatial dims. For each kernel
 * offset and each position of an iteration grid it precomputes the flat offset of the position it
 * touches in a target grid (or -1 when that falls outside), so the kernels loop over plain int
 * arrays: conv and pooling iterate output positions and read input positions; the transposed
 * convolution iterates input positions and writes output positions.
 */
final class Windows {
  private Windows() {}

  /** An attribute list, or the default value repeated when the list is empty. */
  static int[] attr(List<Long> values, int rank, int dflt, String what) {
    int[] out = new int[rank];
    if (values.isEmpty()) {
      java.util.Arrays.fill(out, dflt);
      return out;
    }
    if (values.size() != rank) {
      throw Args.bad(what + " has " + values.size() + " values but the op has " + rank + " spatial dims");
    }
    for (int i = 0; i < rank; i++) {
      long v = values.get(i);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw Args.bad(what + " value " + v + " is out of range");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** Pads attribute [begins..., ends...] split into begins (row 0) and ends (row 1). */
  static int[][] pads(List<Long> values, int rank) {
    int[][] p = new int[2][rank];
    if (values.isEmpty()) {
      return p;
    }
    if (values.size() != 2 * rank) {
      throw Args.bad("pads has " + values.size() + " values but the op needs " + 2 * rank);
    }
    for (int i = 0; i < rank; i++) {
      p[0][i] = (int) (long) values.get(i);
      p[1][i] = (int) (long) values.get(rank + i);
      if (p[0][i] < 0 || p[1][i] < 0) {
        throw Args.bad("negative pads " + values);
      }
    }
    return p;
  }

  static int prod(int[] a) {
    long p = 1;
    for (int v : a) {
      p *= v;
    }
    if (p > Integer.MAX_VALUE) {
      throw Args.bad("spatial size " + p + " is too large");
    }
    return (int) p;
  }

  /**
   * maps[kk][p]: for kernel offset kk (flattened in C order over kernel) and iteration position p
   * (flattened over iter), the flat offset in target of position p*stride - padBegin + k*dilation,
   * or -1 when any coordinate falls outside [0, target).
   */
  static int[][] maps(int[] iter, int[] target, int[] kernel, int[] stride, int[] padBegin, int[] dilation) {
    int d = iter.length;
    int kp = prod(kernel);
    int np = prod(iter);
    int[] tStride = new int[d];
    int acc = 1;
    for (int i = d - 1; i >= 0; i--) {
      tStride[i] = acc;
      acc *= target[i];
    }
    int[][] maps = new int[kp][np];
    int[] kIdx = new int[d];
    int[] pIdx = new int[d];
    for (int kk = 0; kk < kp; kk++) {
      int[] row = maps[kk];
      java.util.Arrays.fill(pIdx, 0);
      for (int p = 0; p < np; p++) {
        int off = 0;
        for (int i = 0; i < d; i++) {
          int t = pIdx[i] * stride[i] - padBegin[i] + kIdx[i] * dilation[i];
          if (t < 0 || t >= target[i]) {
            off = -1;
            break;
          }
          off += t * tStride[i];
        }
        row[p] = off;
        increment(pIdx, iter);
      }
      increment(kIdx, kernel);
    }
    return maps;
  }

  /** Advances a C-order multi-index; wraps to all zeros after the last position. */
  static void increment(int[] idx, int[] shape) {
    for (int i = idx.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) {
        return;
      }
      idx[i] = 0;
    }
  }

  /** Number of output positions along one dim: floor or ceil of (in + pads - extent) / stride + 1. */
  static int outSize(int in, int padBegin, int padEnd, int kernel, int stride, int dilation, boolean ceil, String what) {
    if (stride <= 0 || dilation <= 0 || kernel <= 0) {
      throw Args.bad(what + ": kernel, strides and dilations must be positive");
    }
    long extent = (long) (kernel - 1) * dilation + 1;
    long span = (long) in + padBegin + padEnd - extent;
    if (span < 0) {
      throw Args.bad(what + ": window of extent " + extent + " does not fit input size " + in + " with pads "
          + padBegin + "+" + padEnd);
    }
    long out = ceil ? (span + stride - 1) / stride + 1 : span / stride + 1;
    if (ceil && (out - 1) * stride >= (long) in + padBegin) {
      out--; // the last window would start in the end padding
    }
    return (int) out;
  }
}
