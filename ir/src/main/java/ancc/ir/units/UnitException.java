package ancc.ir.units;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Text that is not a quantity of the expected dimension. The message is the chip file's phrase
 * ({@code expected an energy such as 1.67pJ, got '1.67' (no unit)}); callers with their own
 * wording read {@link #problem()} and {@link #unitText()}.
 */
public final class UnitException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the text. */
  public enum Problem {
    /** Nothing that starts like a number ({@code "pJ"}, {@code "lots"}). */
    NO_NUMBER,
    /** Digits that do not form a number ({@code "1.2.3mW"}). */
    BAD_NUMBER,
    /** A number without a unit where one is needed ({@code "1.67"}). */
    NO_UNIT,
    /** A unit the dimension does not know ({@code "1.67pW"} as an energy). */
    UNKNOWN_UNIT,
    /** A size that is not a whole, non-negative number of its unit ({@code "1.5KiB"}). */
    NOT_WHOLE,
    /** A value beyond a double (or a long, for sizes). */
    TOO_LARGE
  }

  private final transient Dimension dimension;
  private final String text;
  private final Problem problem;
  private final String unitText;
  private final BigDecimal number;

  UnitException(Dimension dimension, String text, Problem problem, String unitText, BigDecimal number) {
    super(message(dimension, text, problem, unitText));
    this.dimension = dimension;
    this.text = text;
    this.problem = problem;
    this.unitText = unitText;
    this.number = number;
  }

  private static String message(Dimension d, String text, Problem problem, String unitText) {
    String detail = switch (problem) {
      case NO_NUMBER -> "";
      case BAD_NUMBER -> " (bad number)";
      case NO_UNIT -> " (no unit)";
      case UNKNOWN_UNIT -> " (unit '" + unitText + "' is not one of " + d.symbols() + ")";
      case NOT_WHOLE -> " (a whole number of units)";
      case TOO_LARGE -> " (too large)";
    };
    return d.expectation() + ", got '" + text + "'" + detail;
  }

  public Dimension dimension() {
    return dimension;
  }

  /** The text as given. */
  public String text() {
    return text;
  }

  public Problem problem() {
    return problem;
  }

  /** The unit as written (empty when there is none). */
  public String unitText() {
    return unitText;
  }

  /** The number, when the text has a valid one (for no unit, an unknown unit, a fraction of a byte, too large). */
  public Optional<BigDecimal> number() {
    return Optional.ofNullable(number);
  }
}
