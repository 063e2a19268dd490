package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc MODEL.onnx}: the whole job, its files, its summary, its stage lines and its errors. */
class MainJobTest {
  @TempDir
  Path dir;

  private final Path mlp = Cli.testdata("models/mlp.onnx");

  private String[] job(Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of(mlp.toString(), "--calib-samples", "16", "--chips", "1",
        "--cache-dir", dir.resolve("cache").toString(), "-o", out.toString()));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  @Test
  void writesEveryFileAndPrintsTheSummary() throws IOException {
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run(job(out, "--images", Cli.testdata("fashion_mnist/images_16.npy").toString(), "--labels",
        Cli.testdata("fashion_mnist/labels_16.npy").toString()));
    assertEquals(0, r.code(), r::toString);
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of("layers.csv", "mlp.air", "mlp.air.bin", "mlp.xbp", "mlp.xbp.bin", "report.html",
          "report.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("mlp.onnx on chip default, placement "), r::toString);
    assertTrue(lines.get(1).matches("layer +op +shape +placement +arrays +energy +sensitivity"), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "/net/net.1/Gemm +linear +f32\\[N,128] +\\w+ +\\d+ +[0-9.]+% +.*")),
        r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("energy/inference: +[0-9.e+-]+ uJ")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("latency: +[0-9.e+-]+ us")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("TOPS/W: +[0-9.e+-]+")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("top-1: +\\d+\\.\\d\\d% \\+- \\d+\\.\\d\\d% over 1 chip \\(FP32"
        + " \\d+\\.\\d\\d%, all-digital \\d+\\.\\d\\d%\\)")), r::toString);
    assertEquals("report: " + out.resolve("report.html"), lines.get(lines.size() - 1));

    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals("ancc-report/2", report.get("schema").asText());
    assertEquals("job", report.get("command").asText());
    SimulateCommandTest.assertReportShape(report);
    assertEquals(16, report.get("accuracy").get("samples").asInt());
    assertTrue(report.has("partition"), "the partitioner's section");
    String csv = Files.readString(out.resolve("layers.csv"));
    assertTrue(csv.startsWith("layer,op,output,placement,arrays,utilization,tiles,cycles,sensitivity,energy_pj"), csv);
    assertEquals(report.get("layers").size() + 1, csv.lines().count());
    String html = Files.readString(out.resolve("report.html"));
    for (String section : ReportBrowserTest.SECTIONS) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    // self-contained: nothing to fetch (SVG namespace names are identifiers, never fetched)
    String fetchable = html.replaceAll("xmlns(:\\w+)?=['\"][^'\"]*['\"]", "");
    assertFalse(fetchable.matches("(?s).*(https?:|<link|@import|<script src|<img).*"), "no external resources");
  }

  @Test
  void withoutLabelsItMeasuresAgreementAndPrintsOneLinePerStage() throws IOException {
    Path out = dir.resolve("plain");
    Cli.Result r = Cli.run(job(out));
    assertEquals(0, r.code(), r::toString);
    List<String> stages = r.errLines().stream().filter(l -> l.startsWith("ancc: ") && !l.startsWith("ancc: warning"))
        .map(l -> l.substring(6, l.indexOf(':', 6))).toList();
    assertEquals(List.of("import", "canonicalize", "sensitivity and partition", "calibrate and lower", "emit program",
        "timing and energy", "accuracy", "write", "wrote " + out), stages, r::toString);
    assertTrue(r.out().contains("agreement:"), r::toString);
    assertTrue(r.out().contains("no labels: agreement with FP32 on synthetic inputs"), r::toString);
    assertTrue(Files.readString(out.resolve("report.html")).contains("No labelled data"));
  }

  @Test
  void quietPrintsNoStagesAndTheSameCommandWritesTheSameFiles() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Cli.Result ra = Cli.run(job(a, "--quiet", "--placement", "all-sram"));
    Cli.Result rb = Cli.run(job(b, "-q", "--placement", "all-sram"));
    assertEquals(0, ra.code(), ra::toString);
    assertEquals(0, rb.code(), rb::toString);
    assertEquals(List.of("ancc: wrote " + a + ": mlp.air.bin, mlp.air, mlp.xbp.bin, mlp.xbp, report.json, layers.csv,"
        + " report.html"), ra.errLines().stream().filter(l -> !l.startsWith("ancc: warning: ")).toList());
    for (String f : List.of("report.json", "report.html", "layers.csv", "mlp.xbp")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertTrue(ra.out().contains("placement all-sram"), ra::toString);
  }

  @Test
  void usageErrors() {
    assertEquals(2, Cli.run(mlp.toString(), "--images", "x.npy").code());
    assertEquals(2, Cli.run(mlp.toString(), "--placement", "everywhere").code());
    assertEquals(2, Cli.run(mlp.toString(), "--budget", "lots").code());
    assertEquals(2, Cli.run(mlp.toString(), "--chips", "0").code());
    Cli.Result r = Cli.run("frobnicate");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("neither a command"), r::toString);
  }

  @Test
  void aBadModelWritesNothing() throws IOException {
    Path bad = dir.resolve("bad.onnx");
    Files.write(bad, new byte[] {1, 2, 3, 4, 5});
    Path out = dir.resolve("never");
    Cli.Result r = Cli.run(bad.toString(), "-o", out.toString(), "-q");
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().startsWith("ancc: error: "), r::toString);
    assertFalse(Files.exists(out), "no output folder");
    Cli.Result missing = Cli.run(dir.resolve("nope.onnx").toString());
    assertEquals(3, missing.code(), missing::toString);
    Path file = dir.resolve("file");
    Files.writeString(file, "x");
    assertEquals(3, Cli.run(mlp.toString(), "-o", file.toString()).code());
  }
}
