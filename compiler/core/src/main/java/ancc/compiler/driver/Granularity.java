package ancc.compiler.driver;

import ancc.ir.InvalidInputException;
import java.util.Locale;

/** What the partitioner places: whole weight layers, or groups of output channels of a layer. */
public enum Granularity {
  LAYER,
  KERNEL;

  /** The name on the command line and in the plugin: {@code layer} or {@code kernel}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code layer} or {@code kernel}, any case. */
  public static Granularity parse(String text) {
    for (Granularity g : values()) {
      if (g.text().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return g;
      }
    }
    throw new InvalidInputException("unknown granularity '" + text + "' (layer, kernel)");
  }
}
