package ancc.ir.chip;

import java.util.Objects;

/**
 * Analog-to-digital converters of an array: {@code bits} of resolution, one ADC per
 * {@code columnsPerAdc} physical columns (time-multiplexed), and how a conversion senses the
 * columns. The cost is per conversion (energy, latency) and per ADC (area).
 */
public record AdcSpec(int bits, int columnsPerAdc, Sensing sensing, Cost cost) {

  /** What one conversion reads. */
  public enum Sensing {
    /** One physical column per conversion; differential pairs are subtracted digitally. */
    COLUMN,
    /** The current difference of a G+/G- column pair in one conversion (needs differential weights). */
    PAIR
  }

  public AdcSpec {
    Objects.requireNonNull(sensing, "sensing");
    Objects.requireNonNull(cost, "cost");
  }

  /** ADCs per array of {@code cols} physical columns. */
  public int adcsPerArray(int cols) {
    return (cols + columnsPerAdc - 1) / columnsPerAdc;
  }

  /** Conversions to read {@code columnsUsed} physical columns once. */
  public long conversions(long columnsUsed) {
    return sensing == Sensing.PAIR ? (columnsUsed + 1) / 2 : columnsUsed;
  }
}
