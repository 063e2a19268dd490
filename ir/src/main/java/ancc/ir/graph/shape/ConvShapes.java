package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Output types of convolutions and pooling (spatial ops on [N, C, spatial...] tensors). */
public final class ConvShapes {
  private ConvShapes() {}

  public static TensorType conv(ShapeContext c, Op.Conv op) {
    TensorType x = c.in(0);
    TensorType w = c.in(1);
    int spatial = spatialRank(c, x, "input");
    if (w.rank() != x.rank()) {
      throw c.fail("weight " + w + " must have the rank of input " + x);
    }
    checkAttrs(c, spatial, op.strides(), op.pads(), op.dilations());
    long group = op.group();
    if (group < 1) {
      throw c.fail("group " + group + " must be at least 1");
    }
    Dim cin = x.dim(1);
    Dim wc = w.dim(1);
    if (cin.isFixed() && wc.isFixed() && cin.size() != wc.size() * group) {
      throw c.fail("input channels " + cin.size() + " do not match weight channels " + wc.size() + " x group " + group);
    }
    Dim m = w.dim(0);
    if (m.isFixed() && m.size() % group != 0) {
      throw c.fail("output channels " + m.size() + " are not divisible by group " + group);
    }
    checkBias(c, m);
    List<Dim> out = new ArrayList<>();
    out.add(x.dim(0));
    out.add(m);
    for (int i = 0; i < spatial; i++) {
      Dim k = w.dim(2 + i);
      Dim in = x.dim(2 + i);
      if (!k.isFixed() || !in.isFixed()) {
        out.add(Dim.UNKNOWN);
        continue;
      }
      out.add(windowOut(c, in.size(), k.size(), op.strides().get(i), op.pads().get(i),
          op.pads().get(i + spatial), op.dilations().get(i), false, i));
    }
    return new TensorType(x.dtype(), out);
  }

  public static TensorType convTranspose(ShapeContext c, Op.ConvTranspose op) {
    TensorType x = c.in(0);
    TensorType w = c.in(1);
    int spatial = spatialRank(c, x, "input");
    if (w.rank() != x.rank()) {
      throw c.fail("weight " + w + " must have the rank of input " + x);
    }
    checkAttrs(c, spatial, op.strides(), op.pads(), op.dilations());
    if (op.outputPadding().size() != spatial) {
      throw c.fail("output_padding has " + op.outputPadding().size() + " values for " + spatial + " spatial dims");
    }
    long group = op.group();
    if (group < 1) {
      throw c.fail("group " + group + " must be at least 1");
    }
    c.requireSame(x.dim(1), w.dim(0), "input channels " + x.dim(1) + " do not match weight channels " + w.dim(0));
    Dim m = w.dim(1).isFixed() ? Dim.of(w.dim(1).size() * group) : (group == 1 ? w.dim(1) : Dim.UNKNOWN);
    checkBias(c, m);
    List<Dim> out = new ArrayList<>();
    out.add(x.dim(0));
    out.add(m);
    for (int i = 0; i < spatial; i++) {
      Dim k = w.dim(2 + i);
      Dim in = x.dim(2 + i);
      if (!k.isFixed() || !in.isFixed()) {
        out.add(Dim.UNKNOWN);
        continue;
      }
      long s = op.strides().get(i);
      long d = op.dilations().get(i);
      long size = s * (in.size() - 1) + op.outputPadding().get(i) + (k.size() - 1) * d + 1
          - op.pads().get(i) - op.pads().get(i + spatial);
      if (size <= 0) {
        throw c.fail("spatial dim " + i + " of the output would be " + size);
      }
      out.add(Dim.of(size));
    }
    return new TensorType(x.dtype(), out);
  }

  public static TensorType pool(ShapeContext c, List<Long> kernel, List<Long> strides, List<Long> pads,
      List<Long> dilations, boolean ceilMode) {
    TensorType x = c.in(0);
    int spatial = spatialRank(c, x, "input");
    if (kernel.size() != spatial) {
      throw c.fail("kernel_shape has " + kernel.size() + " values for " + spatial + " spatial dims");
    }
    checkAttrs(c, spatial, strides, pads, dilations);
    List<Dim> out = new ArrayList<>();
    out.add(x.dim(0));
    out.add(x.dim(1));
    for (int i = 0; i < spatial; i++) {
      Dim in = x.dim(2 + i);
      if (kernel.get(i) < 1) {
        throw c.fail("kernel_shape value " + kernel.get(i) + " must be positive");
      }
      if (!in.isFixed()) {
        out.add(Dim.UNKNOWN);
        continue;
      }
      out.add(windowOut(c, in.size(), kernel.get(i), strides.get(i), pads.get(i), pads.get(i + spatial),
          dilations.get(i), ceilMode, i));
    }
    return new TensorType(x.dtype(), out);
  }

  public static TensorType globalPool(ShapeContext c) {
    TensorType x = c.in(0);
    spatialRank(c, x, "input");
    List<Dim> out = new ArrayList<>();
    out.add(x.dim(0));
    out.add(x.dim(1));
    for (int i = 2; i < x.rank(); i++) {
      out.add(Dim.of(1));
    }
    return new TensorType(x.dtype(), out);
  }

  /** Sliding-window output length (floor or ceil mode; ceil windows must start inside the input or begin padding). */
  static Dim windowOut(ShapeContext c, long in, long k, long stride, long padBegin, long padEnd, long dilation,
      boolean ceil, int axis) {
    long span = dilation * (k - 1) + 1;
    long avail = in + padBegin + padEnd - span;
    if (avail < 0) {
      throw c.fail("kernel extent " + span + " exceeds padded input size " + (in + padBegin + padEnd)
          + " in spatial dim " + axis);
    }
    long out = ceil ? Math.floorDiv(avail + stride - 1, stride) + 1 : avail / stride + 1;
    if (ceil && (out - 1) * stride >= in + padBegin) {
      out--;
    }
    return Dim.of(out);
  }

  private static int spatialRank(ShapeContext c, TensorType x, String what) {
    if (x.rank() < 3) {
      throw c.fail(what + " " + x + " must have rank 3 or more ([N, C, spatial...])");
    }
    return x.rank() - 2;
  }

  private static void checkAttrs(ShapeContext c, int spatial, List<Long> strides, List<Long> pads,
      List<Long> dilations) {
    if (strides.size() != spatial) {
      throw c.fail("strides has " + strides.size() + " values for " + spatial + " spatial dims");
    }
    if (dilations.size() != spatial) {
      throw c.fail("dilations has " + dilations.size() + " values for " + spatial + " spatial dims");
    }
    if (pads.size() != 2 * spatial) {
      throw c.fail("pads has " + pads.size() + " values for " + spatial + " spatial dims (needs " + 2 * spatial + ")");
    }
    for (long s : strides) {
      if (s < 1) {
        throw c.fail("stride " + s + " must be positive");
      }
    }
    for (long d : dilations) {
      if (d < 1) {
        throw c.fail("dilation " + d + " must be positive");
      }
    }
    for (long p : pads) {
      if (p < 0) {
        throw c.fail("pad " + p + " must not be negative");
      }
    }
  }

  private static void checkBias(ShapeContext c, Dim m) {
    if (c.has(2)) {
      TensorType b = c.in(2);
      if (b.rank() != 1) {
        throw c.fail("bias " + b + " must be 1-D");
      }
      c.requireSame(b.dim(0), m, "bias length " + b.dim(0) + " does not match output channels " + m);
    }
  }
}
