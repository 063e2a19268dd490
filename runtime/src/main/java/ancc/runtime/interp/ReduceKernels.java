package ancc.runtime.interp;

import ancc.ir.graph.Op.ReduceOp;
import ancc.ir.graph.Tensor;
import java.util.Arrays;

/**
 * Reductions (mean, sum, max, min, l1, l2, prod, sum of squares, log-sum, log-sum-exp) over an
 * axes operand. Floats accumulate in double; an empty
 * reduced set gives 0 for the sums, 1 for prod, -inf for the log-sums, NaN for mean, -inf for max and +inf for min.
 */
final class ReduceKernels {
  private ReduceKernels() {}

  static Tensor reduce(ReduceOp kind, Tensor data, Tensor axesT, boolean keepdims, boolean noopWithEmptyAxes) {
    int r = data.rank();
    long[] axes = axesT == null ? new long[0] : Args.longs(axesT, "reduce axes");
    if (axes.length == 0 && noopWithEmptyAxes) {
      return data;
    }
    boolean[] red = new boolean[r];
    if (axes.length == 0) {
      Arrays.fill(red, true);
    }
    for (long a : axes) {
      red[Args.axis(a, r, "reduce axis")] = true;
    }
    long[] in = data.shape();
    long[] kept = new long[r];
    int outRank = 0;
    long count = 1;
    for (int i = 0; i < r; i++) {
      kept[i] = red[i] ? 1 : in[i];
      if (red[i]) {
        count *= in[i];
      } else {
        outRank++;
      }
    }
    // stride of each input dim in the output (0 along reduced dims)
    int[] outStride = Broadcast.strides(kept, in);
    for (int i = 0; i < r; i++) {
      if (red[i]) {
        outStride[i] = 0;
      }
    }
    int n = Args.numel(kept);
    long[] outShape;
    if (keepdims) {
      outShape = kept;
    } else {
      outShape = new long[outRank];
      int j = 0;
      for (int i = 0; i < r; i++) {
        if (!red[i]) {
          outShape[j++] = in[i];
        }
      }
    }
    if (data.isFloating()) {
      return Tensor.ofFloats(data.dtype(), outShape, reduceFloats(kind, data, in, outStride, n, count));
    }
    return Tensor.ofLongs(data.dtype(), outShape, reduceLongs(kind, data, in, outStride, n, count));
  }

  private static float[] reduceFloats(ReduceOp kind, Tensor data, long[] in, int[] outStride, int n, long count) {
    double[] acc = new double[n];
    double init = kind == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
        : kind == ReduceOp.MIN ? Double.POSITIVE_INFINITY : kind == ReduceOp.PROD ? 1.0 : 0.0;
    Arrays.fill(acc, init);
    float[] x = data.floats();
    Broadcast.rows(in, outStride, outStride, (o, a, sa, b, sb, len) -> {
      switch (kind) {
        case SUM:
        case MEAN:
        case LOG_SUM:
          for (int i = 0; i < len; i++) {
            acc[a + i * sa] += x[o + i];
          }
          break;
        case L1:
          for (int i = 0; i < len; i++) {
            acc[a + i * sa] += Math.abs(x[o + i]);
          }
          break;
        case L2:
        case SUM_SQUARE:
          for (int i = 0; i < len; i++) {
            double v = x[o + i];
            acc[a + i * sa] += v * v;
          }
          break;
        case PROD:
          for (int i = 0; i < len; i++) {
            acc[a + i * sa] *= x[o + i];
          }
          break;
        case LOG_SUM_EXP:
          for (int i = 0; i < len; i++) {
            acc[a + i * sa] += Math.exp(x[o + i]);
          }
          break;
        case MAX:
          for (int i = 0; i < len; i++) {
            double v = x[o + i];
            int at = a + i * sa;
            if (v > acc[at] || v != v) {
              acc[at] = v;
            }
          }
          break;
        case MIN:
          for (int i = 0; i < len; i++) {
            double v = x[o + i];
            int at = a + i * sa;
            if (v < acc[at] || v != v) {
              acc[at] = v;
            }
          }
          break;
        default:
          throw new IllegalStateException("unhandled reduction " + kind);
      }
    });
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) finish(kind, acc[i], count);
    }
    return y;
  }

  private static double finish(ReduceOp kind, double acc, long count) {
    switch (kind) {
      case MEAN: return acc / count;
      case L2: return Math.sqrt(acc);
      case LOG_SUM:
      case LOG_SUM_EXP: return Math.log(acc);
      default: return acc;
    }
  }

  private static long[] reduceLongs(ReduceOp kind, Tensor data, long[] in, int[] outStride, int n, long count) {
    long[] acc = new long[n];
    if (kind == ReduceOp.LOG_SUM || kind == ReduceOp.LOG_SUM_EXP) {
      throw Args.bad("reduce_" + kind.name().toLowerCase(java.util.Locale.ROOT) + " needs a floating input but got "
          + data.dtype().text());
    }
    long init = kind == ReduceOp.MAX ? Long.MIN_VALUE : kind == ReduceOp.MIN ? Long.MAX_VALUE
        : kind == ReduceOp.PROD ? 1L : 0L;
    Arrays.fill(acc, init);
    long[] x = data.longs();
    Broadcast.rows(in, outStride, outStride, (o, a, sa, b, sb, len) -> {
      for (int i = 0; i < len; i++) {
        long v = x[o + i];
        int at = a + i * sa;
        switch (kind) {
          case SUM:
          case MEAN:
            acc[at] += v;
            break;
          case L1:
            acc[at] += Math.abs(v);
            break;
          case L2:
          case SUM_SQUARE:
            acc[at] += v * v;
            break;
          case PROD:
            acc[at] *= v;
            break;
          case MAX:
            acc[at] = Math.max(acc[at], v);
            break;
          case MIN:
            acc[at] = Math.min(acc[at], v);
            break;
          default:
            throw new IllegalStateException("unhandled reduction " + kind);
        }
      }
    });
    if (kind == ReduceOp.MEAN && count > 0) {
      for (int i = 0; i < n; i++) {
        acc[i] /= count;
      }
    }
    if (kind == ReduceOp.L2) {
      for (int i = 0; i < n; i++) {
        acc[i] = (long) Math.sqrt((double) acc[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      acc[i] = Args.wrap(acc[i], data.dtype());
    }
    return acc;
  }
}
