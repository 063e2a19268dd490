package ancc.ir.units;

import java.math.BigDecimal;

/**
 * A quantity as written: the text, its number and its unit ({@code "500 nJ"} is 500 of
 * {@code nJ}). Conversions are exact until the final double.
 */
public record Reading(Dimension dimension, String text, BigDecimal number, Unit unit) {

  /** The value in the SI base unit (bytes for sizes, 1 for fractions). */
  public double si() {
    return number.multiply(unit.factor()).doubleValue();
  }

  /** The value in {@code other}, a unit of the same dimension: 500 nJ in uJ is 0.5. */
  public double in(Unit other) {
    return number.multiply(unit.factor()).divide(other.factor()).doubleValue();
  }

  /** A size in whole bytes (only {@link Dimension#BYTES} readings, which are whole). */
  public long bytes() {
    return number.multiply(unit.factor()).longValueExact();
  }
}
