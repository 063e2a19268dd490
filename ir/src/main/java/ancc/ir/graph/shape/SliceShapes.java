package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Output types of Slice and Pad, whose sizes come from constant index inputs. */
public final class SliceShapes {
  /** Ends at or past this are "to the end" for symbolic dims (exporters write INT32_MAX or INT64_MAX). */
  static final long OPEN_END = Integer.MAX_VALUE;

  private SliceShapes() {}

  /** One axis of a Slice as ONNX defines it: negative indices count from the end, then clamp. */
  public static long sliceLength(long dim, long start, long end, long step) {
    if (start < 0) {
      start = Math.max(Long.MIN_VALUE / 2, start) + dim;
    }
    if (end < 0) {
      end = Math.max(Long.MIN_VALUE / 2, end) + dim;
    }
    if (step > 0) {
      start = clamp(start, 0, dim);
      end = clamp(end, 0, dim);
      return end <= start ? 0 : (end - start + step - 1) / step;
    }
    start = clamp(start, 0, dim - 1);
    end = clamp(end, -1, dim - 1);
    return start <= end ? 0 : (start - end + (-step) - 1) / (-step);
  }

  /** First index a Slice reads along one axis (normalized and clamped). */
  public static long sliceStart(long dim, long start, long step) {
    if (start < 0) {
      start = Math.max(Long.MIN_VALUE / 2, start) + dim;
    }
    return step > 0 ? clamp(start, 0, dim) : clamp(start, 0, dim - 1);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  public static TensorType slice(ShapeContext c) {
    TensorType x = c.in(0);
    int r = x.rank();
    long[] starts = c.constLongs(1);
    long[] ends = c.constLongs(2);
    long[] axes = c.has(3) ? c.constLongs(3) : defaultAxes(starts != null ? starts.length : ends != null ? ends.length : r);
    long[] steps = c.has(4) ? c.constLongs(4) : null;
    if (c.has(4) && steps == null) {
      return x.withDims(Dims.unknown(r));
    }
    if (axes == null) {
      return x.withDims(Dims.unknown(r));
    }
    int n = axes.length;
    if ((starts != null && starts.length != n) || (ends != null && ends.length != n)
        || (steps != null && steps.length != n)) {
      throw c.fail("starts, ends, axes and steps must have the same length");
    }
    List<Dim> out = new ArrayList<>(x.dims());
    boolean[] seen = new boolean[r];
    for (int i = 0; i < n; i++) {
      int ax = c.axis(axes[i], r, false, "slice axis");
      if (seen[ax]) {
        throw c.fail("slice axis " + axes[i] + " is repeated");
      }
      seen[ax] = true;
      long step = steps == null ? 1 : steps[i];
      if (step == 0) {
        throw c.fail("slice step must not be 0");
      }
      if (starts == null || ends == null) {
        out.set(ax, starts != null ? symbolicEnd(c, x.dim(ax), starts[i], i, step) : Dim.UNKNOWN);
        continue;
      }
      Dim d = x.dim(ax);
      if (d.isFixed()) {
        out.set(ax, Dim.of(sliceLength(d.size(), starts[i], ends[i], step)));
      } else if (isWhole(starts[i], ends[i], step)) {
        out.set(ax, d);
      } else {
        out.set(ax, Dim.UNKNOWN);
      }
    }
    return x.withDims(out);
  }

  /**
   * One axis of a Slice from 0 to an end only known as a symbol {@code S} (the sequence length of a
   * token model read by Shape, as in BERT's {@code position_ids[:, :S]}): {@code S}. On an axis of
   * the same symbol that is exact; on a fixed axis of size D the slice has min(S, D) elements, taken
   * as S: the graph computes the first S rows of a table of D (positions, masks) and runs only for
   * S <= D (for a longer sequence the table's rows do not cover it and the op that combines them
   * with the sequence fails at run time). Anything else (another start or step, an unknown end) is
   * unknown. An end that shape ops compute to a constant gives the constant's length.
   */
  private static Dim symbolicEnd(ShapeContext c, Dim d, long start, int i, long step) {
    List<SymInt> ends = c.symbolic(2);
    if (ends == null || i >= ends.size()) {
      return Dim.UNKNOWN;
    }
    SymInt end = ends.get(i);
    if (end.isConst()) { // computed by shape ops, not yet folded to a constant
      return d.isFixed() ? Dim.of(sliceLength(d.size(), start, end.value(), step))
          : isWhole(start, end.value(), step) ? d : Dim.UNKNOWN;
    }
    if (!end.isSym() || start != 0 || step != 1 || !(d.isFixed() || d.equals(end.toDim()))) {
      return Dim.UNKNOWN;
    }
    return end.toDim();
  }

  private static boolean isWhole(long start, long end, long step) {
    if (step == 1) {
      return start == 0 && end >= OPEN_END;
    }
    return step == -1 && start == -1 && end <= -OPEN_END;
  }

  private static long[] defaultAxes(int n) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  public static TensorType pad(ShapeContext c) {
    TensorType x = c.in(0);
    int r = x.rank();
    long[] pads = c.constLongs(1);
    long[] axes = c.has(3) ? c.constLongs(3) : defaultAxes(r);
    if (pads == null || axes == null) {
      return x.withDims(Dims.unknown(r));
    }
    if (pads.length != 2 * axes.length) {
      throw c.fail("pads has " + pads.length + " values for " + axes.length + " axes (needs " + 2 * axes.length + ")");
    }
    if (c.has(2) && Dims.staticCount(c.in(2).dims()) > 1) {
      throw c.fail("constant_value " + c.in(2) + " must be a scalar");
    }
    List<Dim> out = new ArrayList<>(x.dims());
    for (int i = 0; i < axes.length; i++) {
      int ax = c.axis(axes[i], r, false, "pad axis");
      long add = pads[i] + pads[i + axes.length];
      Dim d = x.dim(ax);
      if (d.isFixed()) {
        long size = d.size() + add;
        if (size < 0) {
          throw c.fail("pads " + pads[i] + "," + pads[i + axes.length] + " make axis " + ax + " of " + x + " negative");
        }
        out.set(ax, Dim.of(size));
      } else if (pads[i] != 0 || pads[i + axes.length] != 0) {
        out.set(ax, Dim.UNKNOWN);
      }
    }
    return x.withDims(out);
  }
}
