package ancc.compiler.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.onnx.proto.OnnxMl.StringStringEntryProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxTensorsTest {
  @TempDir Path dir;

  private static TensorProto.Builder proto(String name, TensorProto.DataType t, long... dims) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(t.getNumber());
    for (long d : dims) {
      b.addDims(d);
    }
    return b;
  }

  private static byte[] le(int bytes, long... values) {
    ByteBuffer b = ByteBuffer.allocate(bytes * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      switch (bytes) {
        case 1: b.put((byte) v); break;
        case 2: b.putShort((short) v); break;
        case 4: b.putInt((int) v); break;
        default: b.putLong(v); break;
      }
    }
    return b.array();
  }

  @Test
  void rawFloatAndIntegerData() {
    byte[] f = le(4, Float.floatToIntBits(1.5f), Float.floatToIntBits(-2f));
    Tensor t = OnnxTensors.fromProto(proto("w", TensorProto.DataType.FLOAT, 2).setRawData(ByteString.copyFrom(f)).build(),
        dir, "m.onnx");
    assertEquals(DType.F32, t.dtype());
    assertArrayEquals(new float[] {1.5f, -2f}, t.floats());
    Tensor u8 = OnnxTensors.fromProto(proto("u", TensorProto.DataType.UINT8, 2)
        .setRawData(ByteString.copyFrom(new byte[] {(byte) 255, 3})).build(), dir, "m.onnx");
    assertArrayEquals(new long[] {255, 3}, u8.longs());
    Tensor i16 = OnnxTensors.fromProto(proto("s", TensorProto.DataType.INT16, 1)
        .setRawData(ByteString.copyFrom(le(2, -5))).build(), dir, "m.onnx");
    assertArrayEquals(new long[] {-5}, i16.longs());
    Tensor u32 = OnnxTensors.fromProto(proto("s", TensorProto.DataType.UINT32, 1)
        .setRawData(ByteString.copyFrom(le(4, 0xffffffffL))).build(), dir, "m.onnx");
    assertArrayEquals(new long[] {0xffffffffL}, u32.longs());
    Tensor d = OnnxTensors.fromProto(proto("d", TensorProto.DataType.DOUBLE)
        .setRawData(ByteString.copyFrom(le(8, Double.doubleToLongBits(0.25)))).build(), dir, "m.onnx");
    assertEquals(DType.F64, d.dtype());
    assertEquals(0, d.rank());
    assertArrayEquals(new float[] {0.25f}, d.floats());
  }

  @Test
  void halfAndBfloat16() {
    // 1.0 = 0x3C00, -2.0 = 0xC000, smallest subnormal 0x0001 = 2^-24, +inf 0x7C00
    Tensor h = OnnxTensors.fromProto(proto("h", TensorProto.DataType.FLOAT16, 4)
        .setRawData(ByteString.copyFrom(le(2, 0x3C00, 0xC000, 0x0001, 0x7C00))).build(), dir, "m.onnx");
    assertArrayEquals(new float[] {1f, -2f, 0x1p-24f, Float.POSITIVE_INFINITY}, h.floats());
    assertEquals(DType.F16, h.dtype());
    Tensor b = OnnxTensors.fromProto(proto("b", TensorProto.DataType.BFLOAT16, 2)
        .addInt32Data(0x3FC0).addInt32Data(0xC040).build(), dir, "m.onnx");
    assertArrayEquals(new float[] {1.5f, -3f}, b.floats());
  }

  @Test
  void typedFields() {
    Tensor f = OnnxTensors.fromProto(proto("f", TensorProto.DataType.FLOAT, 2, 1).addFloatData(1).addFloatData(2).build(),
        dir, "m.onnx");
    assertArrayEquals(new long[] {2, 1}, f.shape());
    Tensor l = OnnxTensors.fromProto(proto("l", TensorProto.DataType.INT64, 2).addInt64Data(-7).addInt64Data(9).build(),
        dir, "m.onnx");
    assertArrayEquals(new long[] {-7, 9}, l.longs());
    Tensor bool = OnnxTensors.fromProto(proto("b", TensorProto.DataType.BOOL, 2).addInt32Data(0).addInt32Data(1).build(),
        dir, "m.onnx");
    assertEquals(DType.BOOL, bool.dtype());
    assertArrayEquals(new long[] {0, 1}, bool.longs());
    Tensor u64 = OnnxTensors.fromProto(proto("u", TensorProto.DataType.UINT64, 1).addUint64Data(42).build(), dir, "m.onnx");
    assertArrayEquals(new long[] {42}, u64.longs());
    Tensor dd = OnnxTensors.fromProto(proto("d", TensorProto.DataType.DOUBLE, 1).addDoubleData(3.5).build(), dir, "m.onnx");
    assertArrayEquals(new float[] {3.5f}, dd.floats());
  }

  @Test
  void wrongElementCountNamesTheTensor() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxTensors.fromProto(
        proto("w", TensorProto.DataType.FLOAT, 3).addFloatData(1).build(), dir, "m.onnx"));
    assertTrue(e.getMessage().startsWith("m.onnx: tensor 'w'"), e.getMessage());
    assertTrue(e.getMessage().contains("float_data has 1 elements"), e.getMessage());
  }

  @Test
  void unsupportedTypeNamesTheTensor() {
    UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> OnnxTensors.fromProto(
        proto("s", TensorProto.DataType.STRING, 1).addStringData(ByteString.copyFromUtf8("x")).build(), dir, "m.onnx"));
    assertTrue(e.getMessage().contains("tensor 's'") && e.getMessage().contains("STRING"), e.getMessage());
  }

  private static TensorProto external(String name, String location, long offset, long length, long... dims) {
    TensorProto.Builder b = proto(name, TensorProto.DataType.FLOAT, dims)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location));
    if (offset >= 0) {
      b.addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)));
    }
    if (length >= 0) {
      b.addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length)));
    }
    return b.build();
  }

  @Test
  void externalDataInsideTheFolderWithOffset() throws IOException {
    Files.createDirectories(dir.resolve("weights"));
    byte[] data = le(4, 0, Float.floatToIntBits(7f), Float.floatToIntBits(8f));
    Files.write(dir.resolve("weights/w.bin"), data);
    Tensor t = OnnxTensors.fromProto(external("w", "weights/w.bin", 4, 8, 2), dir, "m.onnx");
    assertArrayEquals(new float[] {7f, 8f}, t.floats());
  }

  @Test
  void externalDataOutsideTheFolderIsRejected() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.write(dir.resolve("x.bin"), new byte[8]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> OnnxTensors.fromProto(external("w", "../x.bin", -1, -1, 2), model, "m.onnx"));
    assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("'../x.bin' is outside the model folder"),
        e.getMessage());
    String abs = dir.resolve("x.bin").toAbsolutePath().toString();
    InvalidInputException e2 = assertThrows(InvalidInputException.class,
        () -> OnnxTensors.fromProto(external("w", abs, -1, -1, 2), model, "m.onnx"));
    assertTrue(e2.getMessage().contains("outside the model folder"), e2.getMessage());
  }

  @Test
  void externalDataThroughSymlinkOutsideIsRejected() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.write(dir.resolve("x.bin"), new byte[8]);
    Files.createSymbolicLink(model.resolve("link.bin"), dir.resolve("x.bin"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> OnnxTensors.fromProto(external("w", "link.bin", -1, -1, 2), model, "m.onnx"));
    assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
  }

  @Test
  void externalDataFileTooShort() throws IOException {
    Files.write(dir.resolve("w.bin"), new byte[6]);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> OnnxTensors.fromProto(external("w", "w.bin", -1, -1, 2), dir, "m.onnx"));
    assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("too short"), e.getMessage());
  }

  @Test
  void readPbRoundTripsAndRejectsGarbage() throws IOException {
    Path pb = dir.resolve("input_0.pb");
    Files.write(pb, proto("x", TensorProto.DataType.INT64, 3).addInt64Data(1).addInt64Data(2).addInt64Data(3)
        .build().toByteArray());
    NamedTensor nt = OnnxTensors.readPb(pb);
    assertEquals("x", nt.name());
    assertArrayEquals(new long[] {1, 2, 3}, nt.tensor().longs());
    Path bad = dir.resolve("bad.pb");
    Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> OnnxTensors.readPb(bad));
    assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());
  }

  @Test
  void uint16TestDataReinterpretedAsBfloat16() {
    Tensor u16 = Tensor.ofLongs(DType.U16, new long[] {2}, new long[] {0x3FC0, 0xC040});
    Tensor bf = OnnxTensors.uint16BitsAsBfloat16(u16);
    assertEquals(DType.BF16, bf.dtype());
    assertArrayEquals(new float[] {1.5f, -3f}, bf.floats());
  }
}
