package ancc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

  @TempDir
  Path dir;

  /** A .npy file: magic, version, little-endian header length, header text, data. */
  static byte[] npy(int major, String header, byte[] data) {
    byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int lenBytes = major == 1 ? 2 : 4;
    ByteBuffer b = ByteBuffer.allocate(8 + lenBytes + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) h.length);
    } else {
      b.putInt(h.length);
    }
    return b.put(h).put(data).array();
  }

  static byte[] bytes(ByteOrder order, int size, double... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
    for (double v : values) {
      switch (size) {
        case 1 -> b.put((byte) v);
        case 2 -> b.putShort((short) v);
        case 4 -> b.putInt((int) v);
        default -> b.putLong((long) v);
      }
    }
    return b.array();
  }

  static String dict(String descr, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
  }

  @Test
  void roundTripsFloatIntegerAndBoolTensors() throws IOException {
    Tensor f = Tensor.ofFloats(new long[] {2, 3}, new float[] {0f, -1.5f, Float.MAX_VALUE, Float.NaN, 1e-30f, -0f});
    Tensor i = Tensor.ofLongs(new long[] {3}, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE});
    Tensor b = Tensor.ofLongs(DType.BOOL, new long[] {2, 1}, new long[] {1, 0});
    Tensor scalar = Tensor.scalar(3.25f);
    Tensor empty = Tensor.ofFloats(new long[] {0, 4}, new float[0]);
    for (Tensor t : new Tensor[] {f, i, b, scalar, empty}) {
      Path p = dir.resolve("t.npy");
      Npy.write(p, t);
      Tensor back = Npy.read(p);
      assertTrue(t.contentEquals(back), t + " -> " + back);
      assertEquals(0, (Files.size(p) - t.size() * elementBytes(t)) % 64, "header padded to 64 bytes");
    }
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  private static long elementBytes(Tensor t) {
    return t.isFloating() ? 4 : t.dtype() == DType.BOOL ? 1 : 8;
  }

  @Test
  void writesTheHeaderNumpyWrites() {
    byte[] out = Npy.encode(Tensor.ofFloats(new long[] {2, 3}, new float[6]));
    String header = new String(out, 10, out.length - 10 - 24, StandardCharsets.ISO_8859_1);
    assertEquals(128 + 24, out.length);
    assertEquals(1, out[6]);
    assertEquals(118, (out[8] & 0xff) | (out[9] & 0xff) << 8);
    assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   "), header);
    assertTrue(header.endsWith(" \n"));

    byte[] vec = Npy.encode(Tensor.vector(7, 8));
    assertTrue(new String(vec, StandardCharsets.ISO_8859_1).contains("'descr': '<i8', 'fortran_order': False, 'shape': (2,), }"));
    byte[] bool = Npy.encode(Tensor.ofLongs(DType.BOOL, new long[0], new long[] {5}));
    assertTrue(new String(bool, StandardCharsets.ISO_8859_1).contains("'descr': '|b1', 'fortran_order': False, 'shape': (), }"));
    assertEquals(1, bool[bool.length - 1]);
  }

  @Test
  void integerTypesOtherThanInt64AreWrittenAsInt64() {
    Tensor t = Tensor.ofLongs(DType.I32, new long[] {2}, new long[] {-3, 4});
    Tensor back = Npy.parse(Npy.encode(t), "x.npy");
    assertEquals(DType.I64, back.dtype());
    assertArrayEquals(new long[] {-3, 4}, back.longs());
  }

  @Test
  void readsVersion1HandWrittenFixture() {
    byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).array();
    Tensor t = Npy.parse(npy(1, dict("<f4", "(1, 2)"), data), "a.npy");
    assertEquals(DType.F32, t.dtype());
    assertArrayEquals(new long[] {1, 2}, t.shape());
    assertArrayEquals(new float[] {1.5f, -2f}, t.floats());
  }

  @Test
  void readsVersion2And3WithAnyKeyOrderAndQuotes() {
    String header = "{\"shape\": (3,), 'fortran_order': False, 'descr': '<i4'}    \n";
    Tensor t2 = Npy.parse(npy(2, header, bytes(ByteOrder.LITTLE_ENDIAN, 4, -1, 2, 70000)), "b.npy");
    assertEquals(DType.I32, t2.dtype());
    assertArrayEquals(new long[] {-1, 2, 70000}, t2.longs());
    Tensor t3 = Npy.parse(npy(3, dict("|u1", "(2, 2)"), bytes(ByteOrder.LITTLE_ENDIAN, 1, 0, 1, 200, 255)), "c.npy");
    assertEquals(DType.U8, t3.dtype());
    assertArrayEquals(new long[] {0, 1, 200, 255}, t3.longs());
  }

  @Test
  void readsEveryElementType() {
    ByteOrder le = ByteOrder.LITTLE_ENDIAN;
    assertArrayEquals(new long[] {-128, 5}, Npy.parse(npy(1, dict("|i1", "(2,)"), bytes(le, 1, -128, 5)), "x").longs());
    assertArrayEquals(new long[] {-300, 5}, Npy.parse(npy(1, dict("<i2", "(2,)"), bytes(le, 2, -300, 5)), "x").longs());
    assertArrayEquals(new long[] {-5_000_000_000L}, Npy.parse(npy(1, dict("<i8", "(1,)"), bytes(le, 8, -5e9)), "x").longs());
    assertArrayEquals(new long[] {65535}, Npy.parse(npy(1, dict("<u2", "(1,)"), bytes(le, 2, 65535)), "x").longs());
    assertArrayEquals(new long[] {4294967295L}, Npy.parse(npy(1, dict("<u4", "(1,)"), bytes(le, 4, -1)), "x").longs());
    Tensor bools = Npy.parse(npy(1, dict("|b1", "(3,)"), bytes(le, 1, 1, 0, 2)), "x");
    assertEquals(DType.BOOL, bools.dtype());
    assertArrayEquals(new long[] {1, 0, 1}, bools.longs());

    byte[] f8 = ByteBuffer.allocate(16).order(le).putDouble(0.1).putDouble(-1e300).array();
    Tensor d = Npy.parse(npy(1, dict("<f8", "(2,)"), f8), "x");
    assertEquals(DType.F32, d.dtype());
    assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, d.floats());

    // half: 1.0, -2.5, 65504 (max), smallest subnormal 2^-24, -0, +inf
    Tensor h = Npy.parse(npy(1, dict("<f2", "(6,)"), bytes(le, 2, 0x3c00, 0xc100, 0x7bff, 0x0001, 0x8000, 0x7c00)), "x");
    assertArrayEquals(new float[] {1f, -2.5f, 65504f, 0x1p-24f, -0f, Float.POSITIVE_INFINITY}, h.floats());
    assertTrue(Float.isNaN(NpyElement.halfToFloat((short) 0x7e00)));
  }

  @Test
  void convertsBigEndianFiles() {
    byte[] f8 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(1.5).putDouble(-2).array();
    assertArrayEquals(new float[] {1.5f, -2f}, Npy.parse(npy(2, dict(">f8", "(2,)"), f8), "x").floats());
    assertArrayEquals(new long[] {258, -2},
        Npy.parse(npy(1, dict(">i4", "(2,)"), bytes(ByteOrder.BIG_ENDIAN, 4, 258, -2)), "x").longs());
  }

  @Test
  void acceptsPython2LongLiteralsInShape() {
    Tensor t = Npy.parse(npy(1, dict("<i8", "(1L, 2L)"), bytes(ByteOrder.LITTLE_ENDIAN, 8, 1, 2)), "x");
    assertArrayEquals(new long[] {1, 2}, t.shape());
  }

  // ------------------------------------------------------------------ malformed input

  private static String fails(byte[] file) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.parse(file, "in.npy"));
    assertTrue(e.getMessage().startsWith("in.npy: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static byte[] f4(String header) {
    return npy(1, header, new byte[8]);
  }

  @Test
  void rejectsGarbageAndBadMagic() {
    assertTrue(fails("hello".getBytes(StandardCharsets.US_ASCII)).contains("not a .npy file"));
    assertTrue(fails("PK\3\4 a zip archive, not npy".getBytes(StandardCharsets.US_ASCII)).contains("magic"));
    assertTrue(fails(new byte[0]).contains("not a .npy file"));
  }

  @Test
  void rejectsUnknownVersion() {
    byte[] file = f4(dict("<f4", "(2,)"));
    file[6] = 4;
    assertTrue(fails(file).contains("version 4.0"));
    file[6] = 1;
    file[7] = 1;
    assertTrue(fails(file).contains("version 1.1"));
  }

  @Test
  void rejectsTruncatedHeaderAndData() {
    byte[] file = f4(dict("<f4", "(2,)"));
    assertTrue(fails(Arrays.copyOf(file, 9)).contains("header length"));
    assertTrue(fails(Arrays.copyOf(file, 40)).contains("truncated .npy header"));
    String m = fails(Arrays.copyOf(file, file.length - 3));
    assertTrue(m.contains("truncated .npy data") && m.contains("needs 8 bytes, the file has 5"), m);
    assertTrue(fails(Arrays.copyOf(file, file.length + 4)).contains("trailing bytes"));
  }

  @Test
  void rejectsFortranOrder() {
    String m = fails(f4("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }\n"));
    assertEquals("in.npy: Fortran-order arrays are not supported; save with np.ascontiguousarray", m);
  }

  @Test
  void rejectsUnsupportedDtypes() {
    assertTrue(fails(f4(dict("|O", "(2,)"))).contains("unsupported .npy dtype '|O'"));
    assertTrue(fails(f4(dict("<c8", "(1,)"))).contains("'<c8'"));
    assertTrue(fails(f4(dict("|f4", "(2,)"))).contains("'|f4'"));
    assertTrue(fails(f4(dict("<U3", "(2,)"))).contains("'<U3'"));
    assertTrue(fails(f4("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }\n"))
        .contains("expected a string, True, False or a tuple"));
  }

  @Test
  void rejectsMalformedHeaderDicts() {
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }")).contains("newline"));
    assertTrue(fails(f4("{'descr': '<f4', 'shape': (2,), }\n")).contains("missing key 'fortran_order'"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}\n"))
        .contains("expected a string, True, False or a tuple"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': True}\n"))
        .contains("unexpected key 'x'"));
    assertTrue(fails(f4("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}\n"))
        .contains("duplicate key 'descr'"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': (2)}\n")).contains("trailing comma"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}\n")).contains("non-negative integer"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}\n")).contains("expected a string"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': '2'}\n")).contains("'shape' must be a tuple"));
    assertTrue(fails(f4("{'descr': '<f4' 'fortran_order': False}\n")).contains("expected ',' or '}'"));
    assertTrue(fails(f4("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x\n")).contains("after the header"));
    assertTrue(fails(f4("{'descr: '<f4'}\n")).contains("expected ':'"));
    assertTrue(fails(f4("{'descr': '<f4\n")).contains("unsupported character"));
    assertTrue(fails(f4("\u0001\u00ff\n")).contains("near \"\\x01\\xff\\n\""));
  }

  @Test
  void rejectsAbsurdShapes() {
    assertTrue(fails(f4(dict("<f4", "(65536, 65536)"))).contains("more than 2^31-1 elements"));
    assertTrue(fails(f4(dict("<f4", "(99999999999999999999,)"))).contains("too large"));
  }

  @Test
  void rejectsUint64ValuesAboveInt64() {
    assertTrue(fails(npy(1, dict("<u8", "(1,)"), bytes(ByteOrder.LITTLE_ENDIAN, 8, -1)))
        .contains("18446744073709551615 does not fit in int64"));
  }

  @Test
  void readingAMissingFileIsAnIoError() {
    assertThrows(NoSuchFileException.class, () -> Npy.read(dir.resolve("missing.npy")));
  }

  @Test
  void readNamesThePathInErrors() throws IOException {
    Path p = dir.resolve("bad.npy");
    Files.write(p, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(p));
    assertTrue(e.getMessage().startsWith(p + ": not a .npy file"), e.getMessage());
  }

  @Test
  void streamWriteMatchesEncode() throws IOException {
    Tensor t = Tensor.ofFloats(new long[] {20000}, new float[20000]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(out, t);
    assertArrayEquals(Npy.encode(t), out.toByteArray());
    assertEquals(128 + 80000, out.size());
  }
}
