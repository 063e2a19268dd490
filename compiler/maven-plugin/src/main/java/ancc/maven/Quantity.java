package ancc.maven;

import ancc.ir.units.Dimension;
import ancc.ir.units.Reading;
import ancc.ir.units.Unit;
import ancc.ir.units.UnitException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A gate limit as the user wrote it: a non-negative number and a unit, converted to the unit the
 * reports use (microjoules for energy, microseconds for time, a fraction for accuracy). The text
 * is kept so that messages quote the limit in the user's own unit. Parsed by {@link Dimension}
 * (case ignored, {@code µ} or {@code u}).
 *
 * @param value the limit in the base unit ({@code uJ}, {@code us}, or a fraction 0..1)
 * @param unit the unit's symbol ({@code nJ}, {@code ms}, {@code %}; empty for a bare fraction)
 * @param scale base units per one {@code unit} (e.g. 0.001 for {@code nJ} against {@code uJ})
 * @param text the text the user gave
 */
public record Quantity(double value, String unit, double scale, String text) {
  private static final Unit UJ = Dimension.ENERGY.unit("uJ");
  private static final Unit US = Dimension.TIME.unit("us");
  private static final Unit ONE = Dimension.FRACTION.unit("");

  /** Energy: {@code pJ nJ uJ µJ mJ J} (case ignored), e.g. {@code "2 uJ"}, {@code "500nJ"}; in uJ. */
  public static Quantity energy(String text, String parameter) {
    return withUnit(text, parameter, Dimension.ENERGY, UJ, "an energy", "'2 uJ' or '500 nJ'",
        "(use pJ, nJ, uJ, mJ or J)");
  }

  /** Time: {@code ns us µs ms s} (case ignored; also min, h, d), e.g. {@code "150 us"}, {@code "1 ms"}; in us. */
  public static Quantity duration(String text, String parameter) {
    return withUnit(text, parameter, Dimension.TIME, US, "a duration", "'150 us' or '1 ms'", "(use ns, us, ms or s)");
  }

  /**
   * An accuracy or an accuracy drop: a percentage ({@code "85%"}, {@code "0.5 %"}) or a fraction
   * from 0 to 1 ({@code "0.85"}); at most 100%. A bare number above 1 is refused as ambiguous.
   */
  public static Quantity fraction(String text, String parameter) {
    Reading r;
    try {
      r = Dimension.FRACTION.read(text, Dimension.Spelling.LOOSE);
    } catch (UnitException e) {
      throw e.problem() == UnitException.Problem.TOO_LARGE ? tooLarge(text)
          : bad(text, parameter, "an accuracy", "write a percentage or a fraction, e.g. '85%' or '0.85'");
    }
    if (r.number().signum() < 0) {
      throw bad(text, parameter, "an accuracy", "write a percentage or a fraction, e.g. '85%' or '0.85'");
    }
    Quantity q = of(r, ONE, text);
    if (q.unit().isEmpty() && q.value() > 1) {
      throw bad(text, parameter, "an accuracy", "a bare number must be a fraction from 0 to 1; write '"
          + text.trim() + "%' for a percentage");
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

  /** A non-negative number with a unit of {@code d}, in {@code base} units. */
  private static Quantity withUnit(String text, String parameter, Dimension d, Unit base, String what, String example,
      String units) {
    Reading r;
    try {
      r = d.read(text, Dimension.Spelling.LOOSE);
    } catch (UnitException e) {
      switch (e.problem()) {
        case NO_UNIT:
          throw bad(text, parameter, what, "give a unit, e.g. " + example);
        case UNKNOWN_UNIT:
          throw bad(text, parameter, what, "unknown unit '" + e.unitText() + "' " + units + ", e.g. " + example);
        case TOO_LARGE:
          throw tooLarge(text);
        default:
          throw bad(text, parameter, what, "write a non-negative number and a unit, e.g. " + example);
      }
    }
    if (r.number().signum() < 0) {
      throw bad(text, parameter, what, "write a non-negative number and a unit, e.g. " + example);
    }
    return of(r, base, text);
  }

  private static Quantity of(Reading r, Unit base, String text) {
    return new Quantity(r.in(base), r.unit().symbol(), r.unit().factor().divide(base.factor()).doubleValue(),
        text.trim());
  }

  private static ParameterException tooLarge(String text) {
    return new ParameterException("'" + text + "' is too large a number");
  }

  private static ParameterException bad(String text, String parameter, String what, String hint) {
    return new ParameterException(parameter + " '" + (text == null ? "" : text) + "' is not " + what + ": "
        + hint);
  }
}
