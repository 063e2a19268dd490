package ancc.compiler.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.report.ChipInfo;
import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.ModelInfo;
import ancc.compiler.report.Report;
import ancc.compiler.report.SimulationInfo;
import ancc.compiler.report.TileEntry;
import ancc.compiler.report.Totals;
import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.compiler.report.html.ReportData.DriftFigures;
import ancc.compiler.report.html.ReportData.DriftPoint;
import ancc.compiler.report.html.ReportData.LayerSpan;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.compiler.report.html.ReportData.TileBusy;
import ancc.ir.chip.Chips;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * report.html and the compare page from their templates: every section and chart is there, the
 * page's CSS and script come from the resources, nothing but that script is a script, and names
 * holding markup and quotes are shown as text.
 */
class HtmlReportTest {
  /** A model name and layer names as hostile as ONNX allows (any string). */
  static final String MODEL = "m\"'><script>alert('model')</script>";
  static final String LAYER = "</td><script>alert(\"layer\")</script><img src=x onerror='alert(1)'>";

  static ReportData data() {
    Map<String, Double> energy = Map.of("crossbar.read", 12.5, "adc.conversion", 3.0, "leakage", 1.0);
    LayerEntry fc = new LayerEntry(LAYER, "linear", "memristor", 4, 0.75, List.of(0), energy, 120L);
    LayerEntry relu = new LayerEntry("/Relu", "relu", "digital", 0, 0, List.of(1), Map.of("vector.op", 0.5), 10L);
    Totals totals = new Totals(1.65e-5, 1.25, 1250L, 8.0e5, 2.0, 12.4, energy, 4, 2, 17);
    Report report = Report.of("job", new ModelInfo(MODEL, MODEL + ".onnx", "onnx", "ab12cd34ef56ab12", 1000L),
        new ChipInfo("default", "ff00", 1e9, 36), "all-memristor", new SimulationInfo("analog", 7, 2, 0, false, 1),
        List.of(fc, relu), List.of(new TileEntry(0, "memristor", 0.5, energy), new TileEntry(1, "digital", 0.1,
            Map.of())), totals, null);
    AccuracyFigures accuracy = new AccuracyFigures("top-1", "images.npy (64 samples)", 64, 2, 0.9, 0.85, 0.01, 0.89,
        new ancc.compiler.eval.Fidelity(1e-3, 2.5, 2.4, 0.98));
    DriftFigures drift = new DriftFigures(true, "PCM drift", "top-1", List.of(new DriftPoint("1 s", 1, 0.85, 0.85),
        new DriftPoint("1 day", 86400, 0.84, 0.7)));
    List<StrategyPoint> strategies = List.of(new StrategyPoint("all-memristor", true, 1.65e-5, 0.85, true, "<b>"),
        new StrategyPoint("all-digital", true, 4e-5, 0.89, false, ""),
        new StrategyPoint("all-sram", false, 0, null, false, "no SRAM tiles"));
    return new ReportData(report, Chips.preset("default"), "all-memristor", Map.of(LAYER, "f32[N,10]"),
        Map.of(LAYER, 0.02), accuracy, List.of(new LayerSpan(LAYER, "memristor", 0, 100),
            new LayerSpan("/Relu", "digital", 100, 110)), List.of(new TileBusy(0, "memristor", 100),
            new TileBusy(1, "digital", 10)), drift, strategies, "top-1 on 64 inputs", List.of("note <i>" + MODEL));
  }

  /** The text of an HTML fragment as a browser shows it: tags dropped, the entities jte writes decoded. */
  static String text(String html) {
    return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }

  private static int count(String page, String needle) {
    return page.split(Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void everySectionAndChartFromTheTemplatesWithTheResourcesInline() {
    String page = HtmlReport.render(data());
    for (ReportPage.Link s : ReportPage.SECTIONS) {
      assertTrue(page.contains("<section id=\"" + s.id() + "\">"), s.id());
      assertTrue(page.contains("<a href=\"#" + s.id() + "\">" + s.title() + "</a>"), s.id());
    }
    for (String chart : List.of("accuracy", "mesh", "layers", "energy-components", "energy-layers", "tiles",
        "pipeline", "drift", "pareto")) {
      assertTrue(page.contains("<figure class=\"chart\" id=\"chart-" + chart + "\"><svg class=\"chart-svg\""),
          chart);
    }
    assertEquals(9, count(page, "<figure class=\"chart\""));
    assertTrue(page.contains(Templates.resource("report.css")), "the stylesheet inline");
    assertTrue(page.contains(Templates.resource("report.js")), "the script inline");
    assertEquals(1, count(page, "<script"), "the page's own script only");
    assertFalse(page.contains("ancc-check"), "no test hook");
    assertTrue(page.contains("<tr><th>this chip</th><td>85.00% \u00b1 1.00% over 2 chip instances</td></tr>"), page);
    assertTrue(page.contains("<td class=\"num\">does not fit</td>"), "a strategy that does not fit");
  }

  @Test
  void namesWithMarkupAndQuotesAreShownVerbatim() {
    String page = HtmlReport.render(data());
    assertEquals(1, count(page, "<script"), "no script from a name");
    assertFalse(page.contains("<img"), "no element from a name");
    assertFalse(page.contains(LAYER));
    assertFalse(page.contains(MODEL));
    Matcher title = Pattern.compile("<title>(.*?)</title>").matcher(page);
    assertTrue(title.find());
    assertEquals("ancc report: " + MODEL + " on default", text(title.group(1)));
    Matcher h1 = Pattern.compile("<h1>(.*?)</h1>").matcher(page);
    assertTrue(h1.find());
    assertEquals(MODEL + ".onnx on chip default", text(h1.group(1)));
    Matcher row = Pattern.compile("<table class=\"layers\">.*?<tbody>\\s*<tr><td>(.*?)</td><td>linear</td>",
        Pattern.DOTALL).matcher(page);
    assertTrue(row.find(), "the layer's row");
    assertEquals(LAYER, text(row.group(1)));
    assertTrue(text(page).contains("note <i>" + MODEL), "the note as text");
  }

  @Test
  void theComparePageEscapesLabelsAndLayerNames() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String layers = "{\"totals\":{\"energy_per_inference_uj\":1.5,\"energy_pj\":{\"adc.conversion\":2}},"
        + "\"layers\":[{\"name\":" + json.writeValueAsString(LAYER) + ",\"placement\":\"memristor\","
        + "\"energy_pj\":{\"adc.conversion\":2}}]}";
    CompareReport.Side a = new CompareReport.Side(MODEL, json.readTree(layers));
    CompareReport.Side b = new CompareReport.Side("b", json.readTree(layers));
    String page = CompareReport.html(a, b);
    assertEquals(0, count(page, "<script"));
    assertFalse(page.contains("<img"));
    assertEquals(2, count(page, "<figure class=\"chart\""));
    assertEquals(3, count(page, "<table class=\"compare\">"));
    assertTrue(page.contains(Templates.resource("compare.css")));
    Matcher h1 = Pattern.compile("<h1>(.*?)</h1>").matcher(page);
    assertTrue(h1.find());
    assertEquals(MODEL + " vs b", text(h1.group(1)));
    assertTrue(text(page).contains(LAYER + "memristor, 2memristor, 2x1"), "the layer's row as text");
  }
}
