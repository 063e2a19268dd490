package ancc.runtime.sim;

/**
 * How to simulate a program. {@code IDEAL}: no device non-idealities and converters (input
 * quantizer, DACs, ADCs) wide enough to be exact, so only the weight quantization of the program
 * remains. {@code ANALOG}: the chip file's device and circuit models. Every random draw derives
 * from {@code seed} (one chip instance per seed: programming noise, stuck cells, drift exponents)
 * so the same seed gives the same bits at any thread count.
 *
 * @param driftSeconds time since programming at which the chip is read (PCM drift), >= 0
 * @param driftCompensation apply global drift compensation (rescale outputs by a reference read)
 */
public record SimOptions(Mode mode, long seed, double driftSeconds, boolean driftCompensation) {

  public enum Mode { IDEAL, ANALOG }

  public SimOptions {
    if (driftSeconds < 0 || Double.isNaN(driftSeconds)) {
      throw new IllegalArgumentException("drift time must be >= 0 s, got " + driftSeconds);
    }
  }

  public static SimOptions ideal() {
    return new SimOptions(Mode.IDEAL, 0, 0, true);
  }

  public static SimOptions analog(long seed) {
    return new SimOptions(Mode.ANALOG, seed, 0, true);
  }

  public boolean isIdeal() {
    return mode == Mode.IDEAL;
  }
}
