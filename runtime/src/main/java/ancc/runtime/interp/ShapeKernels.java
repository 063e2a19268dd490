package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ops that change only the shape or the element type: reshape, flatten, transpose, squeeze, cast, ... */
final class ShapeKernels {
  private ShapeKernels() {}

  /** Reshape: 0 copies the input dim (unless allowzero), one -1 is inferred. */
  static Tensor reshape(Tensor data, Tensor shapeT, boolean allowzero) {
    long[] req = Args.longs(shapeT, "reshape shape");
    long[] in = data.shape();
    long[] out = new long[req.length];
    int infer = -1;
    long known = 1;
    for (int i = 0; i < req.length; i++) {
      long v = req[i];
      if (v == 0 && !allowzero) {
        if (i >= in.length) {
          throw Args.bad("reshape shape " + Arrays.toString(req) + " copies dim " + i + " of a rank-" + in.length
              + " input");
        }
        v = in[i];
      }
      if (v == -1) {
        if (infer >= 0) {
          throw Args.bad("reshape shape " + Arrays.toString(req) + " has more than one -1");
        }
        infer = i;
        continue;
      }
      if (v < 0) {
        throw Args.bad("reshape shape " + Arrays.toString(req) + " has negative dim " + v);
      }
      out[i] = v;
      known *= v;
    }
    int n = data.size();
    if (infer >= 0) {
      if (known == 0 || n % known != 0) {
        throw Args.bad("cannot reshape " + Args.shape(in) + " to " + Arrays.toString(req));
      }
      out[infer] = n / known;
    } else if (known != n) {
      throw Args.bad("cannot reshape " + Args.shape(in) + " (" + n + " elements) to " + Arrays.toString(req));
    }
    return data.reshape(out);
  }

  static Tensor flatten(Tensor data, long axisAttr) {
    int r = data.rank();
    long a = axisAttr < 0 ? axisAttr + r : axisAttr;
    if (a < 0 || a > r) {
      throw Args.bad("flatten axis " + axisAttr + " is out of range for rank " + r);
    }
    long outer = Args.prod(data.shape(), 0, (int) a);
    long inner = Args.prod(data.shape(), (int) a, r);
    return data.reshape(new long[] {outer, inner});
  }

  static Tensor transpose(Tensor data, List<Long> permAttr) {
    int r = data.rank();
    int[] perm = new int[r];
    if (permAttr.isEmpty()) {
      for (int i = 0; i < r; i++) {
        perm[i] = r - 1 - i;
      }
    } else {
      if (permAttr.size() != r) {
        throw Args.bad("transpose perm " + permAttr + " does not match rank " + r);
      }
      boolean[] seen = new boolean[r];
      for (int i = 0; i < r; i++) {
        int p = Args.axis(permAttr.get(i), r, "transpose perm entry");
        if (seen[p]) {
          throw Args.bad("transpose perm " + permAttr + " is not a permutation");
        }
        seen[p] = true;
        perm[i] = p;
      }
    }
    long[] in = data.shape();
    int[] inStride = Args.strides(in);
    long[] out = new long[r];
    int[] srcStride = new int[r];
    for (int i = 0; i < r; i++) {
      out[i] = in[perm[i]];
      srcStride[i] = inStride[perm[i]];
    }
    int[] map = new int[data.size()];
    Broadcast.rows(out, srcStride, srcStride, (o, a, sa, b, sb, n) -> {
      for (int i = 0; i < n; i++) {
        map[o + i] = a + i * sa;
      }
    });
    return DataKernels.take(data, map, out, null);
  }

  /** Removes the listed size-1 axes, or every size-1 axis when axes is absent or empty. */
  static Tensor squeeze(Tensor data, Tensor axesT) {
    long[] in = data.shape();
    boolean[] drop = new boolean[in.length];
    if (axesT == null || axesT.size() == 0) {
      for (int i = 0; i < in.length; i++) {
        drop[i] = in[i] == 1;
      }
    } else {
      for (long a : Args.longs(axesT, "squeeze axes")) {
        int ax = Args.axis(a, in.length, "squeeze axis");
        if (in[ax] != 1) {
          throw Args.bad("squeeze axis " + a + " has size " + in[ax] + ", not 1");
        }
        drop[ax] = true;
      }
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      if (!drop[i]) {
        out.add(in[i]);
      }
    }
    return data.reshape(out.stream().mapToLong(Long::longValue).toArray());
  }

  /** Inserts size-1 axes at the listed positions of the output. */
  static Tensor unsqueeze(Tensor data, Tensor axesT) {
    long[] axes = Args.longs(axesT, "unsqueeze axes");
    int r = data.rank() + axes.length;
    boolean[] ins = new boolean[r];
    for (long a : axes) {
      int ax = Args.axis(a, r, "unsqueeze axis");
      if (ins[ax]) {
        throw Args.bad("unsqueeze axes " + Arrays.toString(axes) + " repeat axis " + a);
      }
      ins[ax] = true;
    }
    long[] in = data.shape();
    long[] out = new long[r];
    int j = 0;
    for (int i = 0; i < r; i++) {
      out[i] = ins[i] ? 1 : in[j++];
    }
    return data.reshape(out);
  }

  /** The input's dims [start, end) as an i64 vector (negative bounds count from the end; clamped). */
  static Tensor shape(Tensor data, long start, long end) {
    int r = data.rank();
    long s = clamp(start < 0 ? start + r : start, r);
    long e = clamp(end < 0 ? end + r : end, r);
    long[] dims = data.shape();
    long[] out = e > s ? Arrays.copyOfRange(dims, (int) s, (int) e) : new long[0];
    return Tensor.ofLongs(DType.I64, new long[] {out.length}, out);
  }

  private static long clamp(long v, int r) {
    return Math.max(0, Math.min(r, v));
  }

  /**
   * Cast: floats to integers truncate toward zero and wrap to the target width; anything to bool
   * is (x != 0); floats to f16/bf16 round to the target precision.
   */
  static Tensor cast(Tensor x, DType to) {
    if (to.isFloating()) {
      float[] y = new float[x.size()];
      if (x.isFloating()) {
        float[] a = x.floats();
        for (int i = 0; i < y.length; i++) {
          y[i] = Args.roundTo(a[i], to);
        }
      } else {
        long[] a = x.longs();
        boolean unsigned64 = x.dtype() == DType.U64;
        for (int i = 0; i < y.length; i++) {
          float v = unsigned64 && a[i] < 0 ? (float) (a[i] >>> 1) * 2f : (float) a[i];
          y[i] = Args.roundTo(v, to);
        }
      }
      return Tensor.ofFloats(to, x.shape(), y);
    }
    long[] y = new long[x.size()];
    if (x.isFloating()) {
      float[] a = x.floats();
      for (int i = 0; i < y.length; i++) {
        float v = a[i];
        y[i] = to == DType.BOOL ? (v != 0 ? 1 : 0) : Args.wrap(toLong(v, to), to);
      }
    } else {
      long[] a = x.longs();
      for (int i = 0; i < y.length; i++) {
        y[i] = Args.wrap(a[i], to);
      }
    }
    return Tensor.ofLongs(to, x.shape(), y);
  }

  private static long toLong(float v, DType to) {
    if (to == DType.U64 && v >= 9.223372036854775807E18f) {
      return (long) (v / 2f) * 2;
    }
    return (long) v;
  }

  /** Inference dropout: Y = X and, when requested, a mask of all true. */
  static List<Tensor> dropout(Tensor x, Tensor ratio, Tensor training, int outputs) {
    double r = ratio == null ? 0.5 : ratio.getDouble(0);
    if (training != null && training.getDouble(0) != 0 && r != 0) {
      throw new ancc.ir.UnsupportedOpException("Dropout",
          "dropout in training mode with ratio " + r + " is not supported (only inference)");
    }
    if (outputs == 1) {
      return List.of(x);
    }
    long[] mask = new long[x.size()];
    Arrays.fill(mask, 1);
    return List.of(x, Tensor.ofLongs(DType.BOOL, x.shape(), mask));
  }
}
