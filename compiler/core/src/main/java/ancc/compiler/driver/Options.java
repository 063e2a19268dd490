package ancc.compiler.driver;

import ancc.compiler.eval.Dataset;
import ancc.ir.InvalidInputException;
import ancc.runtime.sim.SimOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link Pipeline} run is configured by: one immutable record whose defaults live
 * here and only here ({@link #defaults()}). The CLI's flags, the Maven plugin's parameters and the
 * library API all fill this record; an option has the same name everywhere (the CLI spells
 * {@code calibSamples} as {@code --calib-samples}).
 *
 * @param chip a chip preset name or a chip file; null: {@code default}, or for a compiled folder the
 *     chip its program names
 * @param placement the placement strategy; null: {@code auto}, or the placements a placed
 *     {@code .air} input already carries
 * @param budgetPercent the top-1 drop the automatic strategies may cost against FP32, percent points (0.5)
 * @param granularity what the partitioner places: layers or groups of output channels (layer)
 * @param calib calibration images (.npy or IDX): quantizer and ADC ranges, the sensitivity
 *     analysis and the partition's verification; null: the {@code images} when given, else seeded
 *     synthetic inputs (the output says so)
 * @param calibLabels labels of {@code calib}; null: drops are measured against FP32's own classes
 * @param calibSamples calibration inputs used, the first ones (256)
 * @param images labelled images the accuracy is measured on, or null
 * @param labels labels of {@code images}, or null
 * @param samples images of {@code images} evaluated, the first ones; 0: all (0)
 * @param normalize after scaling integer pixels to [0,1], (x - mean) / std, for images and calib (none)
 * @param seed the first chip instance: programming noise, stuck cells, drift, read noise (0)
 * @param chips chip instances {@code seed .. seed + chips - 1} every measurement averages over:
 *     the sensitivity analysis, the partition's verification and the accuracy (3)
 * @param mode how the chip is simulated: with its device models (analog) or exact (ideal) (analog)
 * @param driftSeconds time since programming at which the chip is read (0)
 * @param driftCompensation apply global drift compensation when reading a drifted chip (true)
 * @param sweeps run the drift sweep (and the strategy sweep when the partitioner did not measure
 *     the strategies) in the main job (true)
 * @param sweepSamples inputs the sweeps use, the first of the evaluation data (256; at most 128 for drift)
 * @param cacheDir sensitivity cache; null: {@code $ANCC_CACHE_DIR}, else {@code ~/.cache/ancc}
 * @param printAfter steps after which the IR is printed (names; {@link #ALL_STEPS} for every step)
 * @param verifyEach verify the IR after every step (true)
 * @param sensitivities a file of given sensitivities (docs/partitioning.md, "Given sensitivities"):
 *     the automatic placements solve from it without analysis or simulation, and a placed
 *     {@code .air} is placed again; null: measure them (null)
 * @param scaleToFit grow the tile counts of the chip (same tile design, larger mesh) until the model
 *     fits (docs/mapping.md, "Scaling a chip to the model"); false: a model that does not fit is an
 *     error (false)
 * @param reprogram time-multiplex the chip: compile on the chip scaled to the model, cut the model
 *     into consecutive layer groups that each fit the chip, and charge the arrays' reprogramming
 *     between groups per inference (docs/mapping.md, "Reprogramming (time-multiplexing)"); excludes
 *     {@code scaleToFit} (false)
 */
public record Options(String chip, Strategy placement, double budgetPercent, Granularity granularity, Path calib,
    Path calibLabels, int calibSamples, Path images, Path labels, int samples, Dataset.Normalize normalize,
    long seed, int chips, SimOptions.Mode mode, double driftSeconds, boolean driftCompensation, boolean sweeps,
    int sweepSamples, Path cacheDir, Set<String> printAfter, boolean verifyEach, Path sensitivities,
    boolean scaleToFit, boolean reprogram) {

  /** The strategy used when none is given and the model carries no placements. */
  public static final Strategy DEFAULT_PLACEMENT = Strategy.AUTO;

  /** In {@link #printAfter}: print after every step. */
  public static final String ALL_STEPS = "*";

  /** The default chip preset. */
  public static final String DEFAULT_CHIP = "default";

  public Options {
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(mode, "mode");
    printAfter = Set.copyOf(printAfter);
    if (!(budgetPercent >= 0 && budgetPercent <= 100)) {
      throw new InvalidInputException("budget must be between 0% and 100%, got " + budgetPercent + "%");
    }
    if (calibSamples < 1) {
      throw new InvalidInputException("calib-samples must be at least 1, got " + calibSamples);
    }
    if (samples < 0) {
      throw new InvalidInputException("samples must be at least 0, got " + samples);
    }
    if (chips < 1) {
      throw new InvalidInputException("chips must be at least 1, got " + chips);
    }
    if (sweepSamples < 1) {
      throw new InvalidInputException("sweep-samples must be at least 1, got " + sweepSamples);
    }
    if (!(driftSeconds >= 0) || Double.isInfinite(driftSeconds)) {
      throw new InvalidInputException("drift-time must be a finite time of at least 0 s, got " + driftSeconds + " s");
    }
    if ((images == null) != (labels == null)) {
      throw new InvalidInputException(images == null ? "labels (" + labels + ") need images"
          : "images (" + images + ") need labels");
    }
    for (String step : printAfter) {
      if (!step.equals(ALL_STEPS) && !Pipeline.allSteps().contains(step)) {
        throw new InvalidInputException("print-after: no step '" + step + "' (steps: " + String.join(", ",
            Pipeline.allSteps()) + ")");
      }
    }
    if (calibLabels != null && calib == null) {
      throw new InvalidInputException("calib-labels (" + calibLabels + ") needs calib");
    }
    if (sensitivities != null && placement != null && !placement.automatic()) {
      throw new InvalidInputException("sensitivities (" + sensitivities + ") apply to the automatic placements (auto,"
          + " auto-greedy), not to " + placement.text());
    }
    if (scaleToFit && reprogram) {
      throw new InvalidInputException("--scale-to-fit and --reprogram exclude each other: one grows the chip to the"
          + " model, the other reprograms the chip's arrays between layer groups");
    }
  }

  /** Every option at its default. */
  public static Options defaults() {
    return new Options(null, null, 0.5, Granularity.LAYER, null, null, 256, null, null, 0, null, 0, 3,
        SimOptions.Mode.ANALOG, 0, true, true, 256, null, Set.of(), true, null, false, false);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether labelled images were given. */
  public boolean labelled() {
    return images != null;
  }

  /** The budget as a fraction (0.01 for 1 %). */
  public double budgetFraction() {
    return budgetPercent / 100.0;
  }

  /** The simulator's options for chip instance {@code seed + k}. */
  public SimOptions simulation(int k) {
    return new SimOptions(mode, seed + k, driftSeconds, driftCompensation);
  }

  /** Mutable construction of {@link Options}; {@link #build()} checks the values. */
  public static final class Builder {
    private String chip;
    private Strategy placement;
    private double budgetPercent;
    private Granularity granularity;
    private Path calib;
    private Path calibLabels;
    private int calibSamples;
    private Path images;
    private Path labels;
    private int samples;
    private Dataset.Normalize normalize;
    private long seed;
    private int chips;
    private SimOptions.Mode mode;
    private double driftSeconds;
    private boolean driftCompensation;
    private boolean sweeps;
    private int sweepSamples;
    private Path cacheDir;
    private Set<String> printAfter;
    private boolean verifyEach;
    private Path sensitivities;
    private boolean scaleToFit;
    private boolean reprogram;

    private Builder(Options o) {
      chip = o.chip;
      placement = o.placement;
      budgetPercent = o.budgetPercent;
      granularity = o.granularity;
      calib = o.calib;
      calibLabels = o.calibLabels;
      calibSamples = o.calibSamples;
      images = o.images;
      labels = o.labels;
      samples = o.samples;
      normalize = o.normalize;
      seed = o.seed;
      chips = o.chips;
      mode = o.mode;
      driftSeconds = o.driftSeconds;
      driftCompensation = o.driftCompensation;
      sweeps = o.sweeps;
      sweepSamples = o.sweepSamples;
      cacheDir = o.cacheDir;
      printAfter = o.printAfter;
      verifyEach = o.verifyEach;
      sensitivities = o.sensitivities;
      scaleToFit = o.scaleToFit;
      reprogram = o.reprogram;
    }

    public Builder chip(String v) {
      chip = v;
      return this;
    }

    public Builder placement(Strategy v) {
      placement = v;
      return this;
    }

    public Builder budgetPercent(double v) {
      budgetPercent = v;
      return this;
    }

    public Builder granularity(Granularity v) {
      granularity = v;
      return this;
    }

    public Builder calib(Path v) {
      calib = v;
      return this;
    }

    public Builder calibLabels(Path v) {
      calibLabels = v;
      return this;
    }

    public Builder calibSamples(int v) {
      calibSamples = v;
      return this;
    }

    public Builder images(Path v) {
      images = v;
      return this;
    }

    public Builder labels(Path v) {
      labels = v;
      return this;
    }

    public Builder samples(int v) {
      samples = v;
      return this;
    }

    public Builder normalize(Dataset.Normalize v) {
      normalize = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder chips(int v) {
      chips = v;
      return this;
    }

    public Builder mode(SimOptions.Mode v) {
      mode = v;
      return this;
    }

    public Builder driftSeconds(double v) {
      driftSeconds = v;
      return this;
    }

    public Builder driftCompensation(boolean v) {
      driftCompensation = v;
      return this;
    }

    public Builder sweeps(boolean v) {
      sweeps = v;
      return this;
    }

    public Builder sweepSamples(int v) {
      sweepSamples = v;
      return this;
    }

    public Builder cacheDir(Path v) {
      cacheDir = v;
      return this;
    }

    public Builder printAfter(Set<String> v) {
      printAfter = v;
      return this;
    }

    public Builder verifyEach(boolean v) {
      verifyEach = v;
      return this;
    }

    public Builder sensitivities(Path v) {
      sensitivities = v;
      return this;
    }

    public Builder scaleToFit(boolean v) {
      scaleToFit = v;
      return this;
    }

    public Builder reprogram(boolean v) {
      reprogram = v;
      return this;
    }

    public Options build() {
      return new Options(chip, placement, budgetPercent, granularity, calib, calibLabels, calibSamples, images, labels,
          samples, normalize, seed, chips, mode, driftSeconds, driftCompensation, sweeps, sweepSamples, cacheDir,
          printAfter, verifyEach, sensitivities, scaleToFit, reprogram);
    }
  }
}
