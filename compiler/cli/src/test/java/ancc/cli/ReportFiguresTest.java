package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run of the main job, every figure its outputs share read back from each of them: the console
 * summary, report.json, report.html (summary tiles, strategies, layers) and layers.csv must say the
 * same thing (docs/report-schema.md: one inference at batch 1; throughput figures named by their batch).
 * Without labels the report shows fidelity to FP32 (class-score error, top-1 margin, agreement), not an
 * accuracy chart of two equal bars.
 */
class ReportFiguresTest {
  @TempDir
  static Path dir;

  private static Cli.Result run;
  private static JsonNode json;
  private static String html;
  private static List<String> csv;

  @BeforeAll
  static void runTheJob() throws IOException {
    Path out = dir.resolve("out");
    run = Cli.run(Cli.testdata("models/lenet.onnx").toString(), "--images",
        Cli.testdata("fashion_mnist/images_256.npy").toString(), "--labels",
        Cli.testdata("fashion_mnist/labels_256.npy").toString(), "--samples", "64", "--calib-samples", "64",
        "--chips", "1", "--no-sweeps", "--cache-dir", dir.resolve("cache").toString(), "-o", out.toString());
    assertEquals(0, run.code(), run::toString);
    json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    html = Files.readString(out.resolve("report.html"));
    csv = Files.readAllLines(out.resolve("layers.csv"));
  }

  private static String g4(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** The value of the summary tile named {@code key}. */
  private static String tile(String key) {
    Matcher m = Pattern.compile("<div class=\"tile\"><div class=\"v\">([^<]*)</div><div class=\"k\">"
        + Pattern.quote(key) + "</div></div>").matcher(html);
    assertTrue(m.find(), "no tile '" + key + "'");
    return m.group(1);
  }

  @Test
  void energyAndLatencyAreOneInferenceAtBatchOneEverywhere() {
    JsonNode totals = json.get("totals");
    double energy = totals.get("energy_per_inference_uj").asDouble();
    double latency = totals.get("latency_us").asDouble();
    assertEquals(g4(energy) + " µJ", tile("energy / inference"));
    assertEquals(g4(latency) + " µs", tile("latency"));
    assertEquals(g4(totals.get("tops_per_watt").asDouble()), tile("TOPS/W"));
    assertEquals(g4(totals.get("throughput_inf_per_s").asDouble()), tile("steady-state inferences/s"));
    assertTrue(run.out().contains(String.format(Locale.ROOT, "energy/inference:  %s uJ", g4(energy))), run::toString);
    assertTrue(run.out().contains(String.format(Locale.ROOT, "latency:           %s us", g4(latency))), run::toString);

    // the chosen strategy's point is the compiled program's energy at batch 1
    Matcher chosen = Pattern.compile("<tr><td>[^<]* \\(chosen\\)</td><td class=\"num\">([^<]*)</td>").matcher(html);
    assertTrue(chosen.find(), "no chosen strategy row");
    assertEquals(g4(energy), chosen.group(1));
    assertFalse(chosen.find(), "one chosen strategy");
    assertTrue(html.contains("one inference at batch 1"), "the basis is named");

    // the batch run is a separate, named figure
    JsonNode t = json.get("throughput");
    assertNotNull(t, "throughput section");
    assertEquals(64, t.get("batch").asInt());
    assertTrue(t.get("energy_per_inference_uj").asDouble() <= energy, "leakage shared by a batch");
    assertTrue(html.contains("batch of 64</th><td>" + g4(t.get("inferences_per_s").asDouble()) + " inferences/s, "
        + g4(t.get("energy_per_inference_uj").asDouble()) + " µJ per inference"), "throughput row");
  }

  @Test
  void layerFiguresAgreeInJsonHtmlAndCsv() {
    Map<String, Integer> column = new HashMap<>();
    List<String> header = List.of(csv.get(0).split(","));
    for (int i = 0; i < header.size(); i++) {
      column.put(header.get(i), i);
    }
    Pattern htmlRow = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>[^<]*</td><td>.*?</td>"
        + "<td class=\"num\">(\\d+)</td><td class=\"num\">[^<]*</td><td class=\"num\">([^<]*)</td>");
    Map<String, String[]> htmlLayers = new HashMap<>();
    Matcher m = htmlRow.matcher(html);
    while (m.find()) {
      htmlLayers.put(m.group(1), new String[] {m.group(3), m.group(4)});
    }
    int rows = 0;
    for (JsonNode layer : json.get("layers")) {
      String name = layer.get("name").asText();
      double energy = sum(layer.get("energy_pj"));
      String[] h = htmlLayers.get(name);
      assertNotNull(h, "layer " + name + " in report.html");
      assertEquals(layer.get("arrays").asText(), h[0], name + " arrays");
      assertEquals(g4(energy), h[1], name + " energy");
      String[] cells = csvRow(name);
      assertEquals(layer.get("arrays").asText(), cells[column.get("arrays")], name + " arrays in csv");
      assertEquals(energy, Double.parseDouble(cells[column.get("energy_pj")]), 1e-9 * Math.max(1, energy),
          name + " energy in csv");
      rows++;
    }
    assertEquals(json.get("layers").size(), rows);
    assertEquals(json.get("layers").size() + 1, csv.size(), "one csv row per layer");
  }

  @Test
  void accuracyAgreesInJsonHtmlAndConsole() {
    JsonNode acc = json.get("accuracy");
    String chip = String.format(Locale.ROOT, "%.2f%%", 100 * acc.get("simulated_top1_mean").asDouble());
    String fp32 = String.format(Locale.ROOT, "%.2f%%", 100 * acc.get("reference_top1").asDouble());
    assertEquals(chip, tile("top-1 on chip"));
    assertTrue(html.contains("<tr><th>FP32 reference</th><td>" + fp32 + "</td></tr>"), "FP32 row");
    assertTrue(run.out().contains("top-1:             " + chip), run::toString);
    assertTrue(run.out().contains("(FP32 " + fp32), run::toString);
  }

  @Test
  void withoutLabelsTheReportShowsFidelityNotAnAccuracyChart() throws IOException {
    Path out = dir.resolve("unlabelled");
    Cli.Result r = Cli.run(Cli.testdata("models/mlp.onnx").toString(), "--placement", "all-memristor", "--chips",
        "1", "--no-sweeps", "-q", "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    String page = Files.readString(out.resolve("report.html"));
    assertTrue(page.contains("Fidelity to FP32 (no labels)"), "fidelity section");
    assertTrue(page.contains("<th>class-score error</th>"), "logit error");
    assertTrue(page.contains("<th>top-1 margin</th>"), "margin");
    assertFalse(page.contains("id=\"chart-accuracy\""), "no chart of FP32 100% against the chip's agreement");
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertFalse(report.has("accuracy"), "no accuracy section without labels");
  }

  private static String[] csvRow(String layer) {
    for (String line : csv.subList(1, csv.size())) {
      List<String> cells = splitCsv(line);
      if (cells.get(0).equals(layer)) {
        return cells.toArray(String[]::new);
      }
    }
    throw new AssertionError("layer " + layer + " not in layers.csv");
  }

  /** Fields of one CSV line (RFC 4180 quoting). */
  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static double sum(JsonNode components) {
    double s = 0;
    for (Iterator<JsonNode> it = components.elements(); it.hasNext();) {
      s += it.next().asDouble();
    }
    return s;
  }
}
