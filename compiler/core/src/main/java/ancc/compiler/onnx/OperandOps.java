package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.AttributeProto;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ops whose operands moved from attributes to inputs across opsets (Clip, Split, Slice, Squeeze,
 * Unsqueeze, Pad, Dropout, Reduce*, Resize) and Constant. For an older-opset node the attribute
 * values become new module constants named after the node's first output ({@code y.axes}).
 */
final class OperandOps {
  private OperandOps() {}

  static Lowered clip(NodeContext c) {
    Value x = c.req(0);
    if (c.opset >= 11) {
      return Lowered.of(new Op.Clip(), c.inputs(3));
    }
    List<Value> in = new ArrayList<>();
    in.add(x);
    in.add(c.has("min") ? c.addScalar("min", c.f("min", 0), x.type()) : null);
    in.add(c.has("max") ? c.addScalar("max", c.f("max", 0), x.type()) : null);
    return Lowered.of(new Op.Clip(), trim(in));
  }

  static Lowered split(NodeContext c) {
    Value x = c.req(0);
    int outs = c.node.getOutputCount();
    if (outs < 1) {
      throw c.fail("has no outputs");
    }
    Value split = null;
    if (c.opset >= 13 || (c.opset < 2 && c.in(1) != null)) {
      split = c.in(1); // Split-1 took the sizes as an attribute or an input
    } else if (c.ints("split") != null && !c.ints("split").isEmpty()) {
      split = c.addLongs("split", c.ints("split"));
    }
    if (c.opset >= 18 && split == null && c.has("num_outputs") && c.i("num_outputs", 0) != outs) {
      throw c.fail("num_outputs " + c.i("num_outputs", 0) + " does not match its " + outs + " outputs");
    }
    List<Value> in = new ArrayList<>();
    in.add(x);
    in.add(split);
    return new Lowered(new Op.Split(c.i("axis", 0)), trim(in), outs);
  }

  static Lowered slice(NodeContext c) {
    Value x = c.req(0);
    if (c.opset >= 10) {
      List<Value> in = c.inputs(5);
      c.req(1);
      c.req(2);
      return Lowered.of(new Op.Slice(), in);
    }
    List<Value> in = new ArrayList<>();
    in.add(x);
    in.add(c.addLongs("starts", c.reqInts("starts")));
    in.add(c.addLongs("ends", c.reqInts("ends")));
    List<Long> axes = c.ints("axes");
    in.add(axes == null ? null : c.addLongs("axes", axes));
    return Lowered.of(new Op.Slice(), trim(in));
  }

  static Lowered squeeze(NodeContext c) {
    Value x = c.req(0);
    if (c.opset >= 13) {
      return Lowered.of(new Op.Squeeze(), c.inputs(2));
    }
    List<Long> axes = c.ints("axes");
    List<Value> in = new ArrayList<>();
    in.add(x);
    if (axes != null) {
      in.add(c.addLongs("axes", axes));
    }
    return Lowered.of(new Op.Squeeze(), in);
  }

  static Lowered unsqueeze(NodeContext c) {
    Value x = c.req(0);
    if (c.opset >= 13) {
      return Lowered.of(new Op.Unsqueeze(), List.of(x, c.req(1)));
    }
    return Lowered.of(new Op.Unsqueeze(), List.of(x, c.addLongs("axes", c.reqInts("axes"))));
  }

  static Lowered pad(NodeContext c) {
    Value x = c.req(0);
    String modeText = c.s("mode", "constant");
    Op.PadMode mode;
    switch (modeText) {
      case "constant": mode = Op.PadMode.CONSTANT; break;
      case "reflect": mode = Op.PadMode.REFLECT; break;
      case "edge": mode = Op.PadMode.EDGE; break;
      case "wrap": mode = Op.PadMode.WRAP; break;
      default: throw c.unsupported("pad mode '" + modeText + "' is not supported");
    }
    if (c.opset >= 11) {
      c.req(1);
      return Lowered.of(new Op.Pad(mode), c.inputs(4));
    }
    List<Value> in = new ArrayList<>();
    in.add(x);
    in.add(c.addLongs("pads", c.opset < 2 ? c.reqInts("paddings") : c.reqInts("pads")));
    float value = c.f("value", 0f);
    in.add(value != 0f ? c.addScalar("constant_value", value, x.type()) : null);
    return Lowered.of(new Op.Pad(mode), trim(in));
  }

  static Lowered dropout(NodeContext c) {
    Value x = c.req(0);
    int outs = c.outputName(1).isEmpty() ? 1 : 2;
    if (c.opset >= 12) {
      Tensor training = c.constant(c.in(2));
      if (c.in(2) != null && (training == null || training.getLong(0) != 0)) {
        // training_mode true or computed: an identity only when the ratio is a constant 0 (torchvision's Swin-T)
        Tensor ratio = c.in(1) == null ? null : c.constant(c.in(1));
        if (ratio == null || ratio.size() != 1 || ratio.getDouble(0) != 0) {
          throw c.unsupported("training_mode must be a constant false (inference only), or the ratio a constant 0");
        }
        return new Lowered(new Op.Dropout(), List.of(x), outs);
      }
      return new Lowered(new Op.Dropout(), c.inputs(3), outs);
    }
    LegacyOpsets.requireTestMode(c);
    List<Value> in = new ArrayList<>();
    in.add(x);
    if (c.has("ratio")) {
      in.add(c.addConstant("ratio", Tensor.scalar(c.f("ratio", 0.5f))));
    }
    return new Lowered(new Op.Dropout(), in, outs);
  }

  /** Reduce ops: axes is an input from {@code axesInputOpset} on (13 for ReduceSum, 18 for the others). */
  static Lowered reduce(NodeContext c, Op.ReduceOp kind, int axesInputOpset) {
    Value x = c.req(0);
    boolean keep = c.i("keepdims", 1) != 0;
    if (c.opset >= axesInputOpset) {
      boolean noop = c.i("noop_with_empty_axes", 0) != 0;
      return Lowered.of(new Op.Reduce(kind, keep, noop), c.inputs(2));
    }
    List<Long> axes = c.ints("axes");
    List<Value> in = new ArrayList<>();
    in.add(x);
    if (axes != null && !axes.isEmpty()) {
      in.add(c.addLongs("axes", axes));
    }
    return Lowered.of(new Op.Reduce(kind, keep, false), in);
  }

  static Lowered resize(NodeContext c) {
    Value x = c.req(0);
    String mode = c.s("mode", "nearest");
    boolean interp = mode.equals("linear") || mode.equals("cubic");
    if (!mode.equals("nearest") && !(interp && c.opset >= 11)) {
      throw c.unsupported("mode '" + mode + "' is not supported (nearest; linear and cubic from opset 11)");
    }
    if (c.i("antialias", 0) != 0) {
      throw c.unsupported("antialias is not supported");
    }
    if (c.opset < 11) {
      return Lowered.of(new Op.Resize(Op.CoordMode.ASYMMETRIC, Op.NearestMode.FLOOR),
          trim(nullsAround(x, c.req(1))));
    }
    if (c.has("axes")) {
      throw c.unsupported("attribute 'axes' is not supported");
    }
    String policy = c.s("keep_aspect_ratio_policy", "stretch");
    if (!policy.equals("stretch")) {
      throw c.unsupported("keep_aspect_ratio_policy '" + policy + "' is not supported");
    }
    Op.CoordMode coord = coordMode(c, c.s("coordinate_transformation_mode", "half_pixel"));
    Op.NearestMode nearest = nearestMode(c, c.s("nearest_mode", "round_prefer_floor"));
    List<Value> in = c.inputs(4);
    List<Value> fixed = new ArrayList<>(in);
    if (fixed.size() > 2) {
      Tensor scales = c.constant(fixed.get(2));
      if (scales != null && scales.size() == 0 && fixed.size() > 3 && fixed.get(3) != null) {
        fixed.set(2, null); // opset 11-12 models pass an empty scales tensor next to sizes
      }
    }
    if (fixed.size() > 1 && fixed.get(1) != null) {
      Tensor roi = c.constant(fixed.get(1));
      if (roi != null && roi.size() == 0) {
        fixed.set(1, null);
      }
    }
    if (interp) {
      if (coord == Op.CoordMode.TF_HALF_PIXEL_FOR_NN) {
        throw c.unsupported("coordinate_transformation_mode 'tf_half_pixel_for_nn' applies to nearest only");
      }
      Op.InterpMode m = mode.equals("linear") ? Op.InterpMode.LINEAR : Op.InterpMode.CUBIC;
      return Lowered.of(new Op.ResizeInterp(m, coord, c.f("cubic_coeff_a", -0.75f), c.i("exclude_outside", 0) != 0),
          trim(fixed));
    }
    return Lowered.of(new Op.Resize(coord, nearest), trim(fixed));
  }

  private static List<Value> nullsAround(Value x, Value scales) {
    List<Value> in = new ArrayList<>();
    in.add(x);
    in.add(null);
    in.add(scales);
    return in;
  }

  private static Op.CoordMode coordMode(NodeContext c, String s) {
    switch (s) {
      case "half_pixel": return Op.CoordMode.HALF_PIXEL;
      case "asymmetric": return Op.CoordMode.ASYMMETRIC;
      case "pytorch_half_pixel": return Op.CoordMode.PYTORCH_HALF_PIXEL;
      case "align_corners": return Op.CoordMode.ALIGN_CORNERS;
      case "tf_half_pixel_for_nn": return Op.CoordMode.TF_HALF_PIXEL_FOR_NN;
      default: throw c.unsupported("coordinate_transformation_mode '" + s + "' is not supported");
    }
  }

  private static Op.NearestMode nearestMode(NodeContext c, String s) {
    try {
      return Op.NearestMode.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw c.unsupported("nearest_mode '" + s + "' is not supported");
    }
  }

  /** The tensor of a Constant node (one of value, value_float(s), value_int(s)). */
  static Tensor constant(NodeContext c, Path baseDir) {
    AttributeProto a = c.node.getAttributeCount() == 1 ? c.node.getAttribute(0) : null;
    if (a == null) {
      throw c.fail("needs exactly one value attribute, has " + c.node.getAttributeCount());
    }
    AttributeProto.AttributeType type = switch (a.getName()) {
      case "value" -> AttributeProto.AttributeType.TENSOR;
      case "value_float" -> AttributeProto.AttributeType.FLOAT;
      case "value_int" -> AttributeProto.AttributeType.INT;
      case "value_floats" -> AttributeProto.AttributeType.FLOATS;
      case "value_ints" -> AttributeProto.AttributeType.INTS;
      default -> null;
    };
    if (type != null) {
      c.attr(a.getName(), type);
    }
    switch (a.getName()) {
      case "value": return OnnxTensors.fromProto(a.getT(), baseDir, c.where());
      case "value_float": return Tensor.scalar(a.getF());
      case "value_int": return Tensor.ofLongs(new long[0], new long[] {a.getI()});
      case "value_floats": {
        float[] f = new float[a.getFloatsCount()];
        for (int i = 0; i < f.length; i++) {
          f[i] = a.getFloats(i);
        }
        return Tensor.ofFloats(new long[] {f.length}, f);
      }
      case "value_ints": {
        long[] l = new long[a.getIntsCount()];
        for (int i = 0; i < l.length; i++) {
          l[i] = a.getInts(i);
        }
        return Tensor.vector(l);
      }
      default: throw c.unsupported("attribute '" + a.getName() + "' is not supported");
    }
  }

  /** Drops trailing absent operands. */
  static List<Value> trim(List<Value> in) {
    List<Value> out = new ArrayList<>(in);
    while (!out.isEmpty() && out.get(out.size() - 1) == null) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
