package ancc.maven;

import ancc.compiler.driver.Options;
import ancc.compiler.eval.Dataset;
import ancc.ir.chip.Chip;
import ancc.ir.units.Dimension;
import ancc.ir.units.UnitException;
import ancc.runtime.sim.SimOptions;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The checked settings of {@code ancc:compile} that apply to every model: the pipeline's {@link Options}
 * (the same record, names and defaults as the {@code ancc} command's) and what only the plugin has.
 *
 * @param options the pipeline options; {@code chip} is the resolved chip's file or preset name
 * @param chip the target chip, resolved
 * @param formats the report formats, lower case
 */
public record CompileSettings(Options options, Chip chip, List<String> formats) {

  /** The report formats this version writes. */
  public static final List<String> FORMATS = List.of("json");

  public boolean evaluates() {
    return options.images() != null;
  }

  /** The simulation mode as reports write it: {@code ideal} or {@code analog}. */
  public String modeLabel() {
    return options.mode().name().toLowerCase(Locale.ROOT);
  }

  /** Records every setting and input file (not the model) in {@code f}. */
  public void fingerprint(Fingerprint f) throws IOException {
    Options o = options;
    f.add("chip", chip.name() + " " + chip.sha256());
    f.add("placement", o.placement() == null ? null : o.placement().text());
    f.add("budget", o.budgetPercent());
    f.add("granularity", o.granularity().text());
    f.addFile("calib", o.calib());
    f.addFile("calibLabels", o.calibLabels());
    f.addFile("sensitivities", o.sensitivities());
    f.add("calibSamples", o.calibSamples());
    f.addFile("images", o.images());
    f.addFile("labels", o.labels());
    f.add("samples", o.samples());
    f.add("chips", o.chips());
    f.add("seed", o.seed());
    f.add("mode", modeLabel());
    f.add("driftSeconds", o.driftSeconds());
    f.add("driftCompensation", o.driftCompensation());
    f.add("normalize", o.normalize() == null ? null : o.normalize().mean() + "," + o.normalize().std());
    f.add("scaleToFit", o.scaleToFit());
    f.add("reprogram", o.reprogram());
    f.add("formats", String.join(",", formats));
  }

  /** Parses {@code MEAN,STD}; null or blank is none. */
  public static Dataset.Normalize parseNormalize(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] parts = text.split(",", -1);
    try {
      if (parts.length == 2) {
        double mean = Double.parseDouble(parts[0].trim());
        double std = Double.parseDouble(parts[1].trim());
        if (Double.isFinite(mean) && Double.isFinite(std) && std > 0) {
          return new Dataset.Normalize(mean, std);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ParameterException("normalize '" + text + "' is not MEAN,STD with STD > 0, e.g. '0.2860,0.3530'");
  }

  /**
   * Parses a budget as the CLI's {@code --budget} takes it: top-1 percent points, {@code 1%},
   * {@code 0.5 %} or {@code 1}, between 0 and 100; null or blank is not set.
   */
  public static Double parseBudget(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    double percent;
    if (t.endsWith("%")) {
      percent = 100 * Quantity.fraction(t, "budget").value();
    } else {
      try {
        percent = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new ParameterException("budget '" + text + "' is not a top-1 drop such as '1%' or '0.5'");
      }
    }
    if (!(percent >= 0 && percent <= 100)) {
      throw new ParameterException("budget '" + text + "' must be between 0% and 100%");
    }
    return percent;
  }

  /** Parses a duration such as {@code 1h}, {@code 10 min} or {@code 0} into seconds. */
  public static double parseDuration(String text, String parameter) {
    String t = text.trim();
    try {
      double s = t.matches("0+(\\.0*)?") ? 0 : Dimension.TIME.read(t, Dimension.Spelling.LOOSE).si();
      if (s >= 0 && Double.isFinite(s)) {
        return s;
      }
    } catch (UnitException e) {
      // reported below
    }
    throw new ParameterException(parameter + " '" + text + "' is not a duration such as 0, 30s, 10min, 1h, 1d or 1week");
  }

  /** Parses {@code ideal} or {@code analog}, in any case. */
  public static SimOptions.Mode parseMode(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("ideal")) {
      return SimOptions.Mode.IDEAL;
    }
    if (t.equals("analog")) {
      return SimOptions.Mode.ANALOG;
    }
    throw new ParameterException("mode '" + text + "' must be ideal or analog");
  }

  /** Parses a comma-separated list of report formats. */
  public static List<String> parseFormats(String text) {
    List<String> out = new java.util.ArrayList<>();
    for (String part : (text == null ? "" : text).split(",")) {
      String f = part.trim().toLowerCase(Locale.ROOT);
      if (f.isEmpty()) {
        continue;
      }
      if (!FORMATS.contains(f)) {
        throw new ParameterException("formats: unknown report format '" + part.trim() + "' (this version writes: "
            + String.join(", ", FORMATS) + ")");
      }
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    if (!out.contains("json")) {
      throw new ParameterException("formats '" + text + "' must include json (ancc:verify reads report.json)");
    }
    return List.copyOf(out);
  }
}
