package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sensitivities FILE}: the partition solved from given scores, without simulation, in compile and opt. */
class SensitivitiesOptionTest {
  private static final String LENET = Cli.testdata("models/lenet.onnx").toString();
  private static final List<String> LAYERS = List.of("/conv1/Conv", "/conv2/Conv", "/fc1/Gemm", "/fc2/Gemm",
      "/fc3/Gemm");

  /** Every layer exact on SRAM except fc3 (0.4 %), all of them tolerable on memristor except fc3 (2 %). */
  private static Path scores(Path dir) throws IOException {
    StringBuilder b = new StringBuilder("{\"layers\": {\n");
    for (String l : LAYERS) {
      boolean last = l.equals("/fc3/Gemm");
      b.append("  \"").append(l).append("\": {\"memristor\": {\"disagreement\": ").append(last ? "0.02" : "0.001")
          .append("}, \"sram\": {\"disagreement\": ").append(last ? "0.004" : "0").append("}}")
          .append(last ? "\n" : ",\n");
    }
    Path f = dir.resolve("lenet.scores.json");
    Files.writeString(f, b.append("}}\n").toString(), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void compilePlacesFromTheScoresDeterministicallyAndPrintsTheDecisions(@TempDir Path tmp) throws IOException {
    String s = scores(tmp).toString();
    Cli.Result r = Cli.run("compile", LENET, "--sensitivities", s, "--budget", "1%", "-o", tmp.resolve("a").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("partition auto from the sensitivities in " + s + " (not measured by simulation):"
        + " predicted drop "), r::toString);
    for (String layer : LAYERS) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(layer + " ") && l.contains("pJ/inference")), layer + r);
    }
    assertFalse(r.out().contains("all-memristor"), "no strategy was measured: " + r);
    Cli.Result again = Cli.run("compile", LENET, "--sensitivities", s, "--budget", "1%", "-o",
        tmp.resolve("b").toString());
    assertEquals(0, again.code(), again::toString);
    assertEquals(Files.readString(tmp.resolve("a/lenet.air")), Files.readString(tmp.resolve("b/lenet.air")));

    // a placed .air is placed again when scores are given: a zero budget keeps every layer off memristor
    Path out = tmp.resolve("zero.air");
    Cli.Result opt = Cli.run("opt", tmp.resolve("a/lenet.air").toString(), "--passes", "partition",
        "--sensitivities", s, "--budget", "0%", "-o", out.toString());
    assertEquals(0, opt.code(), opt::toString);
    String placed = Files.readString(out);
    assertTrue(Files.readString(tmp.resolve("a/lenet.air")).contains("place(memristor)"), "1%: some memristor");
    assertFalse(placed.contains("place(memristor)"), placed);
    assertTrue(placed.lines().filter(l -> l.contains(" = ") && l.contains("loc(")).allMatch(l -> l.contains(
        "place(")), placed);
  }

  @Test
  void badScoresAndFixedPlacementsAreRefused(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"layers\": {\"/conv1/Conv\": {\"sram\": {\"disagreement\": 2}}}}");
    Cli.Result r = Cli.run("compile", LENET, "--sensitivities", bad.toString(), "-o", tmp.resolve("o").toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains(bad + ":1:54: layer '/conv1/Conv', sram: disagreement must be between 0 and 1, got"
        + " 2"), r::toString);
    Cli.Result fixed = Cli.run("compile", LENET, "--sensitivities", scores(tmp).toString(), "--placement", "all-sram",
        "-o", tmp.resolve("o").toString());
    assertEquals(2, fixed.code(), fixed::toString);
    assertTrue(fixed.err().contains("apply to the automatic placements (auto, auto-greedy), not to all-sram"),
        fixed::toString);
    assertFalse(Files.exists(tmp.resolve("o")));
  }
}
