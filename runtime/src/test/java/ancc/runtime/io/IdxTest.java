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
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading on small hand-built files, plain and gzipped, and malformed ones. */
class IdxTest {

  @TempDir
  Path dir;

  /** An IDX header for {@code code} and {@code dims}, followed by {@code payload}. */
  private static byte[] idx(int code, int[] dims, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    b.put((byte) 0).put((byte) 0).put((byte) code).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(payload);
    return b.array();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Path writeGz(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(bytes);
    }
    return p;
  }

  @Test
  void readsU8ImagesAsUnsigned() throws IOException {
    byte[] pixels = {0, 1, (byte) 127, (byte) 128, (byte) 200, (byte) 255, 7, 9, 11, 13, 15, 17};
    Tensor t = Idx.read(write("images-idx3-ubyte", idx(0x08, new int[] {3, 2, 2}, pixels)));
    assertEquals(DType.U8, t.dtype());
    assertArrayEquals(new long[] {3, 2, 2}, t.shape());
    assertArrayEquals(new long[] {0, 1, 127, 128, 200, 255, 7, 9, 11, 13, 15, 17}, t.longs());
  }

  @Test
  void readsGzippedLabels() throws IOException {
    byte[] labels = {9, 0, 0, 3, 0, 2};
    Tensor t = Idx.read(writeGz("t10k-labels-idx1-ubyte.gz", idx(0x08, new int[] {6}, labels)));
    assertArrayEquals(new long[] {6}, t.shape());
    assertArrayEquals(new long[] {9, 0, 0, 3, 0, 2}, t.longs());
  }

  @Test
  void readsSignedAndFloatTypesBigEndian() {
    byte[] i16 = ByteBuffer.allocate(4).putShort((short) -2).putShort((short) 300).array();
    assertArrayEquals(new long[] {-2, 300}, Idx.parse(idx(0x0B, new int[] {2}, i16), "a").longs());
    byte[] i32 = ByteBuffer.allocate(8).putInt(-70000).putInt(5).array();
    Tensor t32 = Idx.parse(idx(0x0C, new int[] {1, 2}, i32), "b");
    assertEquals(DType.I32, t32.dtype());
    assertArrayEquals(new long[] {-70000, 5}, t32.longs());
    assertArrayEquals(new long[] {-1, 5}, Idx.parse(idx(0x09, new int[] {2}, new byte[] {(byte) 0xff, 5}), "c").longs());
    byte[] f32 = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-0.25f).array();
    Tensor f = Idx.parse(idx(0x0D, new int[] {2}, f32), "d");
    assertEquals(DType.F32, f.dtype());
    assertArrayEquals(new float[] {1.5f, -0.25f}, f.floats());
    byte[] f64 = ByteBuffer.allocate(8).putDouble(3.25).array();
    assertArrayEquals(new float[] {3.25f}, Idx.parse(idx(0x0E, new int[] {1}, f64), "e").floats());
  }

  @Test
  void malformedFilesNameTheFile() throws IOException {
    Path badMagic = write("bad-magic", new byte[] {1, 0, 8, 1, 0, 0, 0, 0});
    assertMessage(badMagic, "not an IDX file: magic starts with 0x0100");
    Path badType = write("bad-type", idx(0x0A, new int[] {1}, new byte[1]));
    assertMessage(badType, "unknown IDX element type code 0x0a");
    Path truncated = write("truncated", idx(0x08, new int[] {2, 3}, new byte[5]));
    assertMessage(truncated, "IDX u8 shape [2,3] needs 18 bytes, the file has 17 (truncated)");
    Path trailing = write("trailing", idx(0x08, new int[] {2}, new byte[3]));
    assertMessage(trailing, "(trailing data)");
    Path shortHeader = write("short-header", new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
    assertMessage(shortHeader, "truncated IDX header: rank 3 needs 16 bytes");
    Path tiny = write("tiny", new byte[] {0, 0});
    assertMessage(tiny, "shorter than the 4-byte magic");
    Path notGzip = write("labels-idx1-ubyte.gz", idx(0x08, new int[] {1}, new byte[1]));
    assertMessage(notGzip, "not a valid gzip file");
  }

  @Test
  void truncatedGzipIsInvalidInput() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bos)) {
      out.write(idx(0x08, new int[] {64}, new byte[64]));
    }
    byte[] gz = bos.toByteArray();
    Path cut = write("cut-idx1-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
    assertMessage(cut, "not a valid gzip file");
  }

  @Test
  void recognizesIdxFileNames() {
    assertTrue(Idx.looksLikeIdx(Path.of("t10k-images-idx3-ubyte")));
    assertTrue(Idx.looksLikeIdx(Path.of("data/train-labels-idx1-ubyte.gz")));
    assertTrue(Idx.looksLikeIdx(Path.of("x.idx")));
    assertFalse(Idx.looksLikeIdx(Path.of("images_256.npy")));
    assertFalse(Idx.looksLikeIdx(Path.of("labels.gz")));
  }

  private static void assertMessage(Path file, String fragment) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Idx.read(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
