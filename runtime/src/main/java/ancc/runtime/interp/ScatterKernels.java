package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op.ScatterReduction;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/** top_k, one_hot, eye_like, gather_nd, scatter_elements and scatter_nd. */
final class ScatterKernels {
  private ScatterKernels() {}

  /** The k largest (or smallest) along axis, sorted, ties broken by lower index; values and i64 indices. */
  static List<Tensor> topK(Tensor x, Tensor kT, long axisAttr, boolean largest) {
    long[] in = x.shape();
    int axis = Args.axis(axisAttr, in.length, "top_k axis");
    long k = Args.longs(kT, "top_k K")[0];
    int n = (int) in[axis];
    if (k < 0 || k > n) {
      throw Args.bad("top_k K " + k + " is out of range for axis size " + n);
    }
    int inner = (int) Args.prod(in, axis + 1, in.length);
    int outer = (int) Args.prod(in, 0, axis);
    long[] out = in.clone();
    out[axis] = k;
    int kk = (int) k;
    int[] src = new int[outer * kk * inner];
    long[] idx = new long[src.length];
    Integer[] order = new Integer[n];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        for (int j = 0; j < n; j++) {
          order[j] = j;
        }
        java.util.Arrays.sort(order, (p, q) -> {
          int c = Double.compare(x.getDouble(base + p * inner), x.getDouble(base + q * inner));
          return c != 0 ? (largest ? -c : c) : Integer.compare(p, q);
        });
        for (int j = 0; j < kk; j++) {
          int at = (o * kk + j) * inner + i;
          src[at] = base + order[j] * inner;
          idx[at] = order[j];
        }
      }
    }
    List<Tensor> r = new ArrayList<>();
    r.add(IndexKernels.take(x, out, src));
    r.add(Tensor.ofLongs(DType.I64, out, idx));
    return r;
  }

  static Tensor oneHot(Tensor indices, Tensor depthT, Tensor values, long axisAttr) {
    if (values.size() != 2 || depthT.size() != 1) {
      throw Args.bad("one_hot needs a scalar depth and two values [off, on]");
    }
    long depth = (long) Math.floor(depthT.getDouble(0));
    if (depth < 1) {
      throw Args.bad("one_hot depth " + depth + " must be positive");
    }
    long[] in = indices.shape();
    int axis = Args.axis(axisAttr, in.length + 1, "one_hot axis");
    long[] out = new long[in.length + 1];
    for (int d = 0, j = 0; d < out.length; d++) {
      out[d] = d == axis ? depth : in[j++];
    }
    int inner = (int) Args.prod(in, axis, in.length);
    int[] src = new int[Args.numel(out)];
    for (int i = 0; i < src.length; i++) {
      int q = i % inner;
      int c = (int) ((i / inner) % depth);
      int p = (int) (i / (inner * depth));
      long v = (long) indices.getDouble(p * inner + q);
      long cls = v < 0 ? v + depth : v;
      src[i] = cls == c ? 1 : 0;
    }
    return IndexKernels.take(values, out, src);
  }

  static Tensor eyeLike(Tensor x, DType dtype, long k) {
    if (x.rank() != 2) {
      throw Args.bad("eye_like input must be 2-D but has shape " + Args.shape(x.shape()));
    }
    long cols = x.dim(1);
    int n = x.size();
    if (dtype.isFloating()) {
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        y[i] = i % cols - i / cols == k ? 1f : 0f;
      }
      return Tensor.ofFloats(dtype, x.shape(), y);
    }
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % cols - i / cols == k ? 1 : 0;
    }
    return Tensor.ofLongs(dtype, x.shape(), y);
  }

  /** out[b..., i...] = data[b..., indices[b..., i..., :], rest...]. */
  static Tensor gatherND(Tensor data, Tensor indices, long batchDims) {
    long[] ds = data.shape();
    long[] is = indices.shape();
    int b = (int) batchDims;
    int k = (int) is[is.length - 1];
    if (b < 0 || b + k > ds.length) {
      throw Args.bad("gather_nd indices " + Args.shape(is) + " do not fit data " + Args.shape(ds));
    }
    int slice = (int) Args.prod(ds, b + k, ds.length);
    int tuples = (int) Args.prod(is, 0, is.length - 1);
    int perBatch = tuples / Math.max(1, (int) Args.prod(is, 0, b));
    int batchSize = (int) Args.prod(ds, b, ds.length);
    int[] st = Args.strides(ds);
    long[] out = new long[is.length - 1 + ds.length - b - k];
    System.arraycopy(is, 0, out, 0, is.length - 1);
    System.arraycopy(ds, b + k, out, is.length - 1, ds.length - b - k);
    int[] src = new int[tuples * slice];
    for (int t = 0; t < tuples; t++) {
      int off = (t / Math.max(1, perBatch)) * batchSize;
      for (int j = 0; j < k; j++) {
        long v = indices.getLong(t * k + j);
        long dim = ds[b + j];
        if (v < -dim || v >= dim) {
          throw Args.bad("gather_nd index " + v + " is out of range for dim " + dim);
        }
        off += (int) (v < 0 ? v + dim : v) * st[b + j];
      }
      for (int s = 0; s < slice; s++) {
        src[t * slice + s] = off + s;
      }
    }
    return IndexKernels.take(data, out, src);
  }

  static Tensor scatterElements(Tensor data, Tensor indices, Tensor updates, long axisAttr, ScatterReduction red) {
    long[] ds = data.shape();
    long[] is = indices.shape();
    if (is.length != ds.length || !java.util.Arrays.equals(is, updates.shape())) {
      throw Args.bad("scatter_elements indices " + Args.shape(is) + " and updates " + Args.shape(updates.shape())
          + " must match and have the rank of data " + Args.shape(ds));
    }
    int axis = Args.axis(axisAttr, ds.length, "scatter_elements axis");
    int[] st = Args.strides(ds);
    int[] dst = new int[indices.size()];
    int[] idx = new int[is.length];
    for (int i = 0; i < dst.length; i++) {
      IndexKernels.coords(i, is, idx);
      long v = indices.getLong(i);
      if (v < -ds[axis] || v >= ds[axis]) {
        throw Args.bad("scatter_elements index " + v + " is out of range for axis size " + ds[axis]);
      }
      idx[axis] = (int) (v < 0 ? v + ds[axis] : v);
      int off = 0;
      for (int d = 0; d < idx.length; d++) {
        if (idx[d] >= ds[d]) {
          throw Args.bad("scatter_elements indices " + Args.shape(is) + " exceed data " + Args.shape(ds));
        }
        off += idx[d] * st[d];
      }
      dst[i] = off;
    }
    return write(data, updates, dst, 1, red);
  }

  static Tensor scatterND(Tensor data, Tensor indices, Tensor updates, ScatterReduction red) {
    long[] ds = data.shape();
    long[] is = indices.shape();
    int k = (int) is[is.length - 1];
    if (k > ds.length) {
      throw Args.bad("scatter_nd indices " + Args.shape(is) + " index more dims than data " + Args.shape(ds));
    }
    int slice = (int) Args.prod(ds, k, ds.length);
    int tuples = (int) Args.prod(is, 0, is.length - 1);
    if (updates.size() != tuples * slice) {
      throw Args.bad("scatter_nd updates " + Args.shape(updates.shape()) + " do not match indices " + Args.shape(is));
    }
    int[] st = Args.strides(ds);
    int[] dst = new int[tuples];
    for (int t = 0; t < tuples; t++) {
      int off = 0;
      for (int j = 0; j < k; j++) {
        long v = indices.getLong(t * k + j);
        if (v < -ds[j] || v >= ds[j]) {
          throw Args.bad("scatter_nd index " + v + " is out of range for dim " + ds[j]);
        }
        off += (int) (v < 0 ? v + ds[j] : v) * st[j];
      }
      dst[t] = off;
    }
    return write(data, updates, dst, slice, red);
  }

  /** A copy of data with run r of updates (length len) combined into data at dst[r]. */
  private static Tensor write(Tensor data, Tensor updates, int[] dst, int len, ScatterReduction red) {
    double[] y = new double[data.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = data.getDouble(i);
    }
    long[] yl = data.isFloating() ? null : data.longs().clone();
    for (int r = 0; r < dst.length; r++) {
      for (int s = 0; s < len; s++) {
        int at = dst[r] + s;
        int u = r * len + s;
        if (yl != null) {
          yl[at] = Args.wrap(combineLong(red, yl[at], updates.longs()[u]), data.dtype());
        } else {
          y[at] = combine(red, y[at], updates.getDouble(u));
        }
      }
    }
    if (yl != null) {
      return Tensor.ofLongs(data.dtype(), data.shape(), yl);
    }
    float[] f = new float[y.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) y[i];
    }
    return Tensor.ofFloats(data.dtype(), data.shape(), f);
  }

  private static double combine(ScatterReduction red, double a, double u) {
    switch (red) {
      case NONE: return u;
      case ADD: return a + u;
      case MUL: return a * u;
      case MAX: return Math.max(a, u);
      case MIN: return Math.min(a, u);
      default: throw new IllegalStateException("unhandled reduction " + red);
    }
  }

  private static long combineLong(ScatterReduction red, long a, long u) {
    switch (red) {
      case NONE: return u;
      case ADD: return a + u;
      case MUL: return a * u;
      case MAX: return Math.max(a, u);
      case MIN: return Math.min(a, u);
      default: throw new IllegalStateException("unhandled reduction " + red);
    }
  }
}
