package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;

/**
 * Kernels that move elements by index: expand, tile, gather_elements, depth_to_space,
 * space_to_depth, trilu, and those that build tensors from scalars: range, constant_of_shape,
 * size. Each computes, for every output element, the input element it copies.
 */
final class IndexKernels {
  private IndexKernels() {}

  /** out[i] = x[src[i]], or zero where src[i] < 0. */
  static Tensor take(Tensor x, long[] shape, int[] src) {
    if (x.isFloating()) {
      float[] a = x.floats();
      float[] y = new float[src.length];
      for (int i = 0; i < src.length; i++) {
        y[i] = src[i] < 0 ? 0f : a[src[i]];
      }
      return Tensor.ofFloats(x.dtype(), shape, y);
    }
    long[] a = x.longs();
    long[] y = new long[src.length];
    for (int i = 0; i < src.length; i++) {
      y[i] = src[i] < 0 ? 0 : a[src[i]];
    }
    return Tensor.ofLongs(x.dtype(), shape, y);
  }

  /** The coordinates of flat index i in a tensor of the given shape, written into idx. */
  static void coords(int i, long[] shape, int[] idx) {
    for (int d = shape.length - 1; d >= 0; d--) {
      int s = (int) shape[d];
      idx[d] = i % s;
      i /= s;
    }
  }

  static Tensor expand(Tensor x, Tensor shapeT) {
    long[] target = Args.longs(shapeT, "expand shape");
    for (long t : target) {
      if (t < 0) {
        throw Args.bad("expand shape " + Args.shape(target) + " has a negative dim");
      }
    }
    long[] out = Broadcast.shape(x.shape(), target);
    return take(x, out, Broadcast.indexMap(x.shape(), out));
  }

  static Tensor tile(Tensor x, Tensor repeatsT) {
    long[] reps = Args.longs(repeatsT, "tile repeats");
    long[] in = x.shape();
    if (reps.length != in.length) {
      throw Args.bad("tile repeats has " + reps.length + " values for rank " + in.length);
    }
    long[] out = new long[in.length];
    for (int d = 0; d < in.length; d++) {
      if (reps[d] < 0) {
        throw Args.bad("tile repeat " + reps[d] + " is negative");
      }
      out[d] = in[d] * reps[d];
    }
    int[] st = Args.strides(in);
    int[] src = new int[Args.numel(out)];
    int[] idx = new int[out.length];
    for (int i = 0; i < src.length; i++) {
      coords(i, out, idx);
      int s = 0;
      for (int d = 0; d < idx.length; d++) {
        s += (int) (idx[d] % in[d]) * st[d];
      }
      src[i] = s;
    }
    return take(x, out, src);
  }

  static Tensor gatherElements(Tensor x, Tensor indices, long axis) {
    long[] in = x.shape();
    if (indices.rank() != in.length) {
      throw Args.bad("gather_elements indices rank " + indices.rank() + " differs from data rank " + in.length);
    }
    int ax = Args.axis(axis, in.length, "gather_elements axis");
    long[] out = indices.shape();
    int[] st = Args.strides(in);
    int[] src = new int[Args.numel(out)];
    int[] idx = new int[out.length];
    for (int i = 0; i < src.length; i++) {
      coords(i, out, idx);
      long k = indices.getLong(i);
      if (k < -in[ax] || k >= in[ax]) {
        throw Args.bad("gather_elements index " + k + " is out of range for axis size " + in[ax]);
      }
      idx[ax] = (int) (k < 0 ? k + in[ax] : k);
      int s = 0;
      for (int d = 0; d < idx.length; d++) {
        if (d != ax && idx[d] >= in[d]) {
          throw Args.bad("gather_elements indices " + Args.shape(out) + " exceed data " + Args.shape(in));
        }
        s += idx[d] * st[d];
      }
      src[i] = s;
    }
    return take(x, out, src);
  }

  /** DCR: channel = (bh * b + bw) * C' + c; CRD: channel = c * b * b + bh * b + bw. */
  static Tensor depthToSpace(Tensor x, long blocksize, boolean crd) {
    long[] in = rank4(x, blocksize);
    int b = (int) blocksize;
    if (in[1] % ((long) b * b) != 0) {
      throw Args.bad("depth_to_space channels " + in[1] + " are not divisible by " + (long) b * b);
    }
    long cOut = in[1] / ((long) b * b);
    long[] out = {in[0], cOut, in[2] * b, in[3] * b};
    int[] st = Args.strides(in);
    int[] src = new int[Args.numel(out)];
    int[] idx = new int[4];
    for (int i = 0; i < src.length; i++) {
      coords(i, out, idx);
      int bh = idx[2] % b;
      int bw = idx[3] % b;
      long ch = crd ? idx[1] * (long) b * b + bh * b + bw : (bh * (long) b + bw) * cOut + idx[1];
      src[i] = idx[0] * st[0] + (int) ch * st[1] + (idx[2] / b) * st[2] + (idx[3] / b) * st[3];
    }
    return take(x, out, src);
  }

  /** Inverse of depth_to_space in DCR order: out channel = (bh * b + bw) * C + c. */
  static Tensor spaceToDepth(Tensor x, long blocksize) {
    long[] in = rank4(x, blocksize);
    int b = (int) blocksize;
    if (in[2] % b != 0 || in[3] % b != 0) {
      throw Args.bad("space_to_depth spatial dims " + Args.shape(in) + " are not divisible by " + b);
    }
    long[] out = {in[0], in[1] * b * b, in[2] / b, in[3] / b};
    int[] st = Args.strides(in);
    int[] src = new int[Args.numel(out)];
    int[] idx = new int[4];
    for (int i = 0; i < src.length; i++) {
      coords(i, out, idx);
      int blk = (int) (idx[1] / in[1]);
      int c = (int) (idx[1] % in[1]);
      int h = idx[2] * b + blk / b;
      int w = idx[3] * b + blk % b;
      src[i] = idx[0] * st[0] + c * st[1] + h * st[2] + w * st[3];
    }
    return take(x, out, src);
  }

  private static long[] rank4(Tensor x, long blocksize) {
    if (x.rank() != 4) {
      throw Args.bad("input must have rank 4 but has shape " + Args.shape(x.shape()));
    }
    if (blocksize < 1 || blocksize > Integer.MAX_VALUE) {
      throw Args.bad("blocksize " + blocksize + " must be positive");
    }
    return x.shape();
  }

  /** Zeroes the elements outside the upper (j - i >= k) or lower (j - i <= k) triangle. */
  static Tensor trilu(Tensor x, Tensor kT, boolean upper) {
    if (x.rank() < 2) {
      throw Args.bad("trilu input must have rank 2 or more but has shape " + Args.shape(x.shape()));
    }
    long k = kT == null ? 0 : Args.longs(kT, "trilu k")[0];
    long rows = x.dim(x.rank() - 2);
    long cols = x.dim(x.rank() - 1);
    int[] src = new int[x.size()];
    for (int i = 0; i < src.length; i++) {
      long j = i % cols;
      long r = (i / cols) % rows;
      boolean keep = upper ? j - r >= k : j - r <= k;
      src[i] = keep ? i : -1;
    }
    return take(x, x.shape(), src);
  }

  static Tensor range(Tensor start, Tensor limit, Tensor delta) {
    for (Tensor t : new Tensor[] {start, limit, delta}) {
      if (t.size() != 1) {
        throw Args.bad("range operands must be scalars but one has shape " + Args.shape(t.shape()));
      }
    }
    double d = delta.getDouble(0);
    if (d == 0) {
      throw Args.bad("range delta is zero");
    }
    long n = Math.max(0, (long) Math.ceil((limit.getDouble(0) - start.getDouble(0)) / d));
    int len = Args.numel(new long[] {n});
    if (start.isFloating()) {
      float s = start.floats()[0];
      float df = delta.floats()[0];
      float[] y = new float[len];
      for (int i = 0; i < len; i++) {
        y[i] = s + i * df;
      }
      return Tensor.ofFloats(start.dtype(), new long[] {n}, y);
    }
    long s = start.getLong(0);
    long dl = delta.getLong(0);
    long[] y = new long[len];
    for (int i = 0; i < len; i++) {
      y[i] = Args.wrap(s + i * dl, start.dtype());
    }
    return Tensor.ofLongs(start.dtype(), new long[] {n}, y);
  }

  static Tensor constantOfShape(Tensor shapeT, Tensor value) {
    long[] shape = Args.longs(shapeT, "constant_of_shape shape");
    if (value.size() != 1) {
      throw Args.bad("constant_of_shape value must have one element but has shape " + Args.shape(value.shape()));
    }
    for (long d : shape) {
      if (d < 0) {
        throw Args.bad("constant_of_shape shape " + Args.shape(shape) + " has a negative dim");
      }
    }
    return take(value, shape, new int[Args.numel(shape)]);
  }

  static Tensor size(Tensor x) {
    return Tensor.ofLongs(DType.I64, new long[0], new long[] {x.size()});
  }
}
