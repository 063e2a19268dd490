package ancc.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality gates of {@code ancc:verify}, each optional: {@code minAccuracy} (simulated top-1,
 * mean over the chip instances), {@code maxAccuracyDrop} (reference top-1 minus simulated top-1,
 * in percentage points), {@code maxEnergyPerInference} and {@code maxLatency} (one inference).
 * Parsing fails with a {@link ParameterException} naming the parameter; checking a model yields
 * one {@link Result} per gate that is set.
 */
public record Gates(Quantity minAccuracy, Quantity maxAccuracyDrop, Quantity maxEnergy, Quantity maxLatency) {

  /** One gate applied to one model: the message names the model, the measured value and the limit. */
  public record Result(boolean passed, String message) {}

  /** Parses the gates; null or blank text leaves a gate unset. */
  public static Gates parse(String minAccuracy, String maxAccuracyDrop, String maxEnergy, String maxLatency) {
    return new Gates(
        blank(minAccuracy) ? null : Quantity.fraction(minAccuracy, "minAccuracy"),
        blank(maxAccuracyDrop) ? null : Quantity.fraction(maxAccuracyDrop, "maxAccuracyDrop"),
        blank(maxEnergy) ? null : Quantity.energy(maxEnergy, "maxEnergyPerInference"),
        blank(maxLatency) ? null : Quantity.duration(maxLatency, "maxLatency"));
  }

  public boolean isEmpty() {
    return minAccuracy == null && maxAccuracyDrop == null && maxEnergy == null && maxLatency == null;
  }

  public boolean needsAccuracy() {
    return minAccuracy != null || maxAccuracyDrop != null;
  }

  /** A stable text of the gates for fingerprints. */
  public String describe() {
    return "minAccuracy=" + text(minAccuracy) + " maxAccuracyDrop=" + text(maxAccuracyDrop)
        + " maxEnergyPerInference=" + text(maxEnergy) + " maxLatency=" + text(maxLatency);
  }

  /** Applies every gate that is set to {@code m}, in the order minAccuracy, drop, energy, latency. */
  public List<Result> check(ModelMetrics m) {
    List<Result> out = new ArrayList<>();
    String model = m.name() + ": ";
    if (needsAccuracy() && !m.hasAccuracy()) {
      String which = minAccuracy != null ? "minAccuracy" : "maxAccuracyDrop";
      out.add(new Result(false, model + which + " is set but there is no accuracy to check: give images and"
          + " labels to ancc:compile"));
    } else {
      String where = String.format(Locale.ROOT, " (%d samples, %d chip%s)", m.samples(), m.chips(),
          m.chips() == 1 ? "" : "s");
      if (minAccuracy != null) {
        boolean ok = m.simulatedTop1() >= minAccuracy.value();
        out.add(new Result(ok, model + "accuracy " + percent(m.simulatedTop1()) + (ok ? " meets" : " is below")
            + " minAccuracy " + minAccuracy.limitText() + where));
      }
      if (maxAccuracyDrop != null) {
        double drop = m.referenceTop1() - m.simulatedTop1();
        boolean ok = drop <= maxAccuracyDrop.value() + 1e-12;
        out.add(new Result(ok, model + "accuracy drop " + Quantity.plain(100 * drop) + " points (reference "
            + percent(m.referenceTop1()) + ", simulated " + percent(m.simulatedTop1()) + ")"
            + (ok ? " is within" : " exceeds") + " maxAccuracyDrop " + maxAccuracyDrop.limitText() + where));
      }
    }
    if (maxEnergy != null) {
      boolean ok = m.energyUj() <= maxEnergy.value();
      out.add(new Result(ok, model + "energy per inference " + maxEnergy.format(m.energyUj())
          + (ok ? " is within" : " exceeds") + " maxEnergyPerInference " + maxEnergy.limitText()));
    }
    if (maxLatency != null) {
      boolean ok = m.latencyUs() <= maxLatency.value();
      out.add(new Result(ok, model + "latency " + maxLatency.format(m.latencyUs())
          + (ok ? " is within" : " exceeds") + " maxLatency " + maxLatency.limitText()));
    }
    return out;
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  private static String text(Quantity q) {
    return q == null ? "-" : q.limitText();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
