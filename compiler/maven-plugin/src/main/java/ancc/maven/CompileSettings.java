package ancc.maven;

import ancc.compiler.eval.Dataset;
import ancc.ir.chip.Chip;
import ancc.runtime.sim.SimOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The checked settings of {@code ancc:compile} that apply to every model.
 *
 * @param chip the target chip, resolved
 * @param chipSpec the chip as configured: a preset name or a chip file path
 * @param placement the placement strategy, lower case
 * @param partitioning what the data-driven strategies ({@code auto}, {@code auto-greedy}) use
 * @param calibration calibration images, or null: for the fixed placements a {@code .npy} batch
 *     that sets quantizer and ADC ranges (null: 16 seeded synthetic samples); for the data-driven
 *     strategies labelled images (with {@code partitioning.calibrationLabels}) the sensitivity
 *     analysis and the verification measure on (null: synthetic inputs, with a warning)
 * @param images evaluation images, or null for no evaluation (then {@code labels} is null too)
 * @param normalize the normalization of the images, or null
 * @param formats the report formats, lower case
 */
public record CompileSettings(Chip chip, String chipSpec, String placement, Partitioning partitioning, Path calibration,
    Path images, Path labels, int samples, int chips, long seed, SimOptions.Mode mode, Dataset.Normalize normalize,
    List<String> formats) {
  /**
   * The settings only the partitioner reads.
   *
   * @param budgetPercent the allowed top-1 drop in percent points
   * @param calibrationLabels labels of the calibration images, or null
   * @param calibrationSamples calibration images used (the first ones)
   * @param kernelGranular place groups of output channels separately
   * @param cacheDirectory where sensitivity results are cached between builds
   */
  public record Partitioning(double budgetPercent, Path calibrationLabels, int calibrationSamples,
      boolean kernelGranular, Path cacheDirectory) {}

  /** The report formats this version writes. */
  public static final List<String> FORMATS = List.of("json");

  public boolean evaluates() {
    return images != null;
  }

  /** The simulation mode as reports write it: {@code ideal} or {@code analog}. */
  public String modeLabel() {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** Records every setting and input file (not the model) in {@code f}. */
  public void fingerprint(Fingerprint f) throws IOException {
    f.add("chip", chip.name() + " " + chip.sha256());
    f.add("placement", placement);
    f.addFile("calibration", calibration);
    if (ModelCompiler.partitions(placement)) {
      f.add("budget", partitioning.budgetPercent());
      f.addFile("calibrationLabels", partitioning.calibrationLabels());
      f.add("calibrationSamples", partitioning.calibrationSamples());
      f.add("kernelGranular", partitioning.kernelGranular());
    }
    f.addFile("images", images);
    f.addFile("labels", labels);
    f.add("samples", samples);
    f.add("chips", chips);
    f.add("seed", seed);
    f.add("mode", modeLabel());
    f.add("normalize", normalize == null ? null : normalize.mean() + "," + normalize.std());
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

  /** Parses a budget such as {@code 1%} or {@code 0.5 %} into percent; null or blank is not set. */
  public static Double parseBudget(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    if (!t.endsWith("%")) {
      throw new ParameterException("budget '" + text + "' is not a percentage: write it with a percent sign,"
          + " e.g. '1%'");
    }
    return 100 * Quantity.fraction(t, "budget").value();
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
