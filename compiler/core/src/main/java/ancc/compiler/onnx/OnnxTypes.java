package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.TensorShapeProto;
import ancc.compiler.onnx.proto.OnnxMl.TypeProto;
import ancc.compiler.onnx.proto.OnnxMl.ValueInfoProto;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX {@code ValueInfoProto} types to {@link TensorType}s. A {@code dim_param} becomes a
 * symbolic dim named after it with characters outside {@code [A-Za-z0-9_]} replaced by
 * {@code _} (and a leading {@code _} if it would start with a digit); a dim with neither value
 * nor param is {@link Dim#UNKNOWN}.
 */
final class OnnxTypes {
  private OnnxTypes() {}

  /** The tensor type of {@code vi}; {@code what} names it for errors, e.g. {@code "m.onnx: input 'x'"}. */
  static TensorType of(ValueInfoProto vi, String what) {
    TypeProto tp = vi.getType();
    if (!tp.hasTensorType()) {
      throw new UnsupportedOpException("type:" + tp.getValueCase(), what + ": only tensor types are supported, not "
          + tp.getValueCase().name().toLowerCase(java.util.Locale.ROOT));
    }
    TypeProto.Tensor t = tp.getTensorType();
    DType dtype = OnnxDTypes.fromCode(t.getElemType(), what);
    if (!t.hasShape()) {
      throw new UnsupportedOpException("type:unranked", what + ": tensors of unknown rank are not supported");
    }
    List<Dim> dims = new ArrayList<>();
    long count = 1;
    for (int i = 0; i < t.getShape().getDimCount(); i++) {
      TensorShapeProto.Dimension d = t.getShape().getDim(i);
      if (d.hasDimValue()) {
        long v = d.getDimValue();
        if (v < 0) {
          throw new InvalidInputException(what + ": negative dimension " + v + " at index " + i);
        }
        dims.add(Dim.of(v));
        count = count == 0 || v == 0 ? 0 : count > Long.MAX_VALUE / v ? Long.MAX_VALUE : count * v;
      } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
        dims.add(Dim.sym(sanitize(d.getDimParam())));
      } else {
        dims.add(Dim.UNKNOWN);
      }
    }
    if (count > (1L << 31)) {
      TensorType tt = new TensorType(dtype, dims);
      throw new InvalidInputException(what + ": " + tt + " has more than 2^31 elements");
    }
    return new TensorType(dtype, dims);
  }

  static String sanitize(String p) {
    StringBuilder sb = new StringBuilder();
    for (char ch : p.toCharArray()) {
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
      sb.append(ok ? ch : '_');
    }
    if (Character.isDigit(sb.charAt(0))) {
      sb.insert(0, '_');
    }
    return sb.toString();
  }
}
