package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrFilesTest {
  @TempDir
  Path dir;

  static Module bigConstants() {
    float[] f = new float[1000];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) Math.sin(i) * 1e3f;
    }
    f[3] = Float.NaN;
    f[4] = -0.0f;
    f[5] = Float.intBitsToFloat(0xffc00123);
    f[6] = Float.NEGATIVE_INFINITY;
    long[] l = new long[100];
    for (int i = 0; i < l.length; i++) {
      l[i] = (long) i * i * 1_000_000_007L - 17;
    }
    l[0] = Long.MIN_VALUE;
    Value x = new Value("x", new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(1000))));
    Value w = new Value("w", TensorType.of(DType.F16, 10, 100));
    Value idx = new Value("idx", TensorType.of(DType.I64, 100));
    Value small = new Value("small", TensorType.of(DType.F32, 2));
    Value y = new Value("y", x.type());
    Value z = new Value("z", x.type());
    return Module.builder("big").input(x)
        .constant(w, Tensor.ofFloats(DType.F16, new long[] {10, 100}, f))
        .constant(idx, Tensor.ofLongs(new long[] {100}, l))
        .constant(small, Tensor.ofFloats(new long[] {2}, new float[] {1.5f, -2f}))
        .node(new Node(new Op.Binary(Op.BinaryOp.MUL), List.of(x, x), y, "mul"))
        .node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(y), z, ""))
        .output(z).build();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void bigConstantsGoToAnAlignedSidecar() throws IOException {
    Module m = bigConstants();
    Path air = dir.resolve("big.air");
    IrFiles.write(m, air);
    assertEquals(List.of("big.air", "big.air.bin"), files());
    String text = Files.readString(air);
    assertTrue(text.contains("  const %w : f16[10,100] = blob<0, 1000>\n"), text);
    assertTrue(text.contains("  const %idx : i64[100] = blob<4032, 100>\n"), text);
    assertTrue(text.contains("  const %small : f32[2] = dense<[1.5, -2.0]>\n"), text);
    assertEquals(4032 + 800, Files.size(dir.resolve("big.air.bin")));
    Module back = IrFiles.read(air);
    RoundTrip.assertEqual(m, back, "IrFiles.read(IrFiles.write(m))");
    assertEquals(IrPrinter.print(m), IrPrinter.print(back));
  }

  @Test
  void smallModuleHasNoSidecarAndAStaleOneIsRemoved() throws IOException {
    Path air = dir.resolve("m.air");
    IrFiles.write(bigConstants(), air);
    assertTrue(Files.exists(IrFiles.sidecarPath(air)));
    Module small = bigConstants().toBuilder().name("small").build();
    IrFiles.write(small, air, IrPrinter.Options.DEFAULT.withInlineLimit(5000));
    assertEquals(List.of("m.air"), files());
    RoundTrip.assertEqual(small, IrFiles.read(air), "read back");
  }

  @Test
  void missingSidecarIsNamed() throws IOException {
    Path air = dir.resolve("big.air");
    IrFiles.write(bigConstants(), air);
    Files.delete(IrFiles.sidecarPath(air));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IrFiles.read(air));
    assertEquals(air + ":3:28: constant %w: blob<0, 1000> needs the constants sidecar " + air + ".bin,"
        + " which does not exist", e.getMessage());
  }

  @Test
  void truncatedSidecarIsOutOfRange() throws IOException {
    Path air = dir.resolve("big.air");
    IrFiles.write(bigConstants(), air);
    Path bin = IrFiles.sidecarPath(air);
    byte[] bytes = Files.readAllBytes(bin);
    Files.write(bin, java.util.Arrays.copyOf(bytes, 4100));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IrFiles.read(air));
    assertEquals(air + ":4:27: constant %idx: blob<4032, 100> (bytes 4032 to 4832) is out of range of the"
        + " 4100-byte sidecar " + bin, e.getMessage());
  }

  @Test
  void failedWriteLeavesNoTemporaryFiles() throws IOException {
    Path air = dir.resolve("taken.air");
    Files.createDirectory(air);
    Files.writeString(air.resolve("keep"), "x");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IrFiles.write(bigConstants(), air, IrPrinter.Options.DEFAULT.withInlineLimit(5000)));
    assertTrue(e.getMessage().startsWith(air + ": cannot write: "), e.getMessage());
    assertEquals(List.of("taken.air"), files());
  }

  @Test
  void unreadableFileIsNamed() {
    Path air = dir.resolve("absent.air");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IrFiles.read(air));
    assertTrue(e.getMessage().startsWith(air + ": cannot read: NoSuchFileException"), e.getMessage());
    assertFalse(Files.exists(air));
  }
}
