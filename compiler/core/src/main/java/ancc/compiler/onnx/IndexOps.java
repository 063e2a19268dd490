package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.AttributeProto;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.List;

/**
 * Maps the scatter/gather family (GatherND, ScatterElements, Scatter, ScatterND), TopK, OneHot,
 * EyeLike, BitShift, Shrink, the linear quantization ops, the signal windows,
 * MeanVarianceNormalization, Upsample (nearest, as a Resize) and the recurrent layers
 * ({@link RecurrentOps}).
 */
final class IndexOps {
  private IndexOps() {}

  static Lowered convert(NodeContext c) {
    switch (c.opType()) {
      case "BitShift": return bitShift(c);
      case "Shrink": return one(c, new Op.Shrink(c.f("bias", 0f), c.f("lambd", 0.5f)));
      case "EyeLike": return eyeLike(c);
      case "TopK": return topK(c);
      case "OneHot": return Lowered.of(new Op.OneHot(c.i("axis", -1)), List.of(c.req(0), c.req(1), c.req(2)));
      case "GatherND": return Lowered.of(new Op.GatherND(c.i("batch_dims", 0)), List.of(c.req(0), c.req(1)));
      case "Scatter":
      case "ScatterElements":
        return Lowered.of(new Op.ScatterElements(c.i("axis", 0), reduction(c)), List.of(c.req(0), c.req(1), c.req(2)));
      case "ScatterND": return Lowered.of(new Op.ScatterND(reduction(c)), List.of(c.req(0), c.req(1), c.req(2)));
      case "QuantizeLinear": return quantize(c, new Op.QuantizeLinear(c.i("axis", 1)));
      case "DequantizeLinear": return quantize(c, new Op.DequantizeLinear(c.i("axis", 1)));
      case "DynamicQuantizeLinear": return new Lowered(new Op.DynamicQuantizeLinear(), List.of(c.req(0)), 3);
      case "HannWindow": return window(c, Op.WindowKind.HANN);
      case "HammingWindow": return window(c, Op.WindowKind.HAMMING);
      case "BlackmanWindow": return window(c, Op.WindowKind.BLACKMAN);
      case "MeanVarianceNormalization":
        return one(c, new Op.MeanVarianceNormalization(c.ints("axes", List.of(0L, 2L, 3L))));
      case "Upsample": return upsample(c);
      case "MatMulInteger": return Lowered.of(new Op.MatMulInteger(), c.inputs(4));
      case "GridSample": return gridSample(c);
      case "NonZero": return one(c, new Op.NonZero());
      case "Unique":
        return new Lowered(new Op.Unique(c.i("sorted", 1) != 0, c.has("axis"), c.i("axis", 0)), List.of(c.req(0)), 4);
      case "NonMaxSuppression":
        return Lowered.of(new Op.NonMaxSuppression(c.i("center_point_box", 0) != 0), c.inputs(5));
      case "Compress":
        return Lowered.of(new Op.Compress(c.has("axis"), c.i("axis", 0)), List.of(c.req(0), c.req(1)));
      case "MaxUnpool":
        return Lowered.of(new Op.MaxUnpool(c.reqInts("kernel_shape"), c.ints("strides", List.of()),
            c.ints("pads", List.of())), c.inputs(3));
      case "QLinearMatMul": return qlinearMatMul(c);
      case "ReverseSequence":
        return Lowered.of(new Op.ReverseSequence(c.i("batch_axis", 1), c.i("time_axis", 0)), List.of(c.req(0), c.req(1)));
      case "RNN": return RecurrentOps.convert(c, Op.RnnKind.RNN);
      case "GRU": return RecurrentOps.convert(c, Op.RnnKind.GRU);
      case "LSTM": return RecurrentOps.convert(c, Op.RnnKind.LSTM);
      default: throw c.unsupported("unsupported operator");
    }
  }

  private static Lowered one(NodeContext c, Op op) {
    return Lowered.of(op, List.of(c.req(0)));
  }

  private static Lowered bitShift(NodeContext c) {
    String d = c.s("direction", "");
    switch (d) {
      case "LEFT": return Lowered.of(new Op.Binary(Op.BinaryOp.BIT_SHIFT_LEFT), List.of(c.req(0), c.req(1)));
      case "RIGHT": return Lowered.of(new Op.Binary(Op.BinaryOp.BIT_SHIFT_RIGHT), List.of(c.req(0), c.req(1)));
      default: throw c.fail("attribute 'direction' must be LEFT or RIGHT, got '" + d + "'");
    }
  }

  private static Lowered eyeLike(NodeContext c) {
    Value x = c.req(0);
    DType t = c.has("dtype") ? OnnxDTypes.fromCode((int) c.i("dtype", 0), c.where() + ": attribute 'dtype'")
        : x.type().dtype();
    return one(c, new Op.EyeLike(t, c.i("k", 0)));
  }

  /** TopK; before opset 10 K is an attribute. Both outputs are always produced. */
  private static Lowered topK(NodeContext c) {
    Value k = c.opset < 10 ? c.addLongs("k", List.of(c.i("k", -1))) : c.req(1);
    if (c.opset < 10 && !c.has("k")) {
      throw c.fail("missing required attribute 'k'");
    }
    if (c.node.getOutputCount() != 2) {
      throw c.fail("needs two outputs (values, indices)");
    }
    Op.TopK op = new Op.TopK(c.i("axis", -1), c.i("largest", 1) != 0, c.i("sorted", 1) != 0);
    return new Lowered(op, List.of(c.req(0), k), 2);
  }

  private static Op.ScatterReduction reduction(NodeContext c) {
    String r = c.s("reduction", "none");
    switch (r) {
      case "none": return Op.ScatterReduction.NONE;
      case "add": return Op.ScatterReduction.ADD;
      case "mul": return Op.ScatterReduction.MUL;
      case "max": return Op.ScatterReduction.MAX;
      case "min": return Op.ScatterReduction.MIN;
      default: throw c.fail("unknown reduction '" + r + "'");
    }
  }

  private static Lowered quantize(NodeContext c, Op op) {
    if (c.has("block_size") && c.i("block_size", 0) != 0) {
      throw c.unsupported("blocked quantization (block_size) is not supported");
    }
    return Lowered.of(op, c.inputs(3));
  }

  private static Lowered window(NodeContext c, Op.WindowKind kind) {
    DType t = OnnxDTypes.fromCode((int) c.i("output_datatype", 1), c.where() + ": attribute 'output_datatype'");
    return one(c, new Op.Window(kind, c.i("periodic", 1) != 0, t));
  }

  /** Upsample (opsets 7 to 9) in nearest mode: a Resize with asymmetric coordinates rounded down. */
  private static Lowered upsample(NodeContext c) {
    String mode = c.s("mode", "nearest");
    if (!mode.equals("nearest")) {
      throw c.unsupported("mode '" + mode + "' is not supported (only nearest)");
    }
    Value x = c.req(0);
    Value scales;
    if (c.opset < 9) {
      AttributeProto sa = c.attr("scales", AttributeProto.AttributeType.FLOATS);
      List<Float> s = sa == null ? null : sa.getFloatsList();
      if (s == null) {
        throw c.fail("missing required attribute 'scales'");
      }
      float[] f = new float[s.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = s.get(i);
      }
      scales = c.addConstant("scales", Tensor.ofFloats(new long[] {f.length}, f));
    } else {
      scales = c.req(1);
    }
    return Lowered.of(new Op.Resize(Op.CoordMode.ASYMMETRIC, Op.NearestMode.FLOOR),
        OperandOps.trim(java.util.Arrays.asList(x, null, scales)));
  }

  private static Lowered gridSample(NodeContext c) {
    Op.GridMode mode;
    String m = c.s("mode", c.opset < 20 ? "bilinear" : "linear");
    switch (m) {
      case "bilinear": case "linear": mode = Op.GridMode.BILINEAR; break;
      case "nearest": mode = Op.GridMode.NEAREST; break;
      case "bicubic": case "cubic": mode = Op.GridMode.BICUBIC; break;
      default: throw c.fail("unknown mode '" + m + "'");
    }
    Op.GridPadding padding;
    String p = c.s("padding_mode", "zeros");
    switch (p) {
      case "zeros": padding = Op.GridPadding.ZEROS; break;
      case "border": padding = Op.GridPadding.BORDER; break;
      case "reflection": padding = Op.GridPadding.REFLECTION; break;
      default: throw c.fail("unknown padding_mode '" + p + "'");
    }
    if (c.req(0).type().rank() != 4) {
      throw c.unsupported("only 4-D input [N,C,H,W] is supported, got " + c.req(0).type());
    }
    return Lowered.of(new Op.GridSample(mode, padding, c.i("align_corners", 0) != 0), List.of(c.req(0), c.req(1)));
  }

  /**
   * QLinearMatMul as MatMulInteger (exact i32 accumulation) -> Cast f32 -> Mul a_scale -> Mul
   * b_scale -> QuantizeLinear(y_scale, y_zero_point). Inputs: a, a_scale, a_zp, b, b_scale, b_zp,
   * y_scale, y_zp.
   */
  private static Lowered qlinearMatMul(NodeContext c) {
    for (int i : new int[] {1, 4, 6}) {
      if (c.req(i).type().rank() > 1 || c.req(i).type().dims().stream().anyMatch(d -> !d.isFixed() || d.size() != 1)) {
        throw c.unsupported("only per-tensor scales are supported");
      }
    }
    String y = c.outputName(0);
    Value acc = c.emit(new Op.MatMulInteger(), List.of(c.req(0), c.req(3), c.req(2), c.req(5)), y + ".acc", true);
    Value f = c.emit(new Op.Cast(c.req(1).type().dtype()), List.of(acc), y + ".acc_f", true);
    Value sa = c.emit(new Op.Binary(Op.BinaryOp.MUL), List.of(f, c.req(1)), y + ".scaled_a", true);
    Value sb = c.emit(new Op.Binary(Op.BinaryOp.MUL), List.of(sa, c.req(4)), y + ".scaled", true);
    return Lowered.of(new Op.QuantizeLinear(1), List.of(sb, c.req(6), c.req(7)));
  }
}
