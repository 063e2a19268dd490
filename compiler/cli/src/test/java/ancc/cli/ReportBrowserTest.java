package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless chromium: every chart has drawn marks (the page's own check,
 * read back from the rendered DOM), the console shows nothing, and a screenshot of every section
 * is kept under target/browser/ as a build artifact (all sections in one chromium run). Without chromium the test fails when CI=true
 * (CI installs it) and is skipped elsewhere.
 */
class ReportBrowserTest {
  static final List<String> SECTIONS = List.of("summary", "chip", "layers", "energy", "latency", "drift",
      "strategies");
  private static final int SHOT_WIDTH = 1400;
  private static final int SHOT_HEIGHT = 1000;
  private static final Pattern CHECK = Pattern.compile("<pre id=\"ancc-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

  @TempDir
  static Path dir;

  private static Chromium chromium;
  private static Path report;

  @BeforeAll
  static void renderReport() {
    chromium = Chromium.find();
    if (chromium == null) {
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
  }

  @Test
  void everyChartHasMarksAndTheConsoleIsQuiet() throws Exception {
    Chromium.Output o = chromium.run(report.toUri().toString(), List.of("--dump-dom"));
    JsonNode check = check(o.stdout());
    assertEquals(9, check.get("charts").asInt(), "charts on the page: " + check);
    assertEquals(0, check.get("empty").size(), "charts without marks: " + check.get("empty"));
    check.get("marks").fields().forEachRemaining(e -> assertTrue(e.getValue().asInt() > 0, e.getKey()));
    assertEquals(0, check.get("errors").size(), "script errors: " + check.get("errors"));
    assertEquals(List.of(), o.console(), "console messages");
  }

  /**
   * One chromium run for all sections: a page stacks one 1400x1000 frame per section
   * ({@code report.html?only=SECTION}, as a reader would open it), and its screenshot is cut into one
   * PNG per section. Chromium logs a frame's console messages with the frame's URL, so each message
   * is attributed to its section.
   */
  @Test
  void screenshotsOfEverySectionAreKept() throws Exception {
    Path shots = Path.of("target", "browser");
    Files.createDirectories(shots);
    StringBuilder page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><style>body{margin:0}"
        + "iframe{display:block;border:0;width:" + SHOT_WIDTH + "px;height:" + SHOT_HEIGHT + "px}</style></head><body>");
    for (String section : SECTIONS) {
      page.append("<iframe src=\"").append(report.toUri().toString().replace("&", "&amp;").replace("\"", "&quot;"))
          .append("?only=").append(section).append("\"></iframe>");
    }
    Path sections = dir.resolve("sections.html");
    Files.writeString(sections, page.append("</body></html>").toString());
    Path all = dir.resolve("sections.png");
    Chromium.Output o = chromium.run(sections.toUri().toString(), List.of("--window-size=" + SHOT_WIDTH + ","
        + SHOT_HEIGHT * SECTIONS.size(), "--hide-scrollbars", "--screenshot=" + all.toAbsolutePath()));
    BufferedImage image = ImageIO.read(all.toFile());
    assertNotNull(image, "no screenshot\n" + o.stderr());
    assertEquals(SHOT_HEIGHT * SECTIONS.size(), image.getHeight(), "screenshot height");
    for (int i = 0; i < SECTIONS.size(); i++) {
      String section = SECTIONS.get(i);
      Path png = shots.resolve("report-" + section + ".png").toAbsolutePath();
      Files.deleteIfExists(png);
      ImageIO.write(image.getSubimage(0, i * SHOT_HEIGHT, SHOT_WIDTH, SHOT_HEIGHT), "png", png.toFile());
      assertTrue(Files.size(png) > 10_000, section + ": screenshot too small\n" + o.stderr());
      assertEquals(List.of(), o.console().stream().filter(l -> l.contains("?only=" + section + " (")).toList(),
          section + ": console messages");
    }
    assertEquals(List.of(), o.console(), "console messages");
  }

  @Test
  void theCheckReportsAnEmptyChartAndAConsoleError() throws Exception {
    Path page = dir.resolve("broken.html");
    String html = Files.readString(report);
    int start = html.indexOf("<figure class=\"chart\" id=\"chart-accuracy\">");
    int end = html.indexOf("</figure>", start);
    assertTrue(start > 0 && end > start, "the report has an accuracy chart");
    html = html.substring(0, start) + "<figure class=\"chart\" id=\"chart-accuracy\"><svg></svg>"
        + html.substring(end) + "<script>console.error('broken on purpose');</script>";
    Files.writeString(page, html);
    Chromium.Output o = chromium.run(page.toUri().toString(), List.of("--dump-dom"));
    JsonNode check = check(o.stdout());
    assertEquals("chart-accuracy", check.get("empty").get(0).asText(), check::toString);
    assertEquals(1, o.console().size(), o::stderr);
    assertTrue(o.console().get(0).contains("broken on purpose"), o::stderr);
  }

  private static JsonNode check(String dom) throws IOException {
    Matcher m = CHECK.matcher(dom);
    assertTrue(m.find(), "no #ancc-check in the rendered DOM");
    String json = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    JsonNode n = new ObjectMapper().readTree(json);
    assertNotNull(n.get("charts"), json);
    return n;
  }
}
