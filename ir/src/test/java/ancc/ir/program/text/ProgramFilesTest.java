package ancc.ir.program.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.SidecarWriter;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramSamples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramFilesTest {
  @TempDir
  Path dir;

  /** everything() with a 256x256 memristor array (levels 0..15) and a 64x8 one whose cells exceed a byte. */
  static Program bigArrays() {
    Program p = ProgramSamples.everything();
    List<ArrayImage> arrays = new ArrayList<>(p.arrays());
    ArrayImage a0 = arrays.get(0);
    arrays.set(0, new ArrayImage(0, a0.kind(), a0.tile(), a0.slot(), a0.layout(), ProgramSamples.cells(256, 256, 15, 9)));
    ArrayImage a1 = arrays.get(1);
    long[] wide = ProgramSamples.cells(64, 8, 1000, 5).longs().clone();
    wide[0] = 300;
    arrays.set(1, new ArrayImage(1, a1.kind(), a1.tile(), a1.slot(), a1.layout(), Tensor.ofLongs(new long[] {64, 8}, wide)));
    return new Program(p.name(), p.chipName(), p.chipHash(), p.inputs(), p.outputs(), p.constants(), arrays,
        p.buffers(), p.tiles());
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void writesTextAndSidecarAndReadsThemBack() throws IOException {
    Program p = bigArrays();
    Path xbp = dir.resolve("m.xbp");
    ProgramFiles.write(p, xbp);
    assertEquals(List.of("m.xbp", "m.xbp.bin"), files());
    String text = Files.readString(xbp);
    // 256x256 levels: one byte per cell at offset 0; the wide array: 8-byte longs, 64-byte aligned.
    assertTrue(text.contains("differential cells : i64[256,256] = blob_u8<0, 65536>\n"), text);
    assertTrue(text.contains("offset cells : i64[64,8] = blob<65536, 512>\n"), text);
    assertTrue(text.contains("const @conv.scale : f32[2] = dense<[0.5, 1.0E-5]>\n"), text);
    assertTrue(text.contains("twos_complement cells : i64[16,4] = blob_u8<69632, 64>\n"), text);
    assertTrue(text.contains("layer \"/fc1/Gemm\" in 0:16 out 1:2 weight_bits 3 slices 2 slice_bits 1 differential"
        + " cells : i64[16,4] = blob_u8<69696, 64>\n"), text);
    assertEquals(69760, Files.size(ProgramFiles.sidecarPath(xbp)));
    Program back = ProgramFiles.read(xbp);
    ProgramRoundTrip.assertEqual(p, back, "ProgramFiles.read");
    ProgramRoundTrip.assertRoundTrip(back);
  }

  @Test
  void smallProgramNeedsNoSidecarAndStaleOneIsRemoved() throws IOException {
    Path xbp = dir.resolve("m.xbp");
    ProgramFiles.write(bigArrays(), xbp);
    Program small = ProgramSamples.everything();
    ProgramFiles.write(small, xbp, IrPrinter.Options.DEFAULT.withInlineLimit(1000));
    assertEquals(List.of("m.xbp"), files());
    ProgramRoundTrip.assertEqual(small, ProgramFiles.read(xbp), "ProgramFiles.read");
  }

  @Test
  void failedWriteLeavesNothingBehind() throws IOException {
    Path target = dir.resolve("m.xbp");
    Path blocker = ProgramFiles.sidecarPath(target);
    Files.createDirectory(blocker);
    Files.writeString(blocker.resolve("keep"), "x");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ProgramFiles.write(bigArrays(), target));
    assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
    assertEquals(List.of("m.xbp.bin"), files());
    assertEquals(List.of("keep"), Files.list(blocker).map(f -> f.getFileName().toString()).collect(Collectors.toList()));
  }

  @Test
  void missingOrShortSidecarIsReportedWithItsName() throws IOException {
    Path xbp = dir.resolve("m.xbp");
    ProgramFiles.write(bigArrays(), xbp);
    Path bin = ProgramFiles.sidecarPath(xbp);
    byte[] bytes = Files.readAllBytes(bin);
    Files.write(bin, java.util.Arrays.copyOf(bytes, 1000));
    String msg = assertThrows(InvalidInputException.class, () -> ProgramFiles.read(xbp)).getMessage();
    assertEquals(xbp + ":9:142: array #0 cells: blob_u8<0, 65536> (bytes 0 to 65536) is out of range of the"
        + " 1000-byte sidecar " + bin, msg);
    Files.delete(bin);
    msg = assertThrows(InvalidInputException.class, () -> ProgramFiles.read(xbp)).getMessage();
    assertEquals(xbp + ":9:142: array #0 cells: blob_u8<0, 65536> needs the sidecar " + bin
        + ", which does not exist", msg);
  }

  @Test
  void elidedCellsAreDisplayOnly() {
    String shown = ProgramPrinter.print(bigArrays(), IrPrinter.Options.DEFAULT.withElide(true), null);
    assertTrue(shown.contains("cells : i64[256,256] = dense_elided<65536>\n"), shown);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ProgramParser.parse(shown, "shown.xbp"));
    assertEquals("shown.xbp:9:142: array #0 cells: dense_elided is a display-only form and cannot be parsed;"
        + " write the program with a sidecar (ProgramFiles.write) to keep large tensors", e.getMessage());
  }

  @Test
  void sidecarRoundTripKeepsEveryBit() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Program p = bigArrays();
    String text = ProgramPrinter.print(p, IrPrinter.Options.DEFAULT.withInlineLimit(0), new SidecarWriter(out));
    assertFalse(text.contains("dense<"), text);
    Program back = ProgramParser.parse(text, "x.xbp", ByteBuffer.wrap(out.toByteArray()));
    ProgramRoundTrip.assertEqual(p, back, "parse with sidecar");
  }
}
