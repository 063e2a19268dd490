package ancc.cli;

import ancc.compiler.eval.Evaluator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc run --mode ideal|analog}: on-the-fly compilation, compiled folders, determinism and reports. */
class SimulateCommandTest {

  @TempDir
  Path dir;

  private final Path mlp = Cli.testdata("models/mlp.onnx");
  private final Path images = Cli.testdata("fashion_mnist/images_16.npy");

  private Cli.Result run(String mode, Path out, String... extra) {
    String[] base = mode.equals("reference")
        ? new String[] {"run", mlp.toString(), "--input", images.toString(), "-o", out.toString(), "--mode", mode}
        : new String[] {"run", mlp.toString(), "--input", images.toString(), "-o", out.toString(), "--mode", mode,
            "--placement", "all-memristor"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  private static int[] top1(Tensor logits) {
    int[] out = new int[(int) logits.dim(0)];
    Evaluator.argmax(logits, out, 0);
    return out;
  }

  @Test
  void idealModeMatchesTheReferenceTop1() throws IOException {
    Path out = dir.resolve("ideal.npy");
    Cli.Result r = run("ideal", out);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("ancc: ran mlp.onnx on a batch of 16 (ideal on chip default, seed 0) in "),
        r::toString);
    Tensor ideal = Npy.read(out);
    Tensor golden = Npy.read(Cli.testdata("models/mlp.logits_16.npy"));
    assertArrayEquals(golden.shape(), ideal.shape());
    assertArrayEquals(top1(golden), top1(ideal));
  }

  @Test
  void analogWithTheSameSeedIsIdenticalAndReportsAreIdentical() throws IOException {
    Path a = dir.resolve("a.npy");
    Path b = dir.resolve("b.npy");
    Path ja = dir.resolve("a.json");
    Path jb = dir.resolve("b.json");
    Cli.Result ra = run("analog", a, "--seed", "5", "--drift-time", "1h", "--json", ja.toString());
    assertEquals(0, ra.code(), ra::toString);
    Cli.Result rb = run("analog", b, "--seed", "5", "--drift-time", "1h", "--json", jb.toString());
    assertEquals(0, rb.code(), rb::toString);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertEquals(Files.readString(ja), Files.readString(jb));

    JsonNode root = new ObjectMapper().readTree(ja.toFile());
    assertEquals("ancc-report/2", root.get("schema").asText());
    assertEquals("run", root.get("command").asText());
    assertEquals("mlp", root.get("model").get("name").asText());
    assertEquals("default", root.get("chip").get("name").asText());
    assertEquals("analog", root.get("simulation").get("mode").asText());
    assertEquals(5, root.get("simulation").get("seed").asLong());
    assertEquals(3600.0, root.get("simulation").get("drift_seconds").asDouble());
    assertEquals(16, root.get("simulation").get("batch").asLong());
    assertReportShape(root);
  }

  @Test
  void differentSeedsGiveDifferentOutputs() throws IOException {
    Path a = dir.resolve("s1.npy");
    Path b = dir.resolve("s2.npy");
    assertEquals(0, run("analog", a, "--seed", "1").code());
    assertEquals(0, run("analog", b, "--seed", "2").code());
    assertFalse(Npy.read(a).contentEquals(Npy.read(b)), "programming noise depends on the seed");
  }

  @Test
  void aCompiledFolderRunsLikeTheOnnxModel() throws IOException {
    Path compiled = dir.resolve("mlp-default");
    Cli.Result c = Cli.run("compile", mlp.toString(), "--placement", "all-memristor", "-o", compiled.toString(),
        "--json", dir.resolve("compile.json").toString());
    assertEquals(0, c.code(), c::toString);
    JsonNode report = new ObjectMapper().readTree(dir.resolve("compile.json").toFile());
    assertEquals("compile", report.get("command").asText());
    assertFalse(report.has("simulation"));
    assertReportShape(report);

    Path fromOnnx = dir.resolve("onnx.npy");
    Path fromDir = dir.resolve("dir.npy");
    assertEquals(0, run("analog", fromOnnx, "--seed", "3").code());
    Cli.Result r = Cli.run("run", compiled.toString(), "--input", images.toString(), "-o", fromDir.toString(),
        "--mode", "analog", "--seed", "3");
    assertEquals(0, r.code(), r::toString);
    assertArrayEquals(Files.readAllBytes(fromOnnx), Files.readAllBytes(fromDir));

    Cli.Result ref = Cli.run("run", compiled.toString(), "--input", images.toString(), "-o",
        dir.resolve("ref.npy").toString());
    assertEquals(0, ref.code(), ref::toString);
    assertArrayEquals(top1(Npy.read(Cli.testdata("models/mlp.logits_16.npy"))), top1(Npy.read(dir.resolve("ref.npy"))));
  }

  @Test
  void aCompiledFolderChecksTheChip() throws IOException {
    Path compiled = dir.resolve("c");
    assertEquals(0, Cli.run("compile", mlp.toString(), "--placement", "all-memristor", "-o", compiled.toString())
        .code());
    Cli.Result r = Cli.run("run", compiled.toString(), "--input", images.toString(), "-o",
        dir.resolve("x.npy").toString(), "--mode", "ideal", "--chip", "hermes-pcm");
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().matches("ancc: error: .*mlp\\.xbp: compiled for chip 'default' \\(sha256 [0-9a-f]+\\), but chip"
        + " 'hermes-pcm' has sha256 [0-9a-f]+; give the chip it was compiled for\\s*"), r::toString);
    Cli.Result p = Cli.run("run", compiled.toString(), "--input", images.toString(), "-o",
        dir.resolve("x.npy").toString(), "--mode", "ideal", "--placement", "all-sram");
    assertEquals(3, p.code(), p::toString);
    assertTrue(p.err().contains("--placement applies only to model files"), p::toString);
    Cli.Result budget = Cli.run("run", compiled.toString(), "--input", images.toString(), "-o",
        dir.resolve("x.npy").toString(), "--mode", "ideal", "--budget", "2%");
    assertEquals(3, budget.code(), budget::toString);
    assertTrue(budget.err().contains("--budget applies only to model files"), budget::toString);
    assertFalse(Files.exists(dir.resolve("x.npy")));
  }

  @Test
  void incompleteCompiledFoldersAreInvalidInput() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertFolderError(empty, "no .xbp program in this folder");
    Path compiled = dir.resolve("m");
    assertEquals(0, Cli.run("compile", mlp.toString(), "--placement", "all-memristor", "-o", compiled.toString())
        .code());
    Files.copy(compiled.resolve("mlp.xbp"), compiled.resolve("other.xbp"));
    assertFolderError(compiled, "holds 2 programs (mlp.xbp, other.xbp); keep one per folder");
    Files.delete(compiled.resolve("other.xbp"));
    Files.delete(compiled.resolve("mlp.air"));
    assertFolderError(compiled, "has mlp.xbp but not mlp.air");
  }

  private void assertFolderError(Path folder, String fragment) {
    Cli.Result r = Cli.run("run", folder.toString(), "--input", images.toString(), "-o",
        dir.resolve("x.npy").toString(), "--mode", "ideal");
    assertEquals(3, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("ancc: error: " + folder + ": "), r::toString);
    assertTrue(r.err().contains(fragment), r::toString);
  }

  @Test
  void badDriftTimeAndReferenceOnlyOptionsAreUsageErrors() {
    Path out = dir.resolve("x.npy");
    for (String bad : new String[] {"1 fortnight", "-1h", "h", "5", "1.2.3s"}) {
      Cli.Result r = run("analog", out, "--drift-time", bad);
      assertEquals(2, r.code(), bad + ": " + r);
      assertTrue(r.err().contains("--drift-time"), r::toString);
    }
    Cli.Result r = run("reference", out, "--seed", "3");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--seed needs --mode ideal or analog"), r::toString);
    Cli.Result j = run("reference", out, "--json", dir.resolve("r.json").toString());
    assertEquals(2, j.code(), j::toString);
    assertFalse(Files.exists(out));
  }

  /** The keys every report must have (docs/report-schema.md). */
  static void assertReportShape(JsonNode root) {
    for (String key : new String[] {"schema", "command", "model", "chip", "layers", "totals"}) {
      assertTrue(root.has(key), key + " in " + root);
    }
    assertTrue(root.get("layers").size() > 0);
    boolean someArrays = false;
    for (JsonNode layer : root.get("layers")) {
      for (String key : new String[] {"name", "op", "placement", "arrays", "energy_pj", "cycles"}) {
        assertTrue(layer.has(key), key + " in " + layer);
      }
      assertTrue(layer.get("placement").asText().matches("memristor|sram|digital"), layer.toString());
      someArrays |= layer.get("arrays").asInt() > 0;
    }
    assertTrue(someArrays, "some layer uses arrays");
    JsonNode totals = root.get("totals");
    for (String key : new String[] {"energy_per_inference_uj", "latency_us", "throughput_inf_per_s",
        "tops_per_watt"}) {
      assertTrue(totals.has(key) && totals.get(key).asDouble() > 0, key + " in " + totals);
    }
  }
}
