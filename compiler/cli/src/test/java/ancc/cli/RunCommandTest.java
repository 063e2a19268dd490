package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc run} on a bundled model and on small models built here. */
class RunCommandTest {

  @TempDir
  Path dir;

  private final Path mlp = Cli.testdata("models/mlp.onnx");
  private final Path images = Cli.testdata("fashion_mnist/images_16.npy");

  private static void assertClose(Tensor expected, Tensor actual, double tol) {
    assertArrayEquals(expected.shape(), actual.shape());
    float[] e = expected.floats();
    float[] a = actual.floats();
    for (int i = 0; i < e.length; i++) {
      assertEquals(e[i], a[i], tol, "element " + i);
    }
  }

  @Test
  void mlpMatchesTheGoldenLogits() throws IOException {
    Path out = dir.resolve("logits.npy");
    Cli.Result r = Cli.run("run", mlp.toString(), "--input", images.toString(), "-o", out.toString(), "--mode", "reference");
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("ancc: ran mlp.onnx on a batch of 16 (reference) in "), r::toString);
    assertTrue(r.err().contains("wrote " + out + " (logits f32[16,10])"), r::toString);
    Tensor logits = Npy.read(out);
    assertArrayEquals(new long[] {16, 10}, logits.shape());
    assertClose(Npy.read(Cli.testdata("models/mlp.logits_16.npy")), logits, 1e-4);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(out), s.collect(Collectors.toList()), "no temporary file left");
    }
  }

  @Test
  void anyBatchSizeRuns() throws IOException {
    Tensor all = Npy.read(images);
    Tensor three = Tensor.ofFloats(new long[] {3, 1, 28, 28}, Arrays.copyOf(all.floats(), 3 * 28 * 28));
    Path in = dir.resolve("three.npy");
    Npy.write(in, three);
    Path out = dir.resolve("three_logits.npy");
    Cli.Result r = Cli.run("run", mlp.toString(), "--input", "input=" + in, "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("batch of 3"), r::toString);
    Tensor golden = Npy.read(Cli.testdata("models/mlp.logits_16.npy"));
    Tensor first3 = Tensor.ofFloats(new long[] {3, 10}, Arrays.copyOf(golden.floats(), 30));
    assertClose(first3, Npy.read(out), 1e-4);
  }

  private Path npy(String name, long[] shape, float... data) throws IOException {
    Path p = dir.resolve(name);
    Npy.write(p, Tensor.ofFloats(shape, data));
    return p;
  }

  @Test
  void bindsNamedThenPositionalAndWritesEveryOutput() throws IOException {
    Path model = TinyModels.subRelu(dir.resolve("sub.onnx"));
    Path a = npy("a.npy", new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
    Path b = npy("b.npy", new long[] {2, 3}, 6, 5, 4, 3, 2, 1);
    Path outs = dir.resolve("outs/nested");
    // b by name, a positionally: a - b, not b - a
    Cli.Result r = Cli.run("run", model.toString(), "--input", "b=" + b, "--input", a.toString(),
        "--output-dir", outs.toString(), "-o", dir.resolve("first.npy").toString());
    assertEquals(0, r.code(), r::toString);
    try (Stream<Path> s = Files.list(outs)) {
      assertEquals(List.of("diff_0.npy", "pos_diff.npy"),
          s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    assertArrayEquals(new float[] {-5, -3, -1, 1, 3, 5}, Npy.read(outs.resolve("diff_0.npy")).floats());
    assertArrayEquals(new float[] {0, 0, 0, 1, 3, 5}, Npy.read(outs.resolve("pos_diff.npy")).floats());
    assertArrayEquals(new float[] {-5, -3, -1, 1, 3, 5}, Npy.read(dir.resolve("first.npy")).floats());
    assertTrue(r.err().contains("2 output(s) to " + outs), r::toString);
  }

  @Test
  void readsTensorProtoInputs() throws IOException {
    Path model = TinyModels.subRelu(dir.resolve("sub.onnx"));
    Path a = TinyModels.pb(dir.resolve("input_0.pb"), "a", Tensor.ofFloats(new long[] {1, 3}, new float[] {1, 1, 1}));
    Path b = npy("b.npy", new long[] {1, 3}, 0.5f, 1, 2);
    Path out = dir.resolve("o.npy");
    Cli.Result r = Cli.run("run", model.toString(), "-i", a.toString(), "-i", b.toString(), "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertArrayEquals(new float[] {0.5f, 0, -1}, Npy.read(out).floats());
  }

  @Test
  void batchSizesMustAgreeAcrossInputs() throws IOException {
    Path model = TinyModels.subRelu(dir.resolve("sub.onnx"));
    Path a = npy("a.npy", new long[] {2, 3}, new float[6]);
    Path b = npy("b.npy", new long[] {1, 3}, new float[3]);
    Cli.Result r = Cli.run("run", model.toString(), "-i", a.toString(), "-i", b.toString(), "-o", dir.resolve("o.npy").toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains(b + ": shape [1,3]") && r.err().contains("but " + a + " set N = 2"), r::toString);
    assertTrue(Files.notExists(dir.resolve("o.npy")));
  }

  @Test
  void timingPrintsATable() throws IOException {
    Cli.Result r = Cli.run("run", mlp.toString(), "--input", images.toString(), "-o", dir.resolve("o.npy").toString(), "--timings");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("run-reference") && r.err().contains("fuse-linear") && r.err().contains("total"), r::toString);
  }
}
