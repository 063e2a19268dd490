package ancc.ir.units;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The physical dimensions of ancc's quantities with their units, and the one parser of
 * "number unit" text for chip files, the command line and the Maven plugin. A text is a decimal
 * number (sign and exponent allowed, e.g. {@code 1e3pJ}), optional white space, and a unit;
 * {@code µ} may be written {@code u}. Numbers are taken exactly (decimal arithmetic) and
 * converted to the SI base unit once, so that {@code parse(format(x)) == x} for every double x.
 *
 * <p>Two {@link Spelling}s: {@link Spelling#SYMBOL} accepts only the SI symbols, case and all
 * ({@code mS} is not {@code ms}): the chip file's. {@link Spelling#LOOSE} ignores case and also
 * takes the words people type ({@code 10min}, {@code 2 days}, {@code 500 NJ}): the command
 * line's and the plugin's. Ranges and signs are the caller's to check; problems are
 * {@link UnitException}s that say which part of the text is wrong.
 */
public enum Dimension {
  ENERGY("an energy", "1.67pJ", "pJ", Unit.decimal("J", 0), Unit.decimal("mJ", -3), Unit.decimal("uJ", -6),
      Unit.decimal("nJ", -9), Unit.decimal("pJ", -12), Unit.decimal("fJ", -15), Unit.decimal("aJ", -18)),
  TIME("a time", "10ns", "ns", Unit.decimal("s", 0, "sec", "second", "seconds"), Unit.decimal("ms", -3),
      Unit.decimal("us", -6), Unit.decimal("ns", -9), Unit.decimal("ps", -12),
      Unit.word("min", 60, "minute", "minutes"), Unit.word("h", 3600, "hour", "hours"),
      Unit.word("d", 86_400, "day", "days"), Unit.word("w", 7 * 86_400, "week", "weeks"),
      Unit.word("y", 365 * 86_400, "year", "years")),
  POWER("a power", "0.3mW", "mW", Unit.decimal("W", 0), Unit.decimal("mW", -3), Unit.decimal("uW", -6),
      Unit.decimal("nW", -9), Unit.decimal("pW", -12)),
  CONDUCTANCE("a conductance", "40uS", "uS", Unit.decimal("S", 0), Unit.decimal("mS", -3), Unit.decimal("uS", -6),
      Unit.decimal("nS", -9), Unit.decimal("pS", -12)),
  AREA("an area", "1200um2", "um2", Unit.decimal("mm2", -6), Unit.decimal("um2", -12)),
  VOLTAGE("a voltage", "0.2V", "V", Unit.decimal("V", 0), Unit.decimal("mV", -3), Unit.decimal("uV", -6)),
  FREQUENCY("a frequency", "1GHz", "GHz", Unit.decimal("GHz", 9), Unit.decimal("MHz", 6), Unit.decimal("kHz", 3),
      Unit.decimal("Hz", 0)),
  /** Memory sizes in whole units; KB and MB are decimal (1000, 10^6), KiB, MiB, GiB binary. */
  BYTES("a size", "64KiB", "B", Unit.symbol("B", 1), Unit.symbol("KB", 1000), Unit.symbol("KiB", 1024),
      Unit.symbol("MB", 1_000_000), Unit.symbol("MiB", 1 << 20), Unit.symbol("GiB", 1L << 30)),
  /** A data rate in bytes per second, decimal multiples (1 GB/s = 10^9 B/s). */
  BANDWIDTH("a bandwidth", "25.6GB/s", "GB/s", Unit.decimal("TB/s", 12), Unit.decimal("GB/s", 9),
      Unit.decimal("MB/s", 6), Unit.decimal("KB/s", 3), Unit.decimal("B/s", 0)),
  /** A fraction: a percentage ({@code 0.5%}) or a bare number ({@code 0.005}). */
  FRACTION("a fraction", "0.5%", "%", Unit.decimal("%", -2), Unit.decimal("", 0));

  /** Which unit texts are accepted. */
  public enum Spelling {
    /** The SI symbols exactly as listed ({@code mS}, {@code uJ}, {@code KiB}): chip files. */
    SYMBOL,
    /** Symbols in any case, and unit words ({@code min}, {@code hours}, {@code week}): command lines. */
    LOOSE
  }

  private final String article;
  private final String example;
  private final String preferred;
  private final List<Unit> units;

  Dimension(String article, String example, String preferred, Unit... units) {
    this.article = article;
    this.example = example;
    this.preferred = preferred;
    this.units = List.of(units);
  }

  /** "expected an energy such as 1.67pJ": the phrase used in error messages. */
  public String expectation() {
    return "expected " + article + " such as " + example;
  }

  /** The unit symbols accepted in {@link Spelling#SYMBOL}, largest first (as error messages list them). */
  public List<String> symbols() {
    return units.stream().filter(Unit::symbolic).map(Unit::symbol).toList();
  }

  /** The unit with this symbol (exact case). */
  public Unit unit(String symbol) {
    return units.stream().filter(u -> u.symbol().equals(symbol)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(this + " has no unit '" + symbol + "'"));
  }

  /**
   * "1.67 pJ" in {@code spelling}: the number and unit as written.
   *
   * @throws UnitException naming the problem: no number, a bad number, no unit, an unknown unit,
   *     a fraction of a byte, or a value too large for a double (a long, for sizes)
   */
  public Reading read(String text, Spelling spelling) {
    String t = text == null ? "" : text.strip().replace('µ', 'u').replace('μ', 'u');
    int i = 0;
    while (i < t.length() && "+-0123456789.eE".indexOf(t.charAt(i)) >= 0) {
      i++;
    }
    String digits = t.substring(0, i).strip();
    String suffix = t.substring(i).strip();
    if (digits.isEmpty()) {
      throw new UnitException(this, text, UnitException.Problem.NO_NUMBER, suffix, null);
    }
    BigDecimal number;
    try {
      number = new BigDecimal(digits);
    } catch (NumberFormatException e) {
      throw new UnitException(this, text, UnitException.Problem.BAD_NUMBER, suffix, null);
    }
    Unit unit = find(suffix, spelling);
    if (unit == null) {
      throw new UnitException(this, text, suffix.isEmpty() ? UnitException.Problem.NO_UNIT
          : UnitException.Problem.UNKNOWN_UNIT, suffix, number);
    }
    Reading r = new Reading(this, text, number, unit);
    if (this == BYTES) {
      if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0) {
        throw new UnitException(this, text, UnitException.Problem.NOT_WHOLE, suffix, number);
      }
      if (number.multiply(unit.factor()).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw new UnitException(this, text, UnitException.Problem.TOO_LARGE, suffix, number);
      }
    } else if (!Double.isFinite(r.si())) {
      throw new UnitException(this, text, UnitException.Problem.TOO_LARGE, suffix, number);
    }
    return r;
  }

  /** "1.67pJ" (SI symbols, sign allowed) in the SI base unit. */
  public double parse(String text) {
    return read(text, Spelling.SYMBOL).si();
  }

  private Unit find(String suffix, Spelling spelling) {
    for (Unit u : units) {
      if (u.symbolic() && u.symbol().equals(suffix)) {
        return u;
      }
    }
    if (spelling == Spelling.LOOSE) {
      for (Unit u : units) {
        if (u.symbol().equalsIgnoreCase(suffix)
            || u.words().stream().anyMatch(w -> w.equalsIgnoreCase(suffix))) {
          return u;
        }
      }
    }
    return null;
  }

  /**
   * The SI value as text in the dimension's preferred unit (pJ, ns, mW, uS, um2, V, GHz) when its
   * magnitude there is within [0.001, 10^6); otherwise in the largest symbol unit where it is at
   * least 1. Sizes are written in the largest of MiB, KiB and B that holds them exactly.
   */
  public String format(double si) {
    if (!Double.isFinite(si)) {
      throw new IllegalArgumentException("cannot format " + si);
    }
    BigDecimal exact = BigDecimal.valueOf(si);
    if (this == BYTES) {
      long b = exact.longValueExact();
      String suffix = b != 0 && b % (1 << 20) == 0 ? "MiB" : b != 0 && b % 1024 == 0 ? "KiB" : "B";
      return b / unit(suffix).factor().longValueExact() + suffix;
    }
    if (si == 0) {
      return "0" + preferred;
    }
    Unit chosen = unit(preferred);
    BigDecimal inPreferred = exact.abs().divide(chosen.factor());
    if (inPreferred.compareTo(new BigDecimal("0.001")) < 0 || inPreferred.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
      List<Unit> symbolic = units.stream().filter(Unit::symbolic).toList();
      chosen = symbolic.get(symbolic.size() - 1);
      for (Unit u : symbolic) {
        if (exact.abs().divide(u.factor()).compareTo(BigDecimal.ONE) >= 0) {
          chosen = u;
          break;
        }
      }
    }
    return exact.divide(chosen.factor()).stripTrailingZeros().toPlainString() + chosen.symbol();
  }

  /**
   * A regular expression (ECMA 262 and Java) for the {@link Spelling#SYMBOL} texts of this
   * dimension, whole text anchored: what a JSON Schema states for a chip file's quantity.
   */
  public String pattern(boolean signed) {
    String number = (signed ? "[+-]?" : "\\+?") + "(\\d+(\\.\\d*)?|\\.\\d+)"
        + (this == BYTES ? "" : "([eE][+-]?\\d+)?");
    String symbols = units.stream().filter(Unit::symbolic).map(u -> u.symbol().replace("u", "[uµμ]"))
        .collect(Collectors.joining("|"));
    return "^\\s*" + number + "\\s*(" + symbols + ")\\s*$";
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
