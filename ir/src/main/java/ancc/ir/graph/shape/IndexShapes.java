package ancc.ir.graph.shape;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Output types of index-producing and shape-building ops: arg max/min, expand, tile, range, ... */
public final class IndexShapes {
  private IndexShapes() {}

  public static TensorType argReduce(ShapeContext c, Op.ArgReduce op) {
    TensorType x = c.in(0);
    int axis = c.axis(op.axis(), Math.max(1, x.rank()), false, "axis");
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < x.rank(); i++) {
      if (i != axis) {
        out.add(x.dim(i));
      } else if (op.keepdims()) {
        out.add(Dim.of(1));
      }
    }
    return new TensorType(DType.I64, out);
  }

  /** Broadcast of the input against the shape operand (unknown dims where the shape is not known). */
  public static TensorType expand(ShapeContext c) {
    TensorType x = c.in(0);
    List<SymInt> shape = c.symbolic(1);
    if (shape == null) {
      int n = shapeLength(c, 1, "shape");
      return x.withDims(Dims.unknown(Math.max(n, x.rank())));
    }
    List<Dim> target = new ArrayList<>();
    for (SymInt s : shape) {
      if (s.isConst() && s.value() < 0) {
        throw c.fail("shape value " + s.value() + " is negative");
      }
      target.add(s.toDim());
    }
    return x.withDims(MathShapes.broadcast(c, x, x.withDims(target)));
  }

  public static TensorType tile(ShapeContext c) {
    TensorType x = c.in(0);
    long[] reps = c.constLongs(1);
    if (reps == null) {
      return x.withDims(Dims.unknown(x.rank()));
    }
    if (reps.length != x.rank()) {
      throw c.fail("repeats has " + reps.length + " values for rank " + x.rank());
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < reps.length; i++) {
      if (reps[i] < 0) {
        throw c.fail("repeat " + reps[i] + " is negative");
      }
      Dim d = x.dim(i);
      out.add(d.isFixed() ? Dim.of(d.size() * reps[i]) : reps[i] == 1 ? d : reps[i] == 0 ? Dim.of(0) : Dim.UNKNOWN);
    }
    return x.withDims(out);
  }

  public static TensorType constantOfShape(ShapeContext c) {
    TensorType value = c.in(1);
    if (Dims.staticCount(value.dims()) != 1) {
      throw c.fail("value " + value + " must have exactly one element");
    }
    List<SymInt> shape = c.symbolic(0);
    if (shape == null) {
      return new TensorType(value.dtype(), Dims.unknown(shapeLength(c, 0, "shape")));
    }
    List<Dim> out = new ArrayList<>();
    for (SymInt s : shape) {
      if (s.isConst() && s.value() < 0) {
        throw c.fail("shape value " + s.value() + " is negative");
      }
      out.add(s.toDim());
    }
    return new TensorType(value.dtype(), out);
  }

  public static TensorType range(ShapeContext c) {
    TensorType start = c.in(0);
    for (int i = 0; i < 3; i++) {
      TensorType t = c.in(i);
      if (t.rank() != 0 && Dims.staticCount(t.dims()) != 1) {
        throw c.fail("input " + i + " " + t + " must be a scalar");
      }
      if (t.dtype() != start.dtype()) {
        throw c.fail("inputs must share one element type, got " + start.dtype().text() + " and " + t.dtype().text());
      }
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      Tensor t = c.constant(i);
      List<SymInt> sym = t == null && !start.dtype().isFloating() ? c.symbolic(i) : null;
      if (t != null) {
        v[i] = t.getDouble(0);
      } else if (sym != null && sym.size() == 1 && sym.get(0).isConst()) {
        v[i] = sym.get(0).value();
      } else {
        return new TensorType(start.dtype(), List.of(Dim.UNKNOWN));
      }
    }
    if (v[2] == 0) {
      throw c.fail("delta is zero");
    }
    return new TensorType(start.dtype(), List.of(Dim.of(rangeLength(v[0], v[1], v[2]))));
  }

  /** max(ceil((limit - start) / delta), 0). */
  public static long rangeLength(double start, double limit, double delta) {
    return Math.max(0, (long) Math.ceil((limit - start) / delta));
  }

  public static TensorType gatherElements(ShapeContext c, Op.GatherElements op) {
    TensorType x = c.in(0);
    TensorType idx = c.in(1);
    if (idx.dtype().isFloating()) {
      throw c.fail("indices must be integers but are " + idx);
    }
    if (idx.rank() != x.rank()) {
      throw c.fail("indices " + idx + " must have the rank of data " + x);
    }
    c.axis(op.axis(), x.rank(), false, "axis");
    return new TensorType(x.dtype(), idx.dims());
  }

  public static TensorType depthToSpace(ShapeContext c, long b) {
    TensorType x = rank4(c, b);
    Dim ch = x.dim(1);
    if (ch.isFixed() && ch.size() % (b * b) != 0) {
      throw c.fail("channels " + ch + " are not divisible by blocksize^2 = " + b * b);
    }
    return x.withDims(List.of(x.dim(0), ch.isFixed() ? Dim.of(ch.size() / (b * b)) : Dim.UNKNOWN,
        times(x.dim(2), b), times(x.dim(3), b)));
  }

  public static TensorType spaceToDepth(ShapeContext c, long b) {
    TensorType x = rank4(c, b);
    List<Dim> out = new ArrayList<>();
    out.add(x.dim(0));
    out.add(times(x.dim(1), b * b));
    for (int i = 2; i < 4; i++) {
      Dim d = x.dim(i);
      if (d.isFixed() && d.size() % b != 0) {
        throw c.fail("spatial dim " + d + " is not divisible by blocksize " + b);
      }
      out.add(d.isFixed() ? Dim.of(d.size() / b) : Dim.UNKNOWN);
    }
    return x.withDims(out);
  }

  private static TensorType rank4(ShapeContext c, long b) {
    TensorType x = c.in(0);
    if (x.rank() != 4) {
      throw c.fail("input " + x + " must have rank 4");
    }
    if (b < 1) {
      throw c.fail("blocksize " + b + " must be positive");
    }
    return x;
  }

  private static Dim times(Dim d, long k) {
    return d.isFixed() ? Dim.of(d.size() * k) : k == 1 ? d : Dim.UNKNOWN;
  }

  /** The static length of 1-D integer input i (a shape operand). */
  private static int shapeLength(ShapeContext c, int i, String what) {
    TensorType t = c.in(i);
    if (t.dtype().isFloating() || t.rank() != 1) {
      throw c.fail(what + " " + t + " must be a 1-D integer tensor");
    }
    if (!t.dim(0).isFixed()) {
      throw c.unsupported(what + " " + t + " must be a constant or have a static length");
    }
    return (int) t.dim(0).size();
  }

  /** Values and i64 indices: X's shape with K (a constant, else unknown) along axis. */
  public static List<TensorType> topK(ShapeContext c, Op.TopK op) {
    TensorType x = c.in(0);
    int axis = c.axis(op.axis(), x.rank(), false, "axis");
    long[] k = c.constLongs(1);
    if (k != null && (k.length != 1 || k[0] < 0)) {
      throw c.fail("K must be one non-negative value");
    }
    Dim d = x.dim(axis);
    if (k != null && d.isFixed() && k[0] > d.size()) {
      throw c.fail("K " + k[0] + " exceeds axis size " + d.size());
    }
    List<Dim> dims = new ArrayList<>(x.dims());
    dims.set(axis, k == null ? Dim.UNKNOWN : Dim.of(k[0]));
    return List.of(x.withDims(dims), new TensorType(DType.I64, dims));
  }

  /** indices' shape with depth inserted at axis; the type of values. */
  public static TensorType oneHot(ShapeContext c, Op.OneHot op) {
    TensorType idx = c.in(0);
    TensorType values = c.in(2);
    if (Dims.staticCount(values.dims()) != 2) {
      throw c.fail("values " + values + " must have two elements [off, on]");
    }
    int axis = c.axis(op.axis(), idx.rank() + 1, false, "axis");
    Tensor depth = c.constant(1);
    List<Dim> dims = new ArrayList<>(idx.dims());
    dims.add(axis, depth == null ? Dim.UNKNOWN : Dim.of((long) Math.floor(depth.getDouble(0))));
    return new TensorType(values.dtype(), dims);
  }

  /** batch dims + indices' leading dims + the data dims not indexed. */
  public static TensorType gatherND(ShapeContext c, Op.GatherND op) {
    TensorType x = c.in(0);
    TensorType idx = c.in(1);
    int b = (int) op.batchDims();
    if (idx.dtype().isFloating() || idx.rank() < 1 || b < 0 || b >= Math.min(x.rank(), idx.rank())) {
      throw c.fail("indices " + idx + " and batch_dims " + b + " do not fit data " + x);
    }
    Dim last = idx.dim(idx.rank() - 1);
    if (!last.isFixed()) {
      throw c.unsupported("indices " + idx + " must have a static last dim");
    }
    int k = (int) last.size();
    if (b + k > x.rank()) {
      throw c.fail("indices " + idx + " index " + k + " dims past batch_dims " + b + " of data " + x);
    }
    List<Dim> out = new ArrayList<>(idx.dims().subList(0, idx.rank() - 1));
    out.addAll(x.dims().subList(b + k, x.rank()));
    return new TensorType(x.dtype(), out);
  }

  /** The data's type; updates must have the indices' shape (elements) or fit it (ND). */
  public static TensorType scatter(ShapeContext c, boolean elements) {
    TensorType x = c.in(0);
    TensorType idx = c.in(1);
    TensorType upd = c.in(2);
    if (idx.dtype().isFloating() || upd.dtype() != x.dtype()) {
      throw c.fail("indices " + idx + " must be integers and updates " + upd + " of data's type " + x.dtype().text());
    }
    if (elements && (idx.rank() != x.rank() || upd.rank() != idx.rank())) {
      throw c.fail("indices " + idx + " and updates " + upd + " must have the rank of data " + x);
    }
    return x;
  }

  /** A 1-D window of the requested type whose length is the size operand (unknown unless constant). */
  public static TensorType window(ShapeContext c, Op.Window op) {
    if (!op.dtype().isFloating()) {
      throw c.unsupported("window output type " + op.dtype().text() + " is not supported (floating only)");
    }
    Tensor size = c.constant(0);
    return new TensorType(op.dtype(), List.of(size == null ? Dim.UNKNOWN : Dim.of(Math.max(0, size.getLong(0)))));
  }

  /** X's type with the selected axis (or the flattened input) of unknown length. */
  public static TensorType compress(ShapeContext c, Op.Compress op) {
    TensorType x = c.in(0);
    TensorType cond = c.in(1);
    if (cond.dtype() != DType.BOOL || cond.rank() != 1) {
      throw c.fail("condition " + cond + " must be 1-D bool");
    }
    if (!op.hasAxis()) {
      return x.withDims(List.of(Dim.UNKNOWN));
    }
    int axis = c.axis(op.axis(), x.rank(), false, "axis");
    List<Dim> dims = new ArrayList<>(x.dims());
    dims.set(axis, Dim.UNKNOWN);
    return x.withDims(dims);
  }

  /** [N, C, (in - 1) * stride + kernel - pads...], or the output_shape operand when given. */
  public static TensorType maxUnpool(ShapeContext c, Op.MaxUnpool op) {
    TensorType x = c.in(0);
    int d = x.rank() - 2;
    if (d < 1 || op.kernelShape().size() != d) {
      throw c.fail("input " + x + " needs rank 2 + " + op.kernelShape().size() + " (kernel_shape)");
    }
    if (c.has(2)) {
      List<SymInt> shape = c.symbolic(2);
      if (shape == null) {
        return x.withDims(Dims.unknown(x.rank()));
      }
      List<Dim> out = new ArrayList<>();
      for (SymInt s : shape) {
        out.add(s.toDim());
      }
      if (out.size() != x.rank()) {
        throw c.fail("output_shape has " + out.size() + " values for rank " + x.rank());
      }
      return x.withDims(out);
    }
    List<Dim> out = new ArrayList<>(x.dims().subList(0, 2));
    for (int i = 0; i < d; i++) {
      Dim in = x.dim(i + 2);
      long s = op.strides().isEmpty() ? 1 : op.strides().get(i);
      long pad = op.pads().isEmpty() ? 0 : op.pads().get(i) + op.pads().get(i + d);
      out.add(in.isFixed() ? Dim.of((in.size() - 1) * s + op.kernelShape().get(i) - pad) : Dim.UNKNOWN);
    }
    return x.withDims(out);
  }

  /** Y (the unique elements or slices: one unknown dim), indices, inverse_indices, counts. */
  public static List<TensorType> unique(ShapeContext c, Op.Unique op) {
    TensorType x = c.in(0);
    List<Dim> y;
    Dim inverse;
    if (op.hasAxis()) {
      int axis = c.axis(op.axis(), x.rank(), false, "axis");
      y = new ArrayList<>(x.dims());
      y.set(axis, Dim.UNKNOWN);
      inverse = x.dim(axis);
    } else {
      y = List.of(Dim.UNKNOWN);
      inverse = Dims.product(x.dims());
    }
    TensorType found = new TensorType(DType.I64, List.of(Dim.UNKNOWN));
    return List.of(x.withDims(y), found, new TensorType(DType.I64, List.of(inverse)), found);
  }
}
