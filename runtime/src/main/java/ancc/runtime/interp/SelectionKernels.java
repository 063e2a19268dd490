package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Kernels whose output size depends on the data: non_zero, compress; and max_unpool. */
final class SelectionKernels {
  private SelectionKernels() {}

  static Tensor nonZero(Tensor x) {
    long[] shape = x.shape();
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      if (x.getDouble(i) != 0) {
        hits.add(i);
      }
    }
    int r = shape.length;
    long[] y = new long[r * hits.size()];
    int[] idx = new int[r];
    for (int k = 0; k < hits.size(); k++) {
      IndexKernels.coords(hits.get(k), shape, idx);
      for (int d = 0; d < r; d++) {
        y[d * hits.size() + k] = idx[d];
      }
    }
    return Tensor.ofLongs(DType.I64, new long[] {r, hits.size()}, y);
  }

  /** Slices along axis (or elements of the flattened input) with a true condition; missing conditions are false. */
  static Tensor compress(Tensor x, Tensor cond, boolean hasAxis, long axisAttr) {
    long[] shape = hasAxis ? x.shape() : new long[] {x.size()};
    int axis = hasAxis ? Args.axis(axisAttr, shape.length, "compress axis") : 0;
    if (cond.size() > shape[axis]) {
      throw Args.bad("compress condition has " + cond.size() + " values for axis size " + shape[axis]);
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < cond.size(); i++) {
      if (cond.getLong(i) != 0) {
        keep.add(i);
      }
    }
    int inner = (int) Args.prod(shape, axis + 1, shape.length);
    int outer = (int) Args.prod(shape, 0, axis);
    long[] out = shape.clone();
    out[axis] = keep.size();
    int[] src = new int[outer * keep.size() * inner];
    int at = 0;
    for (int o = 0; o < outer; o++) {
      for (int k : keep) {
        for (int i = 0; i < inner; i++) {
          src[at++] = (int) ((o * shape[axis] + k) * inner + i);
        }
      }
    }
    return IndexKernels.take(x, out, src);
  }

  /**
   * Zeros of the output shape with x's values at the positions in indices, which are flat
   * positions in the default output shape ((in - 1) * stride + kernel - pads); with output_shape
   * each keeps its coordinates in the larger output.
   */
  static Tensor maxUnpool(Tensor x, Tensor indices, Tensor outputShape, List<Long> kernel, List<Long> strides,
      List<Long> pads) {
    long[] in = x.shape();
    int d = in.length - 2;
    long[] def = in.clone();
    for (int i = 0; i < d; i++) {
      long s = strides.isEmpty() ? 1 : strides.get(i);
      long p = pads.isEmpty() ? 0 : pads.get(i) + pads.get(i + d);
      def[i + 2] = (in[i + 2] - 1) * s + kernel.get(i) - p;
    }
    long[] out = outputShape == null ? def : Args.longs(outputShape, "max_unpool output_shape");
    if (out.length != in.length) {
      throw Args.bad("max_unpool output_shape " + Args.shape(out) + " does not have X's rank " + in.length);
    }
    int defN = Args.numel(def);
    int[] outStride = Args.strides(out);
    int[] idx = new int[in.length];
    if (indices.size() != x.size()) {
      throw Args.bad("max_unpool indices " + Args.shape(indices.shape()) + " do not match X " + Args.shape(in));
    }
    int n = Args.numel(out);
    int[] src = new int[n];
    java.util.Arrays.fill(src, -1);
    for (int i = 0; i < x.size(); i++) {
      long k = indices.getLong(i);
      if (k < 0 || k >= defN) {
        throw Args.bad("max_unpool index " + k + " is out of range for " + Args.shape(def));
      }
      IndexKernels.coords((int) k, def, idx);
      int at = 0;
      for (int a = 0; a < idx.length; a++) {
        if (idx[a] >= out[a]) {
          throw Args.bad("max_unpool index " + k + " falls outside output_shape " + Args.shape(out));
        }
        at += idx[a] * outStride[a];
      }
      src[at] = i;
    }
    return IndexKernels.take(x, out, src);
  }

  /**
   * Per batch and class: candidates with score above score_threshold, highest score first (ties
   * by lower box index), each kept unless its IoU with a box already kept exceeds iou_threshold,
   * at most max_output_boxes_per_class of them.
   */
  static Tensor nonMaxSuppression(Tensor boxes, Tensor scores, Tensor maxT, Tensor iouT, Tensor scoreT,
      boolean centerPointBox) {
    if (boxes.rank() != 3 || boxes.dim(2) != 4 || scores.rank() != 3 || scores.dim(0) != boxes.dim(0)
        || scores.dim(2) != boxes.dim(1)) {
      throw Args.bad("non_max_suppression boxes " + Args.shape(boxes.shape()) + " and scores "
          + Args.shape(scores.shape()) + " must be [B,N,4] and [B,C,N]");
    }
    long max = maxT == null || maxT.size() == 0 ? 0 : maxT.getLong(0);
    double iou = iouT == null || iouT.size() == 0 ? 0 : iouT.getDouble(0);
    boolean hasScore = scoreT != null && scoreT.size() > 0;
    double minScore = hasScore ? scoreT.getDouble(0) : 0;
    int nb = (int) boxes.dim(0);
    int nc = (int) scores.dim(1);
    int n = (int) boxes.dim(1);
    List<long[]> selected = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      for (int c = 0; c < nc; c++) {
        int base = (b * nc + c) * n;
        List<Integer> cand = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (!hasScore || scores.getDouble(base + i) > minScore) {
            cand.add(i);
          }
        }
        cand.sort((p, q) -> {
          int s = Double.compare(scores.getDouble(base + q), scores.getDouble(base + p));
          return s != 0 ? s : Integer.compare(p, q);
        });
        List<double[]> kept = new ArrayList<>();
        for (int i : cand) {
          if (kept.size() >= max) {
            break;
          }
          double[] box = corners(boxes, (b * n + i) * 4, centerPointBox);
          boolean suppressed = false;
          for (double[] k : kept) {
            suppressed |= overlap(box, k) > iou;
          }
          if (!suppressed) {
            kept.add(box);
            selected.add(new long[] {b, c, i});
          }
        }
      }
    }
    long[] y = new long[selected.size() * 3];
    for (int i = 0; i < selected.size(); i++) {
      System.arraycopy(selected.get(i), 0, y, i * 3, 3);
    }
    return Tensor.ofLongs(DType.I64, new long[] {selected.size(), 3}, y);
  }

  /** [xmin, ymin, xmax, ymax] of a box. */
  private static double[] corners(Tensor t, int at, boolean center) {
    double a = t.getDouble(at);
    double b = t.getDouble(at + 1);
    double c = t.getDouble(at + 2);
    double d = t.getDouble(at + 3);
    if (center) {
      return new double[] {a - c / 2, b - d / 2, a + c / 2, b + d / 2};
    }
    return new double[] {Math.min(b, d), Math.min(a, c), Math.max(b, d), Math.max(a, c)};
  }

  /** Intersection over union; 0 when either box is empty. */
  private static double overlap(double[] p, double[] q) {
    double areaP = (p[2] - p[0]) * (p[3] - p[1]);
    double areaQ = (q[2] - q[0]) * (q[3] - q[1]);
    if (areaP <= 0 || areaQ <= 0) {
      return 0;
    }
    double w = Math.max(0, Math.min(p[2], q[2]) - Math.max(p[0], q[0]));
    double h = Math.max(0, Math.min(p[3], q[3]) - Math.max(p[1], q[1]));
    double inter = w * h;
    return inter / (areaP + areaQ - inter);
  }
}
