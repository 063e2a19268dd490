package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.TensorProto.DataType;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;

/** Mapping between ONNX element type codes and ancc {@link DType}s. */
public final class OnnxDTypes {
  private OnnxDTypes() {}

  /** The ancc type for ONNX type code {@code code}, or null if ancc has none. */
  public static DType fromCodeOrNull(int code) {
    DataType t = DataType.forNumber(code);
    if (t == null) {
      return null;
    }
    switch (t) {
      case FLOAT: return DType.F32;
      case DOUBLE: return DType.F64;
      case FLOAT16: return DType.F16;
      case BFLOAT16: return DType.BF16;
      case INT64: return DType.I64;
      case INT32: return DType.I32;
      case INT16: return DType.I16;
      case INT8: return DType.I8;
      case UINT8: return DType.U8;
      case UINT16: return DType.U16;
      case UINT32: return DType.U32;
      case UINT64: return DType.U64;
      case BOOL: return DType.BOOL;
      default: return null;
    }
  }

  /**
   * The ancc type for ONNX type code {@code code}; {@code what} names the tensor or value for the
   * error (e.g. {@code "model.onnx: initializer 'w'"}).
   *
   * @throws UnsupportedOpException for STRING, COMPLEX, FLOAT8 and other types ancc lacks
   */
  public static DType fromCode(int code, String what) {
    DType d = fromCodeOrNull(code);
    if (d == null) {
      DataType t = DataType.forNumber(code);
      String name = t == null ? "code " + code : t.name();
      throw new UnsupportedOpException("dtype:" + name, what + ": unsupported element type " + name);
    }
    return d;
  }

  /** Half-precision (IEEE 754 binary16) bits to float. */
  public static float halfToFloat(int bits) {
    int sign = (bits >>> 15) & 1;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    float v;
    if (exp == 0) {
      v = mant * 0x1p-24f; // subnormal: mant * 2^-14 * 2^-10
    } else if (exp == 31) {
      v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (mant << 13));
    }
    return sign == 1 ? -v : v;
  }

  /** bfloat16 bits (the upper half of a float32) to float. */
  public static float bfloat16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
