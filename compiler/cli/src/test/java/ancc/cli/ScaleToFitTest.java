package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code --scale-to-fit} on {@code compile}, {@code run}, {@code eval} and the main job: mlp
 * all-memristor needs 10 crossbars of 64x32 on ir's test chip {@code small.yaml} cut to one crossbar
 * per tile (2 memristor tiles, 2 crossbars).
 */
class ScaleToFitTest {
  @TempDir
  Path tmp;

  private final String mlp = Cli.testdata("models/mlp.onnx").toString();

  private Path tinyChip() throws IOException {
    return CompileCommandTest.tinyChip(tmp);
  }

  @Test
  void withoutTheFlagExitFourSaysTilesNeededAndSuggestsIt() throws IOException {
    Cli.Result r = Cli.run("compile", mlp, "--chip", tinyChip().toString(), "--placement", "all-memristor", "-o",
        tmp.resolve("out").toString());
    assertEquals(4, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().matches("ancc: error: mlp does not fit chip tiny: needs (\\d+) crossbars of 64x32 \\(\\1"
        + " memristor tiles of 1\\), chip has 2 \\(2 tiles\\); --scale-to-fit grows the chip's tile counts to the"
        + " model, --reprogram reprograms its arrays between layer groups within an inference\\s*"), r::toString);
  }

  @Test
  void compileStatesTheScaledChipAndRunAndEvalUseTheFolder() throws IOException {
    Path out = tmp.resolve("out");
    Path json = tmp.resolve("compile.json");
    Cli.Result r = Cli.run("compile", mlp, "--chip", tinyChip().toString(), "--placement", "all-memristor",
        "--scale-to-fit", "-o", out.toString(), "--json", json.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("mlp.onnx on chip tiny-scaled, placement all-memristor"), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("chip tiny-scaled scaled from tiny to fit: \\d+ memristor, 2"
        + " sram, 1 digital tiles on a \\d+x\\d+ mesh, [0-9.]+ mm2 of tiles")), r::toString);
    assertTrue(r.err().contains("ancc: note: --scale-to-fit: chip tiny ("), r::toString);
    assertTrue(Files.isRegularFile(out.resolve("mlp.chip.yaml")), r::toString);

    JsonNode chip = new ObjectMapper().readTree(json.toFile()).get("chip");
    assertEquals("tiny-scaled", chip.get("name").asText());
    assertEquals("tiny", chip.get("scaled_from").asText());
    int memristor = chip.get("tiles_by_kind").get("memristor").asInt();
    assertTrue(memristor >= 10, chip::toString);
    int rows = chip.get("mesh").get("rows").asInt();
    int cols = chip.get("mesh").get("cols").asInt();
    assertEquals(rows * cols, chip.get("tiles").asInt(), "the scaled mesh has no empty position");
    assertTrue(chip.get("area_mm2").asDouble() > 0);

    // run on the folder: the chip it records, no --chip needed
    Path runJson = tmp.resolve("run.json");
    Cli.Result run = Cli.run("run", out.toString(), "-i", Cli.testdata("fashion_mnist/images_16.npy").toString(),
        "-o", tmp.resolve("y.npy").toString(), "--mode", "ideal", "--json", runJson.toString());
    assertEquals(0, run.code(), run::toString);
    JsonNode runChip = new ObjectMapper().readTree(runJson.toFile()).get("chip");
    assertEquals(chip, runChip);

    Cli.Result eval = Cli.run("eval", out.toString(), "--images", Cli.testdata("fashion_mnist/images_16.npy")
        .toString(), "--labels", Cli.testdata("fashion_mnist/labels_16.npy").toString(), "--chips", "1");
    assertEquals(0, eval.code(), eval::toString);
    assertTrue(eval.out().startsWith("mlp.onnx on chip tiny-scaled") || eval.out().contains("on chip tiny-scaled"),
        eval::toString);

    // the folder is compiled: --scale-to-fit does not apply to it
    Cli.Result again = Cli.run("run", out.toString(), "-i", Cli.testdata("fashion_mnist/images_16.npy").toString(),
        "-o", tmp.resolve("z.npy").toString(), "--mode", "ideal", "--scale-to-fit");
    assertEquals(3, again.code(), again::toString);
    assertTrue(again.err().contains("is already compiled; --scale-to-fit applies only to model files"),
        again::toString);
  }

  @Test
  void runAndEvalOfAModelFileScaleToo() throws IOException {
    String chip = tinyChip().toString();
    Path runJson = tmp.resolve("run.json");
    Cli.Result run = Cli.run("run", mlp, "--chip", chip, "--placement", "all-memristor", "--scale-to-fit", "-i",
        Cli.testdata("fashion_mnist/images_16.npy").toString(), "-o", tmp.resolve("y.npy").toString(), "--mode",
        "ideal", "--json", runJson.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals("tiny", new ObjectMapper().readTree(runJson.toFile()).get("chip").get("scaled_from").asText());
    Cli.Result eval = Cli.run("eval", mlp, "--chip", chip, "--placement", "all-memristor", "--images",
        Cli.testdata("fashion_mnist/images_16.npy").toString(), "--labels",
        Cli.testdata("fashion_mnist/labels_16.npy").toString(), "--chips", "1");
    assertEquals(4, eval.code(), "without the flag: " + eval);
    Cli.Result scaled = Cli.run("eval", mlp, "--chip", chip, "--placement", "all-memristor", "--scale-to-fit",
        "--images", Cli.testdata("fashion_mnist/images_16.npy").toString(), "--labels",
        Cli.testdata("fashion_mnist/labels_16.npy").toString(), "--chips", "1");
    assertEquals(0, scaled.code(), scaled::toString);
    assertTrue(scaled.out().contains("on chip tiny-scaled"), scaled::toString);
  }

  @Test
  void theMainJobReportsTheScaledChip() throws IOException {
    Path out = tmp.resolve("job");
    Cli.Result r = Cli.run(mlp, "--chip", tinyChip().toString(), "--placement", "all-memristor", "--scale-to-fit",
        "--calib-samples", "16", "--chips", "1", "--no-sweeps", "--cache-dir", tmp.resolve("cache").toString(), "-o",
        out.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("mlp.onnx on chip tiny-scaled"), r::toString);
    JsonNode chip = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("chip");
    assertEquals("tiny", chip.get("scaled_from").asText());
    assertTrue(Files.isRegularFile(out.resolve("mlp.chip.yaml")));
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<th>scaled from</th><td>tiny (--scale-to-fit"), "report.html states the scaling");
    assertFalse(html.contains("<th>scaled from</th><td>tiny-scaled"));
  }
}
