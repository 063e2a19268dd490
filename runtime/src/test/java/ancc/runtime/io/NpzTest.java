package ancc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
  @TempDir Path dir;

  /** A zip of the given entries, deflated or stored. */
  private static byte[] zip(boolean deflate, Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.setMethod(deflate ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry ze = new ZipEntry(e.getKey());
        if (!deflate) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(e.getValue());
          ze.setSize(e.getValue().length);
          ze.setCrc(crc.getValue());
        }
        z.putNextEntry(ze);
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static final Tensor IDS = Tensor.ofLongs(DType.I64, new long[] {2, 3}, new long[] {1, 2, 3, 4, 5, 6});
  private static final Tensor MASK = Tensor.ofLongs(DType.I64, new long[] {2, 3}, new long[] {1, 1, 0, 1, 1, 1});

  @Test
  void readsNamedArraysInOrderStoredAndDeflated() throws IOException {
    for (boolean deflate : List.of(true, false)) {
      java.util.LinkedHashMap<String, byte[]> e = new java.util.LinkedHashMap<>();
      e.put("ids.npy", Npy.encode(IDS));
      e.put("attention_mask.npy", Npy.encode(MASK));
      Path f = dir.resolve("d" + deflate + ".npz");
      Files.write(f, zip(deflate, e));
      Map<String, Tensor> m = Npz.read(f);
      assertEquals(List.of("ids", "attention_mask"), List.copyOf(m.keySet()));
      assertTrue(m.get("ids").contentEquals(IDS));
      assertArrayEquals(MASK.longs(), m.get("attention_mask").longs());
    }
  }

  @Test
  void badFilesAreOneLineErrorsNamingTheFile() throws IOException {
    Path notZip = dir.resolve("a.npz");
    Files.write(notZip, Npy.encode(IDS));
    assertMessage(notZip, "a.npz: not a .npz file: not a zip archive");

    Path other = dir.resolve("b.npz");
    Files.write(other, zip(true, Map.of("readme.txt", new byte[] {1})));
    assertMessage(other, "b.npz: entry 'readme.txt' is not a .npy array");

    Path badNpy = dir.resolve("c.npz");
    Files.write(badNpy, zip(true, Map.of("ids.npy", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})));
    assertMessage(badNpy, "c.npz[ids]: not a .npy file");

    Path empty = dir.resolve("d.npz");
    Files.write(empty, zip(true, Map.of()));
    assertMessage(empty, "d.npz: ");

    Path truncated = dir.resolve("e.npz");
    byte[] full = zip(false, Map.of("ids.npy", Npy.encode(IDS)));
    Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2));
    InvalidInputException ex = assertThrows(InvalidInputException.class, () -> Npz.read(truncated));
    assertTrue(ex.getMessage().startsWith(truncated.toString()), ex.getMessage());
  }

  private static void assertMessage(Path f, String part) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npz.read(f));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }
}
