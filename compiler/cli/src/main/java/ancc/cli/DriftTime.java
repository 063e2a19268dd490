package ancc.cli;

import ancc.ir.units.Dimension;
import ancc.ir.units.Reading;
import ancc.ir.units.UnitException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as {@code --drift-time} takes it: a non-negative number and a unit, e.g. {@code 1s},
 * {@code 10min}, {@code 1.5h}, {@code 1d}, {@code 1week}; {@code 0} needs no unit. Units: {@code s}
 * (also {@code sec}, {@code second(s)}), {@code ms}, {@code min} ({@code minute(s)}), {@code h}
 * ({@code hour(s)}), {@code d} ({@code day(s)}), {@code w} ({@code week(s)}), {@code y}
 * ({@code year(s)}, 365 days), and the SI ones ({@code us}, {@code ns}); case is ignored. Anything
 * else is a usage error. Parsed by {@link Dimension#TIME}.
 */
final class DriftTime {
  private static final double DAY = 86_400;

  private DriftTime() {}

  /** Seconds for {@code text}; throws {@link TypeConversionException} (exit 2) when it is not a duration. */
  static double seconds(String text) {
    Reading r;
    try {
      r = Dimension.TIME.read(text, Dimension.Spelling.LOOSE);
    } catch (UnitException e) {
      switch (e.problem()) {
        case NO_UNIT:
          if (e.number().orElseThrow().signum() == 0) {
            return 0;
          }
          throw new TypeConversionException("'" + text + "' has no unit (use s, min, h, d or week, e.g. " + text
              + "s)");
        case UNKNOWN_UNIT:
          throw new TypeConversionException("'" + text + "': unknown time unit '" + e.unitText()
              + "' (units: ms, s, min, h, d, week, year)");
        case TOO_LARGE:
          throw new TypeConversionException("'" + text + "' is too long a duration");
        default:
          throw notADuration(text);
      }
    }
    if (r.number().signum() < 0) {
      throw notADuration(text);
    }
    return r.si();
  }

  private static TypeConversionException notADuration(String text) {
    return new TypeConversionException("'" + text + "' is not a duration (examples: 0, 30s, 10min, 1h, 1d, 1week)");
  }

  /** Picocli converter to seconds. */
  static final class Converter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return seconds(value);
    }
  }

  /** Seconds as the largest unit that divides them evenly, e.g. {@code 3600} as {@code 1h}. */
  static String format(double seconds) {
    String[] names = {"week", "d", "h", "min", "s"};
    double[] sizes = {7 * DAY, DAY, 3600, 60, 1};
    for (int i = 0; i < names.length; i++) {
      double v = seconds / sizes[i];
      if (v >= 1 && v == Math.rint(v)) {
        return (long) v + names[i];
      }
    }
    return java.math.BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString() + "s";
  }
}
