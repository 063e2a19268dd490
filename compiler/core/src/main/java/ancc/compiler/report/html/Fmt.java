package ancc.compiler.report.html;

import java.util.Locale;

/**
 * Number formats of the report pages, called from the templates ({@code @import static}). The
 * templates escape what they print; nothing here writes markup.
 */
final class Fmt {
  /** What a missing or non-finite figure shows. */
  static final String NONE = "\u2013";

  private Fmt() {}

  /** A number with {@code digits} significant digits, or an en dash for null / non-finite values. */
  static String num(Double v, int digits) {
    if (v == null || !Double.isFinite(v)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%." + digits + "g", v);
  }

  /** A fraction as a percentage with two decimals, or an en dash. */
  static String pct(Double v) {
    if (v == null || !Double.isFinite(v)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  /** A signed difference of fractions in percentage points. */
  static String pp(double v) {
    return String.format(Locale.ROOT, "%+.2f pp", 100 * v);
  }

  /** A count, or an en dash when unknown. */
  static String count(Long v) {
    return v == null ? NONE : String.valueOf(v);
  }
}
