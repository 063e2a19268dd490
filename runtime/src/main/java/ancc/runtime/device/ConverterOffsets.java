package ancc.runtime.device;

/**
 * The offsets of an array's converters for one chip instance: {@code dacPerRow[r]} is added to the
 * drive of physical row r on every read (in drive units: 1 = the one-bit drive), {@code
 * adcPerColumn[c]} to the input of the ADC converting physical column c, as a fraction of that
 * ADC's full scale. Empty arrays mean no offsets.
 */
public record ConverterOffsets(float[] dacPerRow, float[] adcPerColumn) {
  /** No offsets. */
  public static final ConverterOffsets NONE = new ConverterOffsets(new float[0], new float[0]);

  public ConverterOffsets {
    java.util.Objects.requireNonNull(dacPerRow, "dacPerRow");
    java.util.Objects.requireNonNull(adcPerColumn, "adcPerColumn");
  }

  /** Whether there is no offset at all. */
  public boolean none() {
    for (float o : dacPerRow) {
      if (o != 0) {
        return false;
      }
    }
    for (float o : adcPerColumn) {
      if (o != 0) {
        return false;
      }
    }
    return true;
  }
}
