package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input exits 3 with exactly one stderr line, "ancc: error: ...", that names
 * the file at fault, prints no stack trace and leaves no output file behind.
 */
class InvalidInputTest {

  @TempDir
  Path dir;

  private final Path mlp = Cli.testdata("models/mlp.onnx");
  private final Path images = Cli.testdata("fashion_mnist/images_16.npy");

  private Set<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).collect(Collectors.toSet());
    }
  }

  /** Runs {@code args} and checks the invalid-input contract; returns the message line. */
  private String invalid(String mustName, String... args) throws IOException {
    Set<String> before = files();
    Cli.Result r = Cli.run(args);
    assertEquals(3, r.code(), r::toString);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("ancc: error: "), r::toString);
    assertTrue(lines.get(0).contains(mustName), () -> "should name " + mustName + ": " + r);
    assertEquals("", r.out());
    assertEquals(before, files(), "no output left behind");
    return lines.get(0);
  }

  private String runMlp(Path input) throws IOException {
    return invalid(input.toString(), "run", mlp.toString(), "--input", input.toString(),
        "-o", dir.resolve("out.npy").toString(), "--output-dir", dir.resolve("outs").toString());
  }

  @Test
  void garbageNpy() throws IOException {
    Path bad = Files.writeString(dir.resolve("garbage.npy"), "this is not numpy data at all", StandardCharsets.UTF_8);
    assertTrue(runMlp(bad).contains("not a .npy file"));
  }

  @Test
  void truncatedNpy() throws IOException {
    byte[] full = Files.readAllBytes(images);
    Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, full.length - 100));
    assertTrue(runMlp(cut).contains("truncated .npy data"));
  }

  @Test
  void inputShapeMismatch() throws IOException {
    Path wrong = dir.resolve("wrong_shape.npy");
    Npy.write(wrong, Tensor.ofFloats(new long[] {2, 1, 28, 27}, new float[2 * 28 * 27]));
    String m = runMlp(wrong);
    assertTrue(m.contains("[2,1,28,27]") && m.contains("'input'") && m.contains("dim 3 is 27, expected 28"), m);
  }

  @Test
  void inputElementTypeMismatch() throws IOException {
    Path ints = dir.resolve("ints.npy");
    Npy.write(ints, Tensor.ofLongs(new long[] {1, 1, 28, 28}, new long[28 * 28]));
    assertTrue(runMlp(ints).contains("element type i64"));
  }

  @Test
  void tooManyInputs() throws IOException {
    String m = invalid(mlp.toString(), "run", mlp.toString(), "--input", images.toString(), "--input", images.toString(),
        "-o", dir.resolve("out.npy").toString());
    assertTrue(m.contains("too many --input files: 2 given, the model has 1 input(s) (input)"), m);
  }

  @Test
  void tooFewInputs() throws IOException {
    Path model = TinyModels.subRelu(dir.resolve("sub.onnx"));
    String m = invalid(model.toString(), "run", model.toString(), "--input", "b=" + images, "-o",
        dir.resolve("out.npy").toString());
    assertTrue(m.contains("missing --input for graph input(s) 'a' f32[N,3]"), m);
  }

  @Test
  void sameInputTwice() throws IOException {
    Path model = TinyModels.subRelu(dir.resolve("sub.onnx"));
    String m = invalid(model.toString(), "run", model.toString(), "--input", "a=" + images, "--input", "a=" + images,
        "-o", dir.resolve("out.npy").toString());
    assertTrue(m.contains("input 'a' is given twice"), m);
  }

  @Test
  void unknownInputName() throws IOException {
    String m = invalid(mlp.toString(), "run", mlp.toString(), "--input", "pixels=" + images, "-o",
        dir.resolve("out.npy").toString());
    assertTrue(m.contains("'pixels' is not an input"), m);
  }

  @Test
  void unknownInputFileType() throws IOException {
    Path csv = Files.writeString(dir.resolve("x.csv"), "1,2,3");
    assertTrue(runMlp(csv).contains("unknown input file type"));
  }

  @Test
  void missingInputFile() throws IOException {
    assertTrue(runMlp(dir.resolve("absent.npy")).contains("no such file"));
  }

  @Test
  void nonexistentModel() throws IOException {
    Path model = dir.resolve("nowhere.onnx");
    invalid(model.toString(), "import", model.toString(), "-o", dir.resolve("x.air").toString());
    invalid(model.toString(), "run", model.toString(), "--input", images.toString(), "-o", dir.resolve("o.npy").toString());
  }

  @Test
  void truncatedOnnx() throws IOException {
    byte[] full = Files.readAllBytes(mlp);
    Path model = Files.write(dir.resolve("half.onnx"), Arrays.copyOf(full, full.length / 2));
    invalid(model.toString(), "import", model.toString(), "-o", dir.resolve("x.air").toString());
    invalid(model.toString(), "run", model.toString(), "--input", images.toString(), "-o", dir.resolve("o.npy").toString());
  }

  @Test
  void unsupportedOp() throws IOException {
    Path model = TinyModels.unsupported(dir.resolve("det.onnx"));
    String m = invalid(model.toString(), "import", model.toString(), "-o", dir.resolve("x.air").toString());
    assertTrue(m.contains("Det") && m.contains("the_det"), m);
  }

  @Test
  void outputFolderMissing() throws IOException {
    Path out = dir.resolve("no/such/folder/out.npy");
    String m = invalid(out.toString(), "run", mlp.toString(), "--input", images.toString(), "-o", out.toString());
    assertTrue(m.contains("does not exist"), m);
  }

  @Test
  void outputDirIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    invalid(file.toString(), "run", mlp.toString(), "--input", images.toString(), "--output-dir", file.toString());
  }

  @Test
  void noPartialOutputWhenOneOutputCannotBeWritten() throws IOException {
    Files.createDirectories(dir.resolve("outs/logits.npy"));
    String m = invalid("logits.npy", "run", mlp.toString(), "--input", images.toString(),
        "-o", dir.resolve("out.npy").toString(), "--output-dir", dir.resolve("outs").toString());
    assertTrue(m.contains("is a folder"), m);
  }

  @Test
  void garbageTensorProto() throws IOException {
    Path pb = Files.write(dir.resolve("input_0.pb"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
    assertTrue(runMlp(pb).contains("TensorProto"));
  }

  @Test
  void debugModeAddsTheStackTrace() {
    Path model = dir.resolve("nowhere.onnx");
    Cli.Result r = Cli.run(Map.of("ANCC_DEBUG", "1"), "import", model.toString());
    assertEquals(3, r.code(), r::toString);
    assertEquals("ancc: error: " + model + ": no such file or folder", r.errLines().get(0));
    assertTrue(r.errLines().size() > 2 && r.err().contains("\tat ancc."), r::toString);
  }
}
