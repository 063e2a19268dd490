package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.compiler.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless chromium and looks at it as a reader's browser shows it, from
 * outside the page (the page has no hook for tests): every chart is laid out with a size and drew
 * marks, the console stays silent, {@code ?only=SECTION} leaves one section on screen, names with
 * markup show as text, and a screenshot of every section is kept under target/browser/. Without
 * chromium the test fails when CI=true (CI installs it) and is skipped elsewhere.
 */
class ReportBrowserTest {
  static final List<String> SECTIONS = List.of("summary", "chip", "layers", "energy", "latency", "drift",
      "strategies");
  /** A model file and a layer name that would run script if the page did not escape them. */
  static final String MODEL = "x\"'><img src=x onerror=console.error('model')>";
  static final String LAYER = "</td><script>console.error(\"layer\")</script>";

  /**
   * Per chart: its id, its laid-out size, and its marks: the data-item groups JFreeSVG writes
   * ({@code <g jfreesvg:ref=...>}, not the chart's top-level group) whose drawn box is not empty.
   */
  private static final String CHARTS = String.join("\n",
      "Array.from(document.querySelectorAll('figure.chart')).map(f => {",
      "  const marks = Array.from(f.querySelectorAll('g')).filter(g => {",
      "    const ref = g.getAttribute('jfreesvg:ref');",
      "    if (!ref || ref === 'JFREECHART_TOP_LEVEL') { return false; }",
      "    const box = g.getBBox();",
      "    return box.width > 0 || box.height > 0;",
      "  }).length;",
      "  const r = f.getBoundingClientRect();",
      "  return {id: f.id, marks: marks, width: r.width, height: r.height};",
      "})");
  private static final String SHOWN_SECTIONS = "Array.from(document.querySelectorAll('main > section'))"
      + ".filter(s => getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().height > 0).map(s => s.id)";

  @TempDir
  static Path dir;

  private static Chromium chromium;
  private static Path report;
  private static Path hostile;

  @BeforeAll
  static void renderReports() throws Exception {
    Path binary = Chromium.find();
    if (binary == null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("chromium is not installed; CI must install it (.ci/run installs Debian's chromium)");
      }
      Assumptions.abort("chromium is not installed (apt-get install chromium)");
    }
    // every chart kind: a drifting chip with memristor placement, labelled data, the partitioner's points
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("--quiet", Cli.testdata("models/mlp.onnx").toString(), "--chip", "hermes-pcm",
        "--placement", "all-memristor", "--images", Cli.testdata("fashion_mnist/images_256.npy").toString(),
        "--labels", Cli.testdata("fashion_mnist/labels_256.npy").toString(), "--samples", "64",
        "--calib-samples", "32", "--chips", "2",
        "--cache-dir", dir.resolve("cache").toString(), "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    report = out.resolve("report.html");
    // the same model under a hostile file name with a hostile layer name, the cheapest job
    ModelProto mlp = ModelProto.parseFrom(Files.readAllBytes(Cli.testdata("models/mlp.onnx")));
    ModelProto.Builder renamed = mlp.toBuilder();
    renamed.getGraphBuilder().getNodeBuilder(0).setName(LAYER);
    Path model = dir.resolve(MODEL + ".onnx");
    Files.write(model, renamed.build().toByteArray());
    Path hostileOut = dir.resolve("hostile");
    Cli.Result h = Cli.run("--quiet", model.toString(), "--placement", "all-digital", "--images",
        Cli.testdata("fashion_mnist/images_256.npy").toString(), "--labels",
        Cli.testdata("fashion_mnist/labels_256.npy").toString(), "--samples", "8", "--calib-samples", "8",
        "--chips", "1", "--no-sweeps", "--cache-dir", dir.resolve("cache").toString(), "-o", hostileOut.toString());
    assertEquals(0, h.code(), h::toString);
    hostile = hostileOut.resolve("report.html");
    chromium = Chromium.start(binary);
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void everyChartIsLaidOutWithMarksAndTheConsoleIsQuiet() throws Exception {
    Chromium.Tab tab = chromium.open(1400, 1000);
    tab.load(report.toUri().toString());
    JsonNode charts = tab.evaluate(CHARTS);
    assertEquals(9, charts.size(), "charts on the page: " + charts);
    for (JsonNode c : charts) {
      assertTrue(c.get("marks").asInt() > 0, "no marks drawn: " + c);
      assertTrue(c.get("width").asDouble() > 300 && c.get("height").asDouble() > 150, "not laid out: " + c);
    }
    assertEquals(SECTIONS, names(tab.evaluate(SHOWN_SECTIONS)));
    assertEquals(List.of(), tab.console(), "console messages");
  }

  @Test
  void onlyShowsOneSectionAndScreenshotsOfEverySectionAreKept() throws Exception {
    Path shots = Path.of("target", "browser");
    Files.createDirectories(shots);
    Chromium.Tab tab = chromium.open(1400, 1000);
    for (String section : SECTIONS) {
      tab.load(report.toUri() + "?only=" + section);
      assertEquals(List.of(section), names(tab.evaluate(SHOWN_SECTIONS)), section);
      Path png = shots.resolve("report-" + section + ".png");
      Files.write(png, tab.screenshot());
      assertTrue(Files.size(png) > 10_000, section + ": screenshot too small");
      assertEquals(List.of(), tab.console(), section + ": console messages");
    }
  }

  @Test
  void namesWithMarkupShowAsTextAndRunNothing() throws Exception {
    Chromium.Tab tab = chromium.open(1400, 1000);
    tab.load(hostile.toUri().toString());
    assertEquals(List.of(), tab.console(), "nothing injected ran");
    assertEquals(0, tab.evaluate("document.images.length").asInt(), "no element from a name");
    assertEquals(1, tab.evaluate("document.scripts.length").asInt(), "the page's own script only");
    assertEquals("ancc report: " + MODEL + " on default", tab.evaluate("document.title").asText());
    assertEquals(MODEL + ".onnx on chip default", tab.evaluate("document.querySelector('h1').textContent").asText());
    assertEquals(LAYER, tab.evaluate("document.querySelector('table.layers tbody td').textContent").asText());
  }

  @Test
  void theProbeSeesAnEmptyChartAndAConsoleError() throws Exception {
    Path page = dir.resolve("broken.html");
    String html = Files.readString(report);
    int start = html.indexOf("<figure class=\"chart\" id=\"chart-accuracy\">");
    int end = html.indexOf("</figure>", start);
    assertTrue(start > 0 && end > start, "the report has an accuracy chart");
    html = html.substring(0, start) + "<figure class=\"chart\" id=\"chart-accuracy\"><svg></svg>"
        + html.substring(end) + "<script>console.error('broken on purpose'); undefinedFunction();</script>";
    Files.writeString(page, html);
    Chromium.Tab tab = chromium.open(1400, 1000);
    tab.load(page.toUri().toString());
    JsonNode accuracy = tab.evaluate(CHARTS).get(0);
    assertEquals("chart-accuracy", accuracy.get("id").asText());
    assertEquals(0, accuracy.get("marks").asInt(), accuracy::toString);
    List<String> console = tab.console();
    assertEquals(2, console.size(), console::toString);
    assertEquals("error: broken on purpose", console.get(0));
    assertTrue(console.get(1).startsWith("uncaught: ReferenceError: undefinedFunction is not defined"), console::toString);
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
