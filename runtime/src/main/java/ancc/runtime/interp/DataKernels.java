package ancc.runtime.interp;

import ancc.ir.graph.Op.PadMode;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Data movement that works on float and integer tensors alike: concat, split, slice, pad, gather. */
final class DataKernels {
  private DataKernels() {}

  /**
   * A tensor of the given shape whose element i is data[map[i]], or the fill value (a scalar
   * tensor, or zero when null) where map[i] is -1. Keeps data's element type.
   */
  static Tensor take(Tensor data, int[] map, long[] shape, Tensor fill) {
    if (data.isFloating()) {
      float[] src = data.floats();
      float f = fill == null ? 0f : (float) fill.getDouble(0);
      float[] y = new float[map.length];
      Parallel.range(y.length, 1 << 14, (from, to) -> {
        for (int i = from; i < to; i++) {
          int j = map[i];
          y[i] = j < 0 ? f : src[j];
        }
      });
      return Tensor.ofFloats(data.dtype(), shape, y);
    }
    long[] src = data.longs();
    long f = fill == null ? 0 : fill.getLong(0);
    long[] y = new long[map.length];
    for (int i = 0; i < y.length; i++) {
      int j = map[i];
      y[i] = j < 0 ? f : src[j];
    }
    return Tensor.ofLongs(data.dtype(), shape, y);
  }

  static Tensor concat(List<Tensor> parts, long axisAttr) {
    Tensor first = parts.get(0);
    int r = first.rank();
    int axis = Args.axis(axisAttr, r, "concat axis");
    long[] out = first.shape();
    out[axis] = 0;
    for (Tensor t : parts) {
      long[] s = t.shape();
      if (s.length != r || t.isFloating() != first.isFloating()) {
        throw Args.bad("concat of " + first.type() + " and " + t.type());
      }
      for (int i = 0; i < r; i++) {
        if (i != axis && s[i] != out[i]) {
          throw Args.bad("concat inputs " + Args.shape(first.shape()) + " and " + Args.shape(s)
              + " differ outside axis " + axis);
        }
      }
      out[axis] += s[axis];
    }
    int outer = (int) Args.prod(out, 0, axis);
    int n = Args.numel(out);
    int rowOut = outer == 0 ? 0 : n / outer;
    float[] fy = first.isFloating() ? new float[n] : null;
    long[] ly = first.isFloating() ? null : new long[n];
    int col = 0;
    for (Tensor t : parts) {
      int row = outer == 0 ? 0 : t.size() / outer;
      for (int o = 0; o < outer; o++) {
        if (fy != null) {
          System.arraycopy(t.floats(), o * row, fy, o * rowOut + col, row);
        } else {
          System.arraycopy(t.longs(), o * row, ly, o * rowOut + col, row);
        }
      }
      col += row;
    }
    return fy != null ? Tensor.ofFloats(first.dtype(), out, fy) : Tensor.ofLongs(first.dtype(), out, ly);
  }

  /** Split into the given sizes, or into `outputs` parts of ceil(dim / outputs) (the last may be smaller). */
  static List<Tensor> split(Tensor data, Tensor splitT, long axisAttr, int outputs) {
    int r = data.rank();
    int axis = Args.axis(axisAttr, r, "split axis");
    long dim = data.dim(axis);
    long[] sizes;
    if (splitT != null) {
      sizes = Args.longs(splitT, "split sizes");
      long total = 0;
      for (long s : sizes) {
        if (s < 0) {
          throw Args.bad("split sizes " + Arrays.toString(sizes) + " contain a negative size");
        }
        total += s;
      }
      if (total != dim || sizes.length != outputs) {
        throw Args.bad("split sizes " + Arrays.toString(sizes) + " do not cover dim " + dim + " in " + outputs
            + " outputs");
      }
    } else {
      sizes = new long[outputs];
      long chunk = (dim + outputs - 1) / outputs;
      long left = dim;
      for (int i = 0; i < outputs; i++) {
        sizes[i] = Math.min(chunk, left);
        left -= sizes[i];
      }
    }
    List<Tensor> out = new ArrayList<>(outputs);
    long start = 0;
    for (long s : sizes) {
      long[] starts = new long[r];
      long[] ends = data.shape();
      starts[axis] = start;
      ends[axis] = start + s;
      out.add(box(data, starts, ends));
      start += s;
    }
    return out;
  }

  /** The sub-box [starts, ends) of data (unit steps). */
  private static Tensor box(Tensor data, long[] starts, long[] ends) {
    int r = data.rank();
    long[] steps = new long[r];
    Arrays.fill(steps, 1);
    return strided(data, starts, ends, steps);
  }

  /** Elements start[i] + j * step[i] for j < ceil((end - start) / step) per axis (bounds already clamped). */
  private static Tensor strided(Tensor data, long[] starts, long[] ends, long[] steps) {
    int r = data.rank();
    long[] out = new long[r];
    int[] inStride = Args.strides(data.shape());
    int[] stride = new int[r];
    int base = 0;
    for (int i = 0; i < r; i++) {
      long span = steps[i] > 0 ? ends[i] - starts[i] : starts[i] - ends[i];
      long mag = Math.abs(steps[i]);
      out[i] = span <= 0 ? 0 : (span + mag - 1) / mag;
      stride[i] = (int) (inStride[i] * steps[i]);
      if (out[i] > 0) {
        base += (int) (starts[i] * inStride[i]);
      }
    }
    int[] map = new int[Args.numel(out)];
    final int b0 = base;
    Broadcast.rows(out, stride, stride, (o, a, sa, bb, sb, n) -> {
      for (int i = 0; i < n; i++) {
        map[o + i] = b0 + a + i * sa;
      }
    });
    return take(data, map, out, null);
  }

  /** ONNX Slice: negative starts/ends count from the end and clamp; negative steps walk backwards. */
  static Tensor slice(Tensor data, Tensor startsT, Tensor endsT, Tensor axesT, Tensor stepsT) {
    long[] st = Args.longs(startsT, "slice starts");
    long[] en = Args.longs(endsT, "slice ends");
    int r = data.rank();
    if (st.length != en.length) {
      throw Args.bad("slice starts " + Arrays.toString(st) + " and ends " + Arrays.toString(en) + " differ in length");
    }
    long[] ax = axesT == null ? null : Args.longs(axesT, "slice axes");
    long[] sp = stepsT == null ? null : Args.longs(stepsT, "slice steps");
    if ((ax != null && ax.length != st.length) || (sp != null && sp.length != st.length)) {
      throw Args.bad("slice axes/steps do not match starts " + Arrays.toString(st));
    }
    long[] dims = data.shape();
    long[] starts = new long[r];
    long[] ends = dims.clone();
    long[] steps = new long[r];
    Arrays.fill(steps, 1);
    boolean[] seen = new boolean[r];
    for (int i = 0; i < st.length; i++) {
      int a = ax == null ? i : Args.axis(ax[i], r, "slice axis");
      if (a >= r) {
        throw Args.bad("slice has more starts than the rank " + r);
      }
      if (seen[a]) {
        throw Args.bad("slice axes " + Arrays.toString(ax) + " repeat axis " + a);
      }
      seen[a] = true;
      long step = sp == null ? 1 : sp[i];
      if (step == 0) {
        throw Args.bad("slice step is 0 on axis " + a);
      }
      long d = dims[a];
      long s = st[i] < 0 ? st[i] + d : st[i];
      long e = en[i] < 0 ? (en[i] == Long.MIN_VALUE ? -1 : en[i] + d) : en[i];
      if (step > 0) {
        s = Math.max(0, Math.min(d, s));
        e = Math.max(0, Math.min(d, e));
      } else {
        s = Math.max(-1, Math.min(d - 1, s));
        e = Math.max(-1, Math.min(d - 1, e));
      }
      starts[a] = s;
      ends[a] = e;
      steps[a] = step;
    }
    return strided(data, starts, ends, steps);
  }

  /**
   * Pad: pads are [begins..., ends...] over axes (all axes when absent); negative pads crop first,
   * then the cropped data is padded by the mode (constant / reflect / edge / wrap).
   */
  static Tensor pad(Tensor data, PadMode mode, Tensor padsT, Tensor value, Tensor axesT) {
    int r = data.rank();
    long[] p = Args.longs(padsT, "pads");
    long[] ax;
    if (axesT == null) {
      ax = new long[r];
      for (int i = 0; i < r; i++) {
        ax[i] = i;
      }
    } else {
      ax = Args.longs(axesT, "pad axes");
    }
    if (p.length != 2 * ax.length) {
      throw Args.bad("pads " + Arrays.toString(p) + " need " + 2 * ax.length + " values");
    }
    long[] begin = new long[r];
    long[] end = new long[r];
    for (int i = 0; i < ax.length; i++) {
      int a = Args.axis(ax[i], r, "pad axis");
      begin[a] = p[i];
      end[a] = p[ax.length + i];
    }
    if (value != null && value.size() != 1) {
      throw Args.bad("pad constant_value must be a scalar but has shape " + Args.shape(value.shape()));
    }
    long[] in = data.shape();
    long[] out = new long[r];
    int[][] axisMap = new int[r][];
    for (int a = 0; a < r; a++) {
      long cropB = Math.max(0, -begin[a]);
      long len = in[a] - cropB - Math.max(0, -end[a]);
      long padB = Math.max(0, begin[a]);
      out[a] = len + padB + Math.max(0, end[a]);
      if (len < 0 || out[a] < 0) {
        throw Args.bad("pads " + Arrays.toString(p) + " crop more than dim " + a + " of " + Args.shape(in));
      }
      if (len == 0 && out[a] > 0 && mode != PadMode.CONSTANT) {
        throw Args.bad("pad mode " + mode.name().toLowerCase(java.util.Locale.ROOT) + " cannot pad an empty axis " + a);
      }
      axisMap[a] = new int[(int) out[a]];
      for (int o = 0; o < out[a]; o++) {
        long j = o - padB;
        if (j < 0 || j >= len) {
          j = outside(j, len, mode);
        }
        axisMap[a][o] = j < 0 ? -1 : (int) (cropB + j);
      }
    }
    int[] inStride = Args.strides(in);
    int[] map = new int[Args.numel(out)];
    int[] idx = new int[r];
    int[] outDims = new int[r];
    for (int a = 0; a < r; a++) {
      outDims[a] = (int) out[a];
    }
    for (int i = 0; i < map.length; i++) {
      int off = 0;
      for (int a = 0; a < r; a++) {
        int j = axisMap[a][idx[a]];
        if (j < 0) {
          off = -1;
          break;
        }
        off += j * inStride[a];
      }
      map[i] = off;
      Windows.increment(idx, outDims);
    }
    return take(data, map, out, value);
  }

  /** Position in [0, len) that an out-of-range coordinate j reads under the mode, or -1 for the constant. */
  private static long outside(long j, long len, PadMode mode) {
    switch (mode) {
      case CONSTANT:
        return -1;
      case EDGE:
        return j < 0 ? 0 : len - 1;
      case WRAP:
        return Math.floorMod(j, len);
      case REFLECT: {
        if (len == 1) {
          return 0;
        }
        long period = 2 * (len - 1);
        long m = Math.floorMod(j, period);
        return m < len ? m : period - m;
      }
      default:
        throw new IllegalStateException("unhandled pad mode " + mode);
    }
  }

  /** Gather along axis: out shape = data[:axis] + indices.shape + data[axis+1:]; negative indices wrap once. */
  static Tensor gather(Tensor data, Tensor indices, long axisAttr) {
    int r = data.rank();
    int axis = Args.axis(axisAttr, r, "gather axis");
    if (indices.isFloating()) {
      throw Args.bad("gather indices must be integers but are " + indices.dtype().text());
    }
    long[] ds = data.shape();
    long[] is = indices.shape();
    long[] out = new long[r - 1 + is.length];
    System.arraycopy(ds, 0, out, 0, axis);
    System.arraycopy(is, 0, out, axis, is.length);
    System.arraycopy(ds, axis + 1, out, axis + is.length, r - axis - 1);
    int outer = (int) Args.prod(ds, 0, axis);
    int dim = (int) ds[axis];
    int inner = (int) Args.prod(ds, axis + 1, r);
    long[] ix = indices.longs();
    int[] map = new int[Args.numel(out)];
    int k = 0;
    for (int o = 0; o < outer; o++) {
      for (long v : ix) {
        long j = v < 0 ? v + dim : v;
        if (j < 0 || j >= dim) {
          throw Args.bad("gather index " + v + " is out of range for axis " + axis + " of size " + dim);
        }
        int src = (o * dim + (int) j) * inner;
        for (int i = 0; i < inner; i++) {
          map[k++] = src + i;
        }
      }
    }
    return take(data, map, out, null);
  }
}
