package ancc.compiler.report.html;

import java.util.List;

/**
 * {@code report.html}: one self-contained page (inline CSS, inline SVG charts, one small inline
 * script; nothing loaded from the network, no fonts but the reader's own) with one screen per
 * section: summary, chip map, layers, energy, latency, drift, strategies.
 *
 * <p>{@code report.html?only=SECTION} (e.g. {@code ?only=energy}) shows that section alone.
 *
 * <p>The inline script checks the page as it loads: it counts the drawn marks of every chart
 * (the SVG groups JFreeChart writes per data item, with a non-empty bounding box), collects
 * script errors and {@code console.error} calls, and writes the result as JSON into
 * {@code <pre id="ancc-check">}, which the browser test reads from the rendered DOM.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The page. */
  public static String render(ReportData data) {
    Sections s = new Sections(data);
    List<String[]> nav = List.of(new String[] {"summary", "Summary"}, new String[] {"chip", "Chip map"},
        new String[] {"layers", "Layers"}, new String[] {"energy", "Energy"}, new String[] {"latency", "Latency"},
        new String[] {"drift", "Drift"}, new String[] {"strategies", "Strategies"});
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>ancc report: ").append(Html.esc(data.report().model().name())).append(" on ")
        .append(Html.esc(data.chip().name())).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("<script>\n").append(CHECK_SCRIPT).append("</script>\n</head>\n<body>\n<nav>");
    sb.append("<span class=\"brand\">ancc</span>");
    for (String[] n : nav) {
      sb.append("<a href=\"#").append(n[0]).append("\">").append(n[1]).append("</a>");
    }
    sb.append("</nav>\n<main>\n");
    sb.append(s.summary()).append(s.chipMap()).append(s.layers()).append(s.energy()).append(s.latency())
        .append(s.drift()).append(s.strategies());
    sb.append("</main>\n<footer>Written by ancc. Schema of the numbers: report.json (ancc-report/2); per-layer"
        + " figures also in layers.csv.<pre id=\"ancc-check\" hidden></pre></footer>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static final String CSS = String.join("\n",
      "*{box-sizing:border-box}",
      "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1d1d1f;"
          + "background:#f4f5f7}",
      "nav{position:sticky;top:0;z-index:2;background:#20232a;padding:.5rem 1rem;display:flex;gap:1rem;"
          + "flex-wrap:wrap}",
      "nav a{color:#e8e8e8;text-decoration:none;font-size:.95rem}nav a:hover{text-decoration:underline}",
      "nav .brand{color:#fff;font-weight:700;margin-right:1rem}",
      "section{min-height:100vh;padding:1.2rem 2rem;border-bottom:1px solid #ddd;background:#fff;margin-bottom:.5rem}",
      "h1{font-size:1.5rem;margin:.2rem 0 .6rem}h2{font-size:1.3rem;margin:.2rem 0 .8rem}",
      "h3{font-size:1.05rem;margin:1rem 0 .4rem}",
      ".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1rem;align-items:start}",
      "figure.chart{margin:0;border:1px solid #e3e3e3;border-radius:6px;padding:.4rem;background:#fff}",
      "figure.chart figcaption{font-size:.85rem;color:#555;padding:.2rem .4rem}",
      ".chart-svg{width:100%;height:auto;display:block}",
      "table{border-collapse:collapse;font-size:.88rem;margin:.3rem 0}",
      "th,td{border-bottom:1px solid #e6e6e6;padding:.25rem .6rem;text-align:left;vertical-align:top}",
      "thead th{background:#f0f1f3}.scroll thead th{position:sticky;top:0}",
      "table.kv th{font-weight:600;color:#444;white-space:nowrap}",
      "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
      ".tiles{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}",
      ".tile{border-radius:6px;background:#f0f1f3;padding:.5rem .8rem;min-width:9rem}",
      ".tile .v{font-size:1.25rem;font-weight:700}.tile .k{font-size:.8rem;color:#555}",
      ".kind{display:inline-block;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.8rem}",
      ".note{background:#fff7e0;border-left:4px solid #e0a800;padding:.4rem .8rem;margin:.5rem 0}",
      ".scroll{max-height:70vh;overflow:auto}",
      "footer{padding:1rem 2rem;color:#666;font-size:.85rem}", "");

  private static final String CHECK_SCRIPT = String.join("\n",
      "(function () {",
      "  var errors = [];",
      "  window.addEventListener('error', function (e) { errors.push(String(e.message)); });",
      "  var original = console.error;",
      "  console.error = function () {",
      "    errors.push(Array.prototype.slice.call(arguments).join(' '));",
      "    return original.apply(console, arguments);",
      "  };",
      "  document.addEventListener('DOMContentLoaded', function () {",
      "    var only = new URLSearchParams(window.location.search).get('only');",
      "    if (only && document.getElementById(only)) {",
      "      document.querySelectorAll('main > section').forEach(function (s) { s.hidden = s.id !== only; });",
      "    }",
      "    var result = {charts: 0, empty: [], marks: {}, errors: errors};",
      "    document.querySelectorAll('figure.chart').forEach(function (f) {",
      "      result.charts++;",
      "      var n = 0;",
      "      f.querySelectorAll('g').forEach(function (g) {",
      "        var ref = g.getAttribute('jfreesvg:ref');",
      "        if (!ref || ref === 'JFREECHART_TOP_LEVEL') { return; }",
      "        var box = g.getBBox();",
      "        if (box.width > 0 || box.height > 0) { n++; }",
      "      });",
      "      result.marks[f.id] = n;",
      "      f.setAttribute('data-marks', String(n));",
      "      if (n === 0) { result.empty.push(f.id); }",
      "    });",
      "    document.getElementById('ancc-check').textContent = JSON.stringify(result);",
      "  });",
      "})();", "");
}
