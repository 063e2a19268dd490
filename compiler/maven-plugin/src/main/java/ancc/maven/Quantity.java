package ancc.maven;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gate limit as the user wrote it: a non-negative number and a unit, converted to the unit the
 * reports use (microjoules for energy, microseconds for time, a fraction for accuracy). The text
 * is kept so that messages quote the limit in the user's own unit.
 *
 * @param value the limit in the base unit ({@code uJ}, {@code us}, or a fraction 0..1)
 * @param unit the unit as written ({@code nJ}, {@code ms}, {@code %}; empty for a bare fraction)
 * @param scale base units per one {@code unit} (e.g. 0.001 for {@code nJ} against {@code uJ})
 * @param text the text the user gave
 */
public record Quantity(double value, String unit, double scale, String text) {
  private static final Pattern NUMBER_UNIT =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE]([-+]?[0-9]+))?\\s*(\\S*)");

  /** Energy: {@code pJ nJ uJ µJ mJ J} (case ignored), e.g. {@code "2 uJ"}, {@code "500nJ"}; in uJ. */
  public static Quantity energy(String text, String parameter) {
    String[] numberUnit = split(text, parameter, "an energy", "2 uJ' or '500 nJ");
    double scale = switch (numberUnit[1].toLowerCase(Locale.ROOT)) {
      case "pj" -> 1e-6;
      case "nj" -> 1e-3;
      case "uj", "µj" -> 1;
      case "mj" -> 1e3;
      case "j" -> 1e6;
      default -> throw bad(text, parameter, "an energy", "unknown unit '" + numberUnit[1]
          + "' (use pJ, nJ, uJ, mJ or J), e.g. '2 uJ' or '500 nJ'");
    };
    return of(numberUnit, scale, text);
  }

  /** Time: {@code ns us µs ms s} (case ignored), e.g. {@code "150 us"}, {@code "1 ms"}; in us. */
  public static Quantity duration(String text, String parameter) {
    String[] numberUnit = split(text, parameter, "a duration", "150 us' or '1 ms");
    double scale = switch (numberUnit[1].toLowerCase(Locale.ROOT)) {
      case "ns" -> 1e-3;
      case "us", "µs" -> 1;
      case "ms" -> 1e3;
      case "s" -> 1e6;
      default -> throw bad(text, parameter, "a duration", "unknown unit '" + numberUnit[1]
          + "' (use ns, us, ms or s), e.g. '150 us' or '1 ms'");
    };
    return of(numberUnit, scale, text);
  }

  /**
   * An accuracy or an accuracy drop: a percentage ({@code "85%"}, {@code "0.5 %"}) or a fraction
   * from 0 to 1 ({@code "0.85"}); at most 100%. A bare number above 1 is refused as ambiguous.
   */
  public static Quantity fraction(String text, String parameter) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = NUMBER_UNIT.matcher(trimmed);
    if (!m.matches() || !(m.group(3).isEmpty() || m.group(3).equals("%"))) {
      throw bad(text, parameter, "an accuracy", "write a percentage or a fraction, e.g. '85%' or '0.85'");
    }
    boolean percent = m.group(3).equals("%");
    String[] numberUnit = {number(m), m.group(3)};
    Quantity q = of(numberUnit, percent ? 0.01 : 1, text);
    if (!percent && q.value() > 1) {
      throw bad(text, parameter, "an accuracy", "a bare number must be a fraction from 0 to 1; write '"
          + trimmed + "%' for a percentage");
    }
    if (q.value() > 1) {
      throw bad(text, parameter, "an accuracy", "it is above 100%");
    }
    return q;
  }

  /** {@code base} (in base units) in this quantity's unit, e.g. 0.0978 uJ as {@code 97.8 nJ}. */
  public String format(double base) {
    String sep = unit.isEmpty() || unit.equals("%") ? "" : " ";
    return plain(base / scale) + sep + unit;
  }

  /** The limit in the user's own words, normalized: number and unit. */
  public String limitText() {
    return format(value);
  }

  /** {@code x} to four significant digits, without exponent or trailing zeros: 97.84, 0.09784, 150. */
  static String plain(double x) {
    if (!Double.isFinite(x)) {
      return Double.toString(x);
    }
    return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static Quantity of(String[] numberUnit, double scale, String text) {
    double number = Double.parseDouble(numberUnit[0]);
    if (!Double.isFinite(number)) {
      throw new ParameterException("'" + text + "' is too large a number");
    }
    return new Quantity(number * scale, numberUnit[1], scale, text.trim());
  }

  /** {number, unit} of a quantity that needs a unit. */
  private static String[] split(String text, String parameter, String what, String example) {
    Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw bad(text, parameter, what, "write a non-negative number and a unit, e.g. '" + example + "'");
    }
    if (m.group(3).isEmpty()) {
      throw bad(text, parameter, what, "give a unit, e.g. '" + example + "'");
    }
    return new String[] {number(m), m.group(3)};
  }

  private static String number(Matcher m) {
    return m.group(2) == null ? m.group(1) : m.group(1) + "e" + m.group(2);
  }

  private static ParameterException bad(String text, String parameter, String what, String hint) {
    return new ParameterException(parameter + " '" + (text == null ? "" : text) + "' is not " + what + ": "
        + hint);
  }
}
