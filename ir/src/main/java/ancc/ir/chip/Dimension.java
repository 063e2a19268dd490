package ancc.ir.chip;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A physical dimension of a chip-file quantity and its unit suffixes. Values are parsed exactly
 * (decimal arithmetic) into SI doubles and printed back with the largest unit whose value is at
 * least 1, so that parse(format(x)) == x for every double x.
 */
public enum Dimension {
  ENERGY("an energy", "1.67pJ", "pJ", List.of(u("J", 0), u("mJ", -3), u("uJ", -6), u("nJ", -9), u("pJ", -12),
      u("fJ", -15), u("aJ", -18))),
  TIME("a time", "10ns", "ns", List.of(u("s", 0), u("ms", -3), u("us", -6), u("ns", -9), u("ps", -12))),
  POWER("a power", "0.3mW", "mW", List.of(u("W", 0), u("mW", -3), u("uW", -6), u("nW", -9), u("pW", -12))),
  CONDUCTANCE("a conductance", "40uS", "uS", List.of(u("S", 0), u("mS", -3), u("uS", -6), u("nS", -9),
      u("pS", -12))),
  AREA("an area", "1200um2", "um2", List.of(u("mm2", -6), u("um2", -12))),
  VOLTAGE("a voltage", "0.2V", "V", List.of(u("V", 0), u("mV", -3), u("uV", -6))),
  FREQUENCY("a frequency", "1GHz", "GHz", List.of(u("GHz", 9), u("MHz", 6), u("kHz", 3), u("Hz", 0)));

  /** A unit suffix and the power of ten that takes a value in it to SI. */
  record Unit(String suffix, int exponent) {}

  private static Unit u(String suffix, int exponent) {
    return new Unit(suffix, exponent);
  }

  private final String article;
  private final String example;
  private final String preferred;
  private final List<Unit> units;

  Dimension(String article, String example, String preferred, List<Unit> units) {
    this.article = article;
    this.example = example;
    this.preferred = preferred;
    this.units = units;
  }

  /** "expected an energy such as 1.67pJ": the phrase used in error messages. */
  public String expectation() {
    return "expected " + article + " such as " + example;
  }

  /**
   * Parses "1.67pJ" (also "1.67 pJ", and "µ" for "u") into SI. Signs are accepted here; callers
   * check ranges.
   *
   * @throws IllegalArgumentException with {@link #expectation()} when the number or unit is wrong
   */
  public double parse(String text) {
    String t = text.strip().replace('µ', 'u').replace('μ', 'u');
    int i = 0;
    while (i < t.length() && "+-0123456789.eE".indexOf(t.charAt(i)) >= 0) {
      i++;
    }
    String number = t.substring(0, i).strip();
    String suffix = t.substring(i).strip();
    if (number.isEmpty() || suffix.isEmpty()) {
      throw new IllegalArgumentException(expectation() + ", got '" + text + "'" + (suffix.isEmpty() ? " (no unit)" : ""));
    }
    for (Unit unit : units) {
      if (unit.suffix().equals(suffix)) {
        try {
          return new BigDecimal(number).scaleByPowerOfTen(unit.exponent()).doubleValue();
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(expectation() + ", got '" + text + "' (bad number)");
        }
      }
    }
    throw new IllegalArgumentException(expectation() + ", got '" + text + "' (unit '" + suffix + "' is not one of "
        + units.stream().map(Unit::suffix).toList() + ")");
  }

  /**
   * The SI value as text in the dimension's preferred unit (pJ, ns, mW, uS, um2, V, GHz) when its
   * magnitude there is within [0.001, 10^6); otherwise in the largest unit where it is at least 1.
   */
  public String format(double si) {
    if (!Double.isFinite(si)) {
      throw new IllegalArgumentException("cannot format " + si);
    }
    if (si == 0) {
      return "0" + preferred;
    }
    BigDecimal exact = BigDecimal.valueOf(si);
    Unit chosen = units.stream().filter(u -> u.suffix().equals(preferred)).findFirst().orElseThrow();
    BigDecimal inPreferred = exact.abs().scaleByPowerOfTen(-chosen.exponent());
    if (inPreferred.compareTo(new BigDecimal("0.001")) < 0 || inPreferred.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
      chosen = units.get(units.size() - 1);
      for (Unit unit : units) {
        if (exact.abs().scaleByPowerOfTen(-unit.exponent()).compareTo(BigDecimal.ONE) >= 0) {
          chosen = unit;
          break;
        }
      }
    }
    String digits = exact.scaleByPowerOfTen(-chosen.exponent()).stripTrailingZeros().toPlainString();
    return digits + chosen.suffix();
  }

  /** Unit suffixes accepted, largest first (for documentation and tests). */
  public List<String> suffixes() {
    return units.stream().map(Unit::suffix).toList();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
