package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc compile} with the partitioner: --placement auto|..., --budget, --calib, --granularity, the report. */
class CompilePartitionTest {
  private static final String IMAGES = Cli.testdata("fashion_mnist/images_256.npy").toString();
  private static final String LABELS = Cli.testdata("fashion_mnist/labels_256.npy").toString();

  private static String model(String name) {
    return Cli.testdata("models/" + name + ".onnx").toString();
  }

  @Test
  void autoWithCalibrationPrintsThePartitionAndReportsIt(@TempDir Path tmp) throws IOException {
    Path json = tmp.resolve("r.json");
    Cli.Result r = Cli.run("compile", model("lenet"), "--calib", IMAGES, "--calib-labels", LABELS, "--calib-samples",
        "64", "--budget", "1%", "--cache-dir", tmp.resolve("cache").toString(), "-o", tmp.resolve("out").toString(),
        "--json", json.toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("lenet.onnx on chip default, placement auto, calibration " + IMAGES
        + " (64 samples)"), r::toString);
    assertTrue(r.out().contains("partition auto (layer-granular): budget 1.00%, predicted drop "), r::toString);
    for (String layer : List.of("/conv1/Conv", "/conv2/Conv", "/fc1/Gemm", "/fc2/Gemm", "/fc3/Gemm")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(layer + " ") && l.contains("%/")), layer + "\n" + r);
    }
    for (String s : List.of("all-memristor", "all-sram", "all-digital", "first-last-digital")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith(s + " ") && l.contains(" uJ ")), s + "\n" + r);
    }
    assertFalse(r.out().contains("WARNING"), r::toString);
    JsonNode rep = new ObjectMapper().readTree(json.toFile());
    JsonNode p = rep.get("partition");
    assertEquals("auto", p.get("strategy").asText());
    assertEquals(1.0, p.get("budget").asDouble());
    assertTrue(p.get("measured_drop").asDouble() <= 1.0);
    assertTrue(p.get("predicted_drop").asDouble() <= 1.0);
    assertEquals(64, p.get("calibration_samples").asInt());
    for (String s : List.of("all-memristor", "all-sram", "all-digital", "first-last-digital", "auto")) {
      assertTrue(p.get("baselines").get(s).get("energy_per_inference_uj").asDouble() > 0, s);
      assertTrue(p.get("baselines").get(s).has("measured_top1"), s);
    }
    JsonNode conv1 = rep.get("layers").get(0);
    assertEquals("/conv1/Conv", conv1.get("name").asText());
    assertTrue(conv1.get("sensitivity").get("memristor").get("logit_nmse").asDouble() > 0, conv1::toString);
    assertTrue(conv1.get("why").asText().startsWith(conv1.get("placement").asText()), conv1::toString);
    assertFalse(rep.get("layers").get(1).has("sensitivity"), "a relu has no sensitivity");

    Cli.Result again = Cli.run("compile", model("lenet"), "--calib", IMAGES, "--calib-labels", LABELS,
        "--calib-samples", "64", "--budget", "1%", "--cache-dir", tmp.resolve("cache").toString(), "-o",
        tmp.resolve("out2").toString());
    assertEquals(0, again.code(), again::toString);
    assertEquals(r.out().lines().skip(1).toList(), again.out().lines().skip(1).toList(), "cached rerun differs");
  }

  @Test
  void withoutCalibrationDataTheOutputSaysFiguresAreNotMeaningful(@TempDir Path tmp) {
    Cli.Result r = Cli.run("compile", model("mlp"), "--calib-samples", "32", "--cache-dir", tmp.toString(), "-o",
        tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("ancc: warning: no calibration data"), r::toString);
    assertTrue(r.out().contains("SYNTHETIC calibration images"), r::toString);
    assertTrue(r.out().contains("WARNING: no calibration data"), r::toString);
    assertTrue(r.out().contains("NOT meaningful"), r::toString);
  }

  @Test
  void kernelGranularityPlacesChannelGroups(@TempDir Path tmp) {
    // on hermes-pcm (no SRAM-CIM) at 1 %, measured over 2 chip instances, no whole layer of mlp may go to PCM
    // (all-memristor's measured drop exceeds 1 % there; over 3 instances it meets it), but channel groups may
    Cli.Result r = Cli.run("compile", model("mlp"), "--calib", IMAGES, "--calib-labels", LABELS, "--calib-samples",
        "128", "--budget", "1%", "--granularity", "kernel", "--chip", "hermes-pcm", "--chips", "2", "--cache-dir",
        tmp.toString(),
        "-o", tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("partition auto (kernel-granular)"), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("/net/net.\\d/Gemm/g0 +(memristor|digital) .*")),
        r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.matches("/net/net.\\d/Gemm/g\\d +memristor .*")), r::toString);
    Cli.Result greedy = Cli.run("compile", model("mlp"), "--calib", IMAGES, "--calib-labels", LABELS,
        "--calib-samples", "128", "--budget", "1%", "--granularity", "kernel", "--placement", "auto-greedy", "--chip",
        "hermes-pcm", "--chips", "2", "--cache-dir", tmp.toString(), "-o", tmp.resolve("greedy").toString());
    assertEquals(0, greedy.code(), greedy::toString);
    assertTrue(greedy.out().contains("partition auto-greedy (kernel-granular)"), greedy::toString);
  }

  @Test
  void firstLastDigitalIsAFixedPlacement(@TempDir Path tmp) {
    Cli.Result r = Cli.run("compile", model("lenet"), "--placement", "first-last-digital", "-o",
        tmp.resolve("out").toString());
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches("/conv1/Conv +conv +digital .*")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("/conv2/Conv +conv +memristor .*")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("/fc3/Gemm +linear +digital .*")), r::toString);
    assertFalse(r.out().contains("partition"), "a fixed placement without --calib does not run the partitioner");
  }

  @Test
  void badBudgetsAndGranularitiesAreUsageErrors() {
    for (String bad : List.of("abc", "-1%", "150%", "%", "1%%")) {
      Cli.Result r = Cli.run("compile", model("mlp"), "--budget", bad);
      assertEquals(2, r.code(), bad + ": " + r);
      assertTrue(r.err().contains("expected a top-1 drop between 0% and 100%, e.g. 1%, but was '" + bad + "'"),
          r::toString);
    }
    Cli.Result g = Cli.run("compile", model("mlp"), "--granularity", "channel");
    assertEquals(2, g.code(), g::toString);
    assertTrue(g.err().contains("expected layer or kernel but was 'channel'"), g::toString);
  }

  @Test
  void calibrationErrorsAreInvalidInput(@TempDir Path tmp) {
    Cli.Result labelsOnly = Cli.run("compile", model("mlp"), "--calib-labels", LABELS, "-o",
        tmp.resolve("a").toString());
    assertEquals(2, labelsOnly.code(), labelsOnly::toString); // a usage error, as --labels without --images
    assertTrue(labelsOnly.err().contains("calib-labels (" + LABELS + ") needs calib"), labelsOnly::toString);
    Cli.Result missing = Cli.run("compile", model("mlp"), "--calib", tmp.resolve("none.npy").toString(), "-o",
        tmp.resolve("b").toString());
    assertEquals(3, missing.code(), missing::toString);
    assertTrue(missing.err().contains("none.npy: no such file"), missing::toString);
    Cli.Result wrongShape = Cli.run("compile", model("mlp"), "--calib", LABELS, "-o", tmp.resolve("c").toString());
    assertEquals(3, wrongShape.code(), wrongShape::toString);
    assertEquals(1, wrongShape.errLines().size(), wrongShape::toString);
    assertFalse(Files.exists(tmp.resolve("c")));
  }

  @Test
  void evalTakesThePartitionOptions(@TempDir Path tmp) {
    Cli.Result r = Cli.run("eval", model("mlp"), "--images", IMAGES, "--labels", LABELS, "--samples", "64",
        "--placement", "auto", "--calib", IMAGES, "--calib-labels", LABELS, "--calib-samples", "64", "--budget", "2%",
        "--cache-dir", tmp.toString(), "-q");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("partition auto (layer-granular): budget 2.00%"), r::toString);
    assertTrue(r.out().contains("placement auto"), r::toString);
    Cli.Result folder = Cli.run("eval", tmp.toString(), "--images", IMAGES, "--labels", LABELS, "--calib", IMAGES);
    assertEquals(3, folder.code(), folder::toString);
  }
}
