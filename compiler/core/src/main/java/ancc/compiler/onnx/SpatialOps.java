package ancc.compiler.onnx;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Conv, ConvTranspose, MaxPool and AveragePool. Attribute defaults are made explicit (strides and
 * dilations 1, pads 0) and {@code auto_pad} is resolved into explicit pads, which needs static
 * spatial input dims.
 */
final class SpatialOps {
  private SpatialOps() {}

  static Lowered conv(NodeContext c) {
    Value x = c.req(0);
    Value w = c.req(1);
    int sp = spatial(c, x);
    List<Long> kernel = kernel(c, w, sp);
    List<Long> strides = ones(c, "strides", sp);
    List<Long> dilations = ones(c, "dilations", sp);
    List<Long> pads = pads(c, x.type(), sp, kernel, strides, dilations);
    return Lowered.of(new Op.Conv(strides, pads, dilations, c.i("group", 1)), c.inputs(3));
  }

  static Lowered maxPool(NodeContext c) {
    if (c.outputUsed(1)) {
      throw c.unsupported("the Indices output is not supported");
    }
    Value x = c.req(0);
    int sp = spatial(c, x);
    List<Long> kernel = c.reqInts("kernel_shape");
    List<Long> strides = ones(c, "strides", sp);
    List<Long> dilations = ones(c, "dilations", sp);
    List<Long> pads = pads(c, x.type(), sp, kernel, strides, dilations);
    return Lowered.of(new Op.MaxPool(kernel, strides, pads, dilations, c.i("ceil_mode", 0) != 0), List.of(x));
  }

  static Lowered averagePool(NodeContext c) {
    Value x = c.req(0);
    int sp = spatial(c, x);
    List<Long> kernel = c.reqInts("kernel_shape");
    List<Long> strides = ones(c, "strides", sp);
    List<Long> dilations = ones(c, "dilations", sp);
    List<Long> pads = pads(c, x.type(), sp, kernel, strides, dilations);
    return Lowered.of(new Op.AveragePool(kernel, strides, pads, dilations, c.i("ceil_mode", 0) != 0,
        c.i("count_include_pad", 0) != 0), List.of(x));
  }

  static Lowered convTranspose(NodeContext c) {
    Value x = c.req(0);
    Value w = c.req(1);
    int sp = spatial(c, x);
    List<Long> kernel = kernel(c, w, sp);
    List<Long> strides = ones(c, "strides", sp);
    List<Long> dilations = ones(c, "dilations", sp);
    List<Long> outPad = new ArrayList<>(c.ints("output_padding", Collections.nCopies(sp, 0L)));
    if (outPad.size() != sp) {
      throw c.fail("output_padding has " + outPad.size() + " values for " + sp + " spatial dims");
    }
    String autoPad = c.s("auto_pad", "NOTSET");
    List<Long> outputShape = c.ints("output_shape");
    List<Long> pads;
    if (outputShape != null && !outputShape.isEmpty()) {
      if (outputShape.size() == sp + 2) {
        outputShape = outputShape.subList(2, sp + 2);
      }
      if (outputShape.size() != sp) {
        throw c.fail("output_shape has " + outputShape.size() + " values for " + sp + " spatial dims");
      }
      pads = transposePads(c, x.type(), sp, kernel, strides, dilations, outPad, outputShape, autoPad);
    } else if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
      List<Long> target = new ArrayList<>();
      for (int i = 0; i < sp; i++) {
        target.add(staticDim(c, x.type(), 2 + i, autoPad) * strides.get(i));
      }
      pads = transposePads(c, x.type(), sp, kernel, strides, dilations, outPad, target, autoPad);
    } else if (autoPad.equals("VALID")) {
      pads = Collections.nCopies(2 * sp, 0L);
    } else if (autoPad.equals("NOTSET")) {
      pads = explicitPads(c, sp);
    } else {
      throw c.fail("unknown auto_pad '" + autoPad + "'");
    }
    return Lowered.of(new Op.ConvTranspose(strides, pads, dilations, outPad, c.i("group", 1)), c.inputs(3));
  }

  /** Pads that make a ConvTranspose produce {@code target}; a shortfall goes into output_padding. */
  private static List<Long> transposePads(NodeContext c, TensorType x, int sp, List<Long> kernel, List<Long> strides,
      List<Long> dilations, List<Long> outPad, List<Long> target, String autoPad) {
    Long[] pads = new Long[2 * sp];
    for (int i = 0; i < sp; i++) {
      long in = staticDim(c, x, 2 + i, "output_shape");
      long full = strides.get(i) * (in - 1) + outPad.get(i) + (kernel.get(i) - 1) * dilations.get(i) + 1;
      long total = full - target.get(i);
      if (total < 0) {
        outPad.set(i, outPad.get(i) - total);
        total = 0;
      }
      boolean upper = autoPad.equals("SAME_UPPER");
      pads[i] = upper ? total / 2 : total - total / 2;
      pads[i + sp] = total - pads[i];
    }
    return List.of(pads);
  }

  private static int spatial(NodeContext c, Value x) {
    int r = x.type().rank();
    if (r < 3) {
      throw c.fail("input '" + x.name() + "' " + x.type() + " must have rank 3 or more ([N, C, spatial...])");
    }
    return r - 2;
  }

  private static List<Long> kernel(NodeContext c, Value w, int sp) {
    List<Long> k = c.ints("kernel_shape");
    if (k != null) {
      if (k.size() != sp) {
        throw c.fail("kernel_shape has " + k.size() + " values for " + sp + " spatial dims");
      }
      return k;
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < sp; i++) {
      out.add(staticDim(c, w.type(), 2 + i, "kernel_shape (weight dims)"));
    }
    return out;
  }

  private static List<Long> ones(NodeContext c, String name, int sp) {
    List<Long> v = c.ints(name);
    if (v == null || v.isEmpty()) {
      return Collections.nCopies(sp, 1L);
    }
    if (v.size() != sp) {
      throw c.fail(name + " has " + v.size() + " values for " + sp + " spatial dims");
    }
    return v;
  }

  private static List<Long> explicitPads(NodeContext c, int sp) {
    List<Long> p = c.ints("pads");
    if (p == null || p.isEmpty()) {
      return Collections.nCopies(2 * sp, 0L);
    }
    if (p.size() != 2 * sp) {
      throw c.fail("pads has " + p.size() + " values for " + sp + " spatial dims (needs " + 2 * sp + ")");
    }
    return p;
  }

  /** Explicit pads, resolving auto_pad SAME_UPPER / SAME_LOWER / VALID. */
  private static List<Long> pads(NodeContext c, TensorType x, int sp, List<Long> kernel, List<Long> strides,
      List<Long> dilations) {
    String autoPad = c.s("auto_pad", "NOTSET");
    switch (autoPad) {
      case "NOTSET": return explicitPads(c, sp);
      case "VALID": return Collections.nCopies(2 * sp, 0L);
      case "SAME_UPPER":
      case "SAME_LOWER":
        break;
      default: throw c.fail("unknown auto_pad '" + autoPad + "'");
    }
    Long[] pads = new Long[2 * sp];
    for (int i = 0; i < sp; i++) {
      long in = staticDim(c, x, 2 + i, "auto_pad " + autoPad);
      long s = strides.get(i);
      long out = (in + s - 1) / s;
      long total = Math.max(0, (out - 1) * s + (kernel.get(i) - 1) * dilations.get(i) + 1 - in);
      long small = total / 2;
      boolean upper = autoPad.equals("SAME_UPPER");
      pads[i] = upper ? small : total - small;
      pads[i + sp] = total - pads[i];
    }
    return List.of(pads);
  }

  private static long staticDim(NodeContext c, TensorType t, int axis, String why) {
    Dim d = t.dim(axis);
    if (!d.isFixed()) {
      throw c.unsupported(why + " needs a static size for dim " + axis + " of " + t);
    }
    return d.size();
  }
}
