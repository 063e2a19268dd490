package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --reprogram}: mlp all-memristor needs 10 crossbars of 256x256 on compiler/core's test chip
 * {@code scale/small.yaml} ({@code small-default}: the default preset, whose memristor tiles state
 * their programming cost, cut to one tile of each kind, 8 crossbars), which holds every layer but
 * not the model, so the model runs in layer groups.
 */
class ReprogramTest {
  @TempDir
  Path tmp;

  private final String mlp = Cli.testdata("models/mlp.onnx").toString();
  private final String smallChip = Cli.repoRoot().resolve("compiler/core/src/test/resources/scale/small.yaml")
      .toString();

  @Test
  void compileOnAChipTooSmallExitsZeroAndTheReportHasTheGroupsAndTheirCharge() throws IOException {
    Cli.Result without = Cli.run("compile", mlp, "--chip", smallChip, "--placement", "all-memristor", "-o",
        tmp.resolve("no").toString());
    assertEquals(4, without.code(), without::toString);
    assertTrue(without.err().contains("--reprogram reprograms its arrays"), without::toString);

    Path json = tmp.resolve("compile.json");
    Cli.Result r = Cli.run("compile", mlp, "--chip", smallChip, "--placement", "all-memristor", "--reprogram", "-o",
        tmp.resolve("out").toString(), "--json", json.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().matches("(?s).*ancc: note: --reprogram: \\d+ layer groups on chip small-default .*"),
        r::toString);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals("small-default", report.get("chip").get("name").asText(), "the report states the physical chip");
    JsonNode rp = report.get("reprogramming");
    assertTrue(rp.get("groups").size() >= 2, rp::toString);
    int arrays = 0;
    for (JsonNode g : rp.get("groups")) {
      assertTrue(g.get("tiles").get("memristor").asInt() <= 2, g::toString);
      assertTrue(g.get("layers").size() > 0, g::toString);
      arrays += g.get("arrays").asInt();
    }
    assertEquals(report.get("totals").get("arrays").asInt(), arrays);
    assertEquals(arrays, rp.get("arrays_per_inference").asInt());
    double charge = rp.get("energy_per_inference_uj").asDouble();
    assertTrue(charge > 0 && rp.get("time_per_inference_us").asDouble() > 0, rp::toString);
    JsonNode totals = report.get("totals");
    assertEquals(charge * 1e6, totals.get("energy_pj").get("reprogramming").asDouble(), 1e-6 * charge * 1e6);
    assertTrue(totals.get("latency_us").asDouble() > rp.get("time_per_inference_us").asDouble());
  }

  @Test
  void runAndEvalOfAModelFileChargeItToo() throws IOException {
    Path runJson = tmp.resolve("run.json");
    Cli.Result run = Cli.run("run", mlp, "--chip", smallChip, "--placement", "all-memristor", "--reprogram", "-i",
        Cli.testdata("fashion_mnist/images_16.npy").toString(), "-o", tmp.resolve("y.npy").toString(), "--mode",
        "ideal", "--json", runJson.toString());
    assertEquals(0, run.code(), run::toString);
    assertTrue(new ObjectMapper().readTree(runJson.toFile()).get("reprogramming").get("groups").size() >= 2);
    Cli.Result eval = Cli.run("eval", mlp, "--chip", smallChip, "--placement", "all-memristor", "--reprogram",
        "--images", Cli.testdata("fashion_mnist/images_16.npy").toString(), "--labels",
        Cli.testdata("fashion_mnist/labels_16.npy").toString(), "--chips", "1");
    assertEquals(0, eval.code(), eval::toString);
    assertTrue(eval.out().lines().anyMatch(l -> l.matches("reprogramming: +\\d+ groups, \\d+ arrays rewritten, .* per"
        + " inference, on chip small-default \\(included above\\)")), eval::toString);
  }

  @Test
  void theMainJobReportsTheSection() throws IOException {
    Path out = tmp.resolve("job");
    Cli.Result r = Cli.run(mlp, "--chip", smallChip, "--placement", "all-memristor", "--reprogram", "--calib-samples",
        "16", "--chips", "1", "--no-sweeps", "--cache-dir", tmp.resolve("cache").toString(), "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("reprogramming:") && l.endsWith("(chip small-default)")),
        r::toString);
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals("small-default", report.get("chip").get("name").asText());
    assertTrue(report.get("reprogramming").get("groups").size() >= 2);
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<th>reprogramming</th>"), "report.html states the reprogramming");
  }

  @Test
  void withScaleToFitItIsAUsageError() {
    Cli.Result r = Cli.run("compile", mlp, "--chip", smallChip, "--placement", "all-memristor", "--reprogram",
        "--scale-to-fit", "-o", tmp.resolve("out").toString());
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--scale-to-fit and --reprogram exclude each other"), r::toString);
  }
}
