package ancc.compiler.report.html;

import java.util.List;
import java.util.Locale;

/** Small helpers to write HTML text: escaping, number formats and tables. */
final class Html {
  private Html() {}

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A number with {@code digits} significant digits, or an en dash for null / non-finite values. */
  static String num(Double v, int digits) {
    if (v == null || !Double.isFinite(v)) {
      return "\u2013";
    }
    return String.format(Locale.ROOT, "%." + digits + "g", v);
  }

  /** A fraction as a percentage with two decimals, or an en dash. */
  static String pct(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return "\u2013";
    }
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  /** A signed difference of fractions in percentage points. */
  static String pp(double v) {
    return String.format(Locale.ROOT, "%+.2f pp", 100 * v);
  }

  /** A table with a header row; cells are already-escaped HTML. */
  static String table(String cssClass, List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<table class=\"").append(cssClass).append("\"><thead><tr>");
    for (String h : header) {
      sb.append("<th>").append(esc(h)).append("</th>");
    }
    sb.append("</tr></thead><tbody>\n");
    for (List<String> row : rows) {
      sb.append("<tr>");
      for (String cell : row) {
        sb.append("<td>").append(cell).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody></table>\n");
    return sb.toString();
  }

  /** A two-column key/value table; values are already-escaped HTML. */
  static String keyValues(List<String[]> pairs) {
    StringBuilder sb = new StringBuilder("<table class=\"kv\"><tbody>\n");
    for (String[] p : pairs) {
      sb.append("<tr><th>").append(esc(p[0])).append("</th><td>").append(p[1]).append("</td></tr>\n");
    }
    return sb.append("</tbody></table>\n").toString();
  }
}
