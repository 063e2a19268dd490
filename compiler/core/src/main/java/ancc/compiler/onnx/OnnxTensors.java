package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes ONNX {@code TensorProto}s into ancc {@link Tensor}s: raw little-endian data, the typed
 * repeated fields, and external data files kept inside the model's folder.
 */
public final class OnnxTensors {
  /** Tensors larger than this many elements do not fit Java arrays (and exceed ancc's budget). */
  static final long MAX_ELEMENTS = 1L << 31;

  private OnnxTensors() {}

  /**
   * Decodes {@code t}. {@code baseDirForExternalData} is the folder of the model (external data
   * locations are resolved against it and must stay inside it); {@code context} prefixes every
   * error message (usually the model file name).
   *
   * @throws InvalidInputException naming the tensor for malformed data or escaping paths
   * @throws ancc.ir.UnsupportedOpException for element types ancc lacks
   */
  public static Tensor fromProto(TensorProto t, Path baseDirForExternalData, String context) {
    String what = context + ": tensor '" + t.getName() + "'";
    DType dtype = OnnxDTypes.fromCode(t.getDataType(), what);
    long[] shape = new long[t.getDimsCount()];
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = t.getDims(i);
      if (shape[i] < 0) {
        throw new InvalidInputException(what + ": negative dimension " + shape[i] + " at index " + i);
      }
      n = shape[i] == 0 || n == 0 ? 0 : multiplyCapped(n, shape[i]);
    }
    if (n > MAX_ELEMENTS - 1) {
      throw new InvalidInputException(what + ": " + dimsText(shape) + " has more than 2^31 elements");
    }
    int count = (int) n;
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      byte[] bytes = ExternalData.read(t, baseDirForExternalData, what, (long) count * dtype.byteSize());
      return fromRaw(dtype, shape, bytes, count, what);
    }
    if (t.hasRawData()) {
      return fromRaw(dtype, shape, t.getRawData().toByteArray(), count, what);
    }
    return fromTyped(t, dtype, shape, count, what);
  }

  /**
   * Reads a serialized {@code TensorProto} file (as in the ONNX test suite's
   * {@code test_data_set_N/input_0.pb}).
   *
   * @throws InvalidInputException naming the file when it cannot be read or parsed
   */
  public static NamedTensor readPb(Path pbFile) {
    String file = pbFile.toString();
    TensorProto t;
    try (InputStream in = Files.newInputStream(pbFile)) {
      CodedInputStream cis = CodedInputStream.newInstance(in);
      cis.setSizeLimit(Integer.MAX_VALUE);
      t = TensorProto.parseFrom(cis);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(file + ": not a valid ONNX TensorProto (truncated or corrupt protobuf)");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
    }
    if (!t.hasDataType() || t.getDataType() == 0) {
      throw new InvalidInputException(file + ": not a valid ONNX TensorProto (no data_type)");
    }
    Path parent = pbFile.toAbsolutePath().getParent();
    return new NamedTensor(t.getName(), fromProto(t, parent, file));
  }

  /**
   * A u16 tensor holding bfloat16 bit patterns (as older ONNX test data stores bfloat16) decoded
   * as a bf16 tensor; any other tensor is returned unchanged.
   */
  public static Tensor uint16BitsAsBfloat16(Tensor t) {
    if (t.dtype() != DType.U16) {
      return t;
    }
    long[] bits = t.longs();
    float[] f = new float[bits.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = OnnxDTypes.bfloat16ToFloat((int) bits[i]);
    }
    return Tensor.ofFloats(DType.BF16, t.shape(), f);
  }

  private static long multiplyCapped(long a, long b) {
    return a > MAX_ELEMENTS || b > MAX_ELEMENTS ? MAX_ELEMENTS : Math.min(MAX_ELEMENTS, a * b);
  }

  static String dimsText(long[] shape) {
    StringBuilder sb = new StringBuilder("shape [");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }

  private static Tensor fromRaw(DType dtype, long[] shape, byte[] raw, int count, String what) {
    long expected = (long) count * dtype.byteSize();
    if (raw.length != expected) {
      throw new InvalidInputException(what + ": raw data has " + raw.length + " bytes but " + dtypeText(dtype)
          + " " + dimsText(shape) + " needs " + expected);
    }
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    if (dtype.isFloating()) {
      float[] f = new float[count];
      for (int i = 0; i < count; i++) {
        switch (dtype) {
          case F32: f[i] = b.getFloat(); break;
          case F64: f[i] = (float) b.getDouble(); break;
          case F16: f[i] = OnnxDTypes.halfToFloat(b.getShort() & 0xffff); break;
          default: f[i] = OnnxDTypes.bfloat16ToFloat(b.getShort() & 0xffff); break;
        }
      }
      return Tensor.ofFloats(dtype, shape, f);
    }
    long[] l = new long[count];
    for (int i = 0; i < count; i++) {
      switch (dtype) {
        case I64: case U64: l[i] = b.getLong(); break;
        case I32: l[i] = b.getInt(); break;
        case U32: l[i] = b.getInt() & 0xffffffffL; break;
        case I16: l[i] = b.getShort(); break;
        case U16: l[i] = b.getShort() & 0xffff; break;
        case I8: l[i] = b.get(); break;
        case U8: l[i] = b.get() & 0xff; break;
        default: l[i] = b.get() != 0 ? 1 : 0; break; // BOOL
      }
    }
    return Tensor.ofLongs(dtype, shape, l);
  }

  private static Tensor fromTyped(TensorProto t, DType dtype, long[] shape, int count, String what) {
    int have;
    String field;
    switch (dtype) {
      case F32: have = t.getFloatDataCount(); field = "float_data"; break;
      case F64: have = t.getDoubleDataCount(); field = "double_data"; break;
      case I64: have = t.getInt64DataCount(); field = "int64_data"; break;
      case U32: case U64: have = t.getUint64DataCount(); field = "uint64_data"; break;
      default: have = t.getInt32DataCount(); field = "int32_data"; break;
    }
    if (have != count) {
      throw new InvalidInputException(what + ": " + field + " has " + have + " elements but "
          + dimsText(shape) + " needs " + count);
    }
    if (dtype.isFloating()) {
      float[] f = new float[count];
      for (int i = 0; i < count; i++) {
        switch (dtype) {
          case F32: f[i] = t.getFloatData(i); break;
          case F64: f[i] = (float) t.getDoubleData(i); break;
          case F16: f[i] = OnnxDTypes.halfToFloat(t.getInt32Data(i) & 0xffff); break;
          default: f[i] = OnnxDTypes.bfloat16ToFloat(t.getInt32Data(i) & 0xffff); break;
        }
      }
      return Tensor.ofFloats(dtype, shape, f);
    }
    long[] l = new long[count];
    for (int i = 0; i < count; i++) {
      switch (dtype) {
        case I64: l[i] = t.getInt64Data(i); break;
        case U32: case U64: l[i] = t.getUint64Data(i); break;
        case BOOL: l[i] = t.getInt32Data(i) != 0 ? 1 : 0; break;
        case U8: l[i] = t.getInt32Data(i) & 0xff; break;
        case U16: l[i] = t.getInt32Data(i) & 0xffff; break;
        case I8: l[i] = (byte) t.getInt32Data(i); break;
        case I16: l[i] = (short) t.getInt32Data(i); break;
        default: l[i] = t.getInt32Data(i); break;
      }
    }
    return Tensor.ofLongs(dtype, shape, l);
  }

  private static String dtypeText(DType d) {
    return d.text();
  }
}
