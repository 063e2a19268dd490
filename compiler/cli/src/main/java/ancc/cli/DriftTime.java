package ancc.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as {@code --drift-time} takes it: a non-negative number and a unit, e.g. {@code 1s},
 * {@code 10min}, {@code 1.5h}, {@code 1d}, {@code 1week}; {@code 0} needs no unit. Units: {@code s}
 * (also {@code sec}, {@code second(s)}), {@code ms}, {@code min} ({@code minute(s)}), {@code h}
 * ({@code hour(s)}), {@code d} ({@code day(s)}), {@code w} ({@code week(s)}), {@code y}
 * ({@code year(s)}, 365 days). Anything else is a usage error.
 */
final class DriftTime {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(?:e([+-]?\\d+))?\\s*([a-z]*)");
  private static final double DAY = 86_400;
  private static final Map<String, Double> UNITS = Map.ofEntries(
      Map.entry("ms", 1e-3),
      Map.entry("s", 1.0), Map.entry("sec", 1.0), Map.entry("second", 1.0), Map.entry("seconds", 1.0),
      Map.entry("min", 60.0), Map.entry("minute", 60.0), Map.entry("minutes", 60.0),
      Map.entry("h", 3600.0), Map.entry("hour", 3600.0), Map.entry("hours", 3600.0),
      Map.entry("d", DAY), Map.entry("day", DAY), Map.entry("days", DAY),
      Map.entry("w", 7 * DAY), Map.entry("week", 7 * DAY), Map.entry("weeks", 7 * DAY),
      Map.entry("y", 365 * DAY), Map.entry("year", 365 * DAY), Map.entry("years", 365 * DAY));

  private DriftTime() {}

  /** Seconds for {@code text}; throws {@link TypeConversionException} (exit 2) when it is not a duration. */
  static double seconds(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new TypeConversionException("'" + text + "' is not a duration (examples: 0, 30s, 10min, 1h, 1d, 1week)");
    }
    double value = Double.parseDouble(m.group(1) + (m.group(2) == null ? "" : "e" + m.group(2)));
    String unit = m.group(3);
    if (unit.isEmpty()) {
      if (value == 0) {
        return 0;
      }
      throw new TypeConversionException("'" + text + "' has no unit (use s, min, h, d or week, e.g. " + text + "s)");
    }
    Double scale = UNITS.get(unit);
    if (scale == null) {
      throw new TypeConversionException("'" + text + "': unknown time unit '" + unit
          + "' (units: ms, s, min, h, d, week, year)");
    }
    double s = value * scale;
    if (!Double.isFinite(s)) {
      throw new TypeConversionException("'" + text + "' is too long a duration");
    }
    return s;
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
