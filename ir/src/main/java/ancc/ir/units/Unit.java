package ancc.ir.units;

import java.math.BigDecimal;
import java.util.List;

/**
 * A unit of a {@link Dimension}: its symbol, how many SI base units one of it is, whether the
 * symbol is accepted in chip files ({@link Dimension.Spelling#SYMBOL}), and the words also
 * accepted on command lines ({@link Dimension.Spelling#LOOSE}).
 */
public record Unit(String symbol, BigDecimal factor, boolean symbolic, List<String> words) {

  public Unit {
    words = List.copyOf(words);
  }

  /** An SI symbol worth 10^exponent base units. */
  static Unit decimal(String symbol, int exponent, String... words) {
    return new Unit(symbol, BigDecimal.ONE.scaleByPowerOfTen(exponent), true, List.of(words));
  }

  /** A symbol worth {@code factor} base units. */
  static Unit symbol(String symbol, long factor) {
    return new Unit(symbol, BigDecimal.valueOf(factor), true, List.of());
  }

  /** A unit of everyday speech ({@code min}, {@code h}): command lines only. */
  static Unit word(String symbol, long factor, String... words) {
    return new Unit(symbol, BigDecimal.valueOf(factor), false, List.of(words));
  }
}
