package ancc.ir.graph.shape;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Output types of ops that move data without arithmetic: reshape, transpose, concat, gather, ... */
public final class LayoutShapes {
  private LayoutShapes() {}

  public static TensorType flatten(ShapeContext c, Op.Flatten op) {
    TensorType x = c.in(0);
    int axis = c.axis(op.axis(), x.rank(), true, "axis");
    Dim outer = Dims.product(x.dims().subList(0, axis));
    Dim inner = Dims.product(x.dims().subList(axis, x.rank()));
    return new TensorType(x.dtype(), List.of(outer, inner));
  }

  public static TensorType reshape(ShapeContext c, Op.Reshape op) {
    TensorType x = c.in(0);
    TensorType shapeType = c.in(1);
    if (shapeType.rank() != 1) {
      throw c.fail("shape input " + shapeType + " must be 1-D");
    }
    List<SymInt> target = c.symbolic(1);
    if (target == null) {
      if (shapeType.dim(0).isFixed()) {
        return new TensorType(x.dtype(), Dims.unknown((int) shapeType.dim(0).size()));
      }
      throw c.unsupported("output rank is unknown (shape input " + shapeType + " has no static length)");
    }
    List<Dim> out = new ArrayList<>(target.size());
    int inferred = -1;
    for (int i = 0; i < target.size(); i++) {
      SymInt t = target.get(i);
      if (t.isConst() && t.value() == -1) {
        if (inferred >= 0) {
          throw c.fail("shape has more than one -1");
        }
        inferred = i;
        out.add(Dim.UNKNOWN);
      } else if (t.isConst() && t.value() == 0 && !op.allowzero()) {
        if (i >= x.rank()) {
          throw c.fail("shape value 0 at index " + i + " copies a dim the input " + x + " does not have");
        }
        out.add(x.dim(i));
      } else if (t.isConst() && t.value() < -1) {
        throw c.fail("shape value " + t.value() + " at index " + i + " is invalid");
      } else {
        out.add(t.toDim());
      }
    }
    if (inferred >= 0) {
      List<Dim> others = new ArrayList<>(out);
      others.remove(inferred);
      out.set(inferred, quotient(c, x.dims(), others));
    }
    long inCount = Dims.staticCount(x.dims());
    long outCount = Dims.staticCount(out);
    if (inCount >= 0 && outCount >= 0 && inCount != outCount) {
      throw c.fail("cannot reshape " + x + " (" + inCount + " elements) to " + Dims.text(out)
          + " (" + outCount + " elements)");
    }
    return new TensorType(x.dtype(), out);
  }

  /** prod(num) / prod(den) with equal symbols cancelled; unknown unless it comes out exact. */
  private static Dim quotient(ShapeContext c, List<Dim> num, List<Dim> den) {
    List<Dim> n = new ArrayList<>(num);
    List<Dim> d = new ArrayList<>();
    for (Dim x : den) {
      if (x instanceof Dim.Sym && n.remove(x)) {
        continue;
      }
      d.add(x);
    }
    long fn = 1;
    long fd = 1;
    List<Dim> symN = new ArrayList<>();
    for (Dim x : n) {
      if (x.isFixed()) {
        fn = Dims.saturatingMul(fn, x.size());
      } else {
        symN.add(x);
      }
    }
    for (Dim x : d) {
      if (!x.isFixed()) {
        return Dim.UNKNOWN;
      }
      fd = Dims.saturatingMul(fd, x.size());
    }
    if (fd == 0) {
      if (fn == 0) {
        return Dim.UNKNOWN;
      }
      throw c.fail("cannot infer -1 when the other dims multiply to 0");
    }
    if (symN.isEmpty()) {
      if (fn % fd != 0) {
        throw c.fail("input element count " + fn + " is not divisible by " + fd + " for the -1 dim");
      }
      return Dim.of(fn / fd);
    }
    if (symN.size() == 1 && symN.get(0) instanceof Dim.Sym && fn == fd) {
      return symN.get(0);
    }
    return Dim.UNKNOWN;
  }

  public static TensorType transpose(ShapeContext c, Op.Transpose op) {
    TensorType x = c.in(0);
    List<Long> perm = op.perm();
    if (perm.size() != x.rank()) {
      throw c.fail("perm " + perm + " does not match rank " + x.rank());
    }
    boolean[] seen = new boolean[x.rank()];
    List<Dim> out = new ArrayList<>();
    for (long p : perm) {
      if (p < 0 || p >= x.rank() || seen[(int) p]) {
        throw c.fail("perm " + perm + " is not a permutation of 0.." + (x.rank() - 1));
      }
      seen[(int) p] = true;
      out.add(x.dim((int) p));
    }
    return new TensorType(x.dtype(), out);
  }

  public static TensorType concat(ShapeContext c, Op.Concat op) {
    TensorType first = c.in(0);
    int r = first.rank();
    if (r == 0) {
      throw c.fail("cannot concatenate scalars");
    }
    int axis = c.axis(op.axis(), r, false, "axis");
    List<Dim> out = new ArrayList<>(first.dims());
    long sum = 0;
    boolean fixedSum = true;
    for (int i = 0; i < c.inputCount(); i++) {
      TensorType t = c.in(i);
      if (t.rank() != r || t.dtype() != first.dtype()) {
        throw c.fail("input " + i + " " + t + " does not match input 0 " + first);
      }
      for (int k = 0; k < r; k++) {
        if (k != axis) {
          out.set(k, c.merge(out.get(k), t.dim(k), "input " + i + " " + t + " differs from input 0 " + first
              + " outside axis " + axis));
        }
      }
      if (t.dim(axis).isFixed()) {
        sum += t.dim(axis).size();
      } else {
        fixedSum = false;
      }
    }
    out.set(axis, fixedSum ? Dim.of(sum) : c.inputCount() == 1 ? first.dim(axis) : Dim.UNKNOWN);
    return new TensorType(first.dtype(), out);
  }

  public static List<TensorType> split(ShapeContext c, Op.Split op, int outputs) {
    TensorType x = c.in(0);
    int axis = c.axis(op.axis(), x.rank(), false, "axis");
    Dim d = x.dim(axis);
    List<TensorType> out = new ArrayList<>();
    long[] sizes = null;
    if (c.has(1)) {
      sizes = c.constLongs(1);
      if (sizes == null) {
        for (int i = 0; i < outputs; i++) {
          out.add(withDim(x, axis, Dim.UNKNOWN));
        }
        return out;
      }
      if (sizes.length != outputs) {
        throw c.fail("split has " + sizes.length + " sizes for " + outputs + " outputs");
      }
      long total = 0;
      for (long s : sizes) {
        if (s < 0) {
          throw c.fail("split size " + s + " is negative");
        }
        total += s;
      }
      if (d.isFixed() && total != d.size()) {
        throw c.fail("split sizes sum to " + total + " but axis " + axis + " of " + x + " has " + d.size());
      }
    } else if (d.isFixed()) {
      long chunk = (d.size() + outputs - 1) / outputs;
      sizes = new long[outputs];
      long left = d.size();
      for (int i = 0; i < outputs; i++) {
        sizes[i] = Math.min(chunk, left);
        left -= sizes[i];
      }
      if (outputs > 1 && sizes[outputs - 1] <= 0) {
        throw c.fail("axis " + axis + " of size " + d.size() + " cannot be split into " + outputs + " parts");
      }
    }
    for (int i = 0; i < outputs; i++) {
      out.add(withDim(x, axis, sizes == null ? (outputs == 1 ? d : Dim.UNKNOWN) : Dim.of(sizes[i])));
    }
    return out;
  }

  static TensorType withDim(TensorType x, int axis, Dim d) {
    List<Dim> dims = new ArrayList<>(x.dims());
    dims.set(axis, d);
    return x.withDims(dims);
  }

  public static TensorType squeeze(ShapeContext c) {
    TensorType x = c.in(0);
    int r = x.rank();
    boolean[] drop = new boolean[r];
    if (c.has(1)) {
      long[] axes = c.constLongs(1);
      if (axes == null) {
        return x.withDims(Dims.unknown(r - axesLength(c)));
      }
      for (long a : axes) {
        int ax = c.axis(a, r, false, "squeeze axis");
        Dim d = x.dim(ax);
        if (d.isFixed() && d.size() != 1) {
          throw c.fail("cannot squeeze axis " + a + " of size " + d.size() + " in " + x);
        }
        drop[ax] = true;
      }
    } else {
      for (int i = 0; i < r; i++) {
        drop[i] = Dims.isOne(x.dim(i)); // symbolic dims are assumed not to be 1
      }
    }
    List<Dim> out = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      if (!drop[i]) {
        out.add(x.dim(i));
      }
    }
    return x.withDims(out);
  }

  public static TensorType unsqueeze(ShapeContext c) {
    TensorType x = c.in(0);
    long[] axes = c.constLongs(1);
    if (axes == null) {
      return x.withDims(Dims.unknown(x.rank() + axesLength(c)));
    }
    int r = x.rank() + axes.length;
    boolean[] inserted = new boolean[r];
    for (long a : axes) {
      int ax = c.axis(a, r, false, "unsqueeze axis");
      if (inserted[ax]) {
        throw c.fail("unsqueeze axis " + a + " is repeated");
      }
      inserted[ax] = true;
    }
    List<Dim> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < r; i++) {
      out.add(inserted[i] ? Dim.of(1) : x.dim(k++));
    }
    return x.withDims(out);
  }

  /** Length of a run-time axes input (input 1), which must be a 1-D tensor of static length. */
  static int axesLength(ShapeContext c) {
    TensorType t = c.in(1);
    if (t.rank() != 1 || !t.dim(0).isFixed()) {
      throw c.unsupported("axes " + t + " must be a constant or have a static length");
    }
    long n = t.dim(0).size();
    if (n > c.in(0).rank() + (c.node().op() instanceof Op.Unsqueeze ? 64 : 0)) {
      throw c.fail("axes " + t + " has more entries than input " + c.in(0) + " has dims");
    }
    return (int) n;
  }

  public static TensorType shape(ShapeContext c, Op.Shape op) {
    int r = c.in(0).rank();
    long start = clampAxis(op.start(), r);
    long end = clampAxis(op.end(), r);
    return TensorType.of(DType.I64, Math.max(0, end - start));
  }

  static long clampAxis(long a, int r) {
    long v = a < 0 ? a + r : a;
    return Math.max(0, Math.min(r, v));
  }

  public static TensorType gather(ShapeContext c, Op.Gather op) {
    TensorType x = c.in(0);
    TensorType idx = c.in(1);
    if (x.rank() == 0) {
      throw c.fail("cannot gather from a scalar");
    }
    if (idx.dtype() != DType.I64 && idx.dtype() != DType.I32) {
      throw c.fail("indices " + idx + " must be i64 or i32");
    }
    int axis = c.axis(op.axis(), x.rank(), false, "axis");
    long[] values = c.constLongs(1);
    Dim d = x.dim(axis);
    if (values != null && d.isFixed()) {
      for (long v : values) {
        if (v < -d.size() || v >= d.size()) {
          throw c.fail("index " + v + " is out of range for axis " + axis + " of size " + d.size());
        }
      }
    }
    List<Dim> out = new ArrayList<>(x.dims().subList(0, axis));
    out.addAll(idx.dims());
    out.addAll(x.dims().subList(axis + 1, x.rank()));
    return x.withDims(out);
  }
}
