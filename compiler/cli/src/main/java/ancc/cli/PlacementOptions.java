package ancc.cli;

import ancc.compiler.driver.Granularity;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Strategy;
import ancc.compiler.eval.DataFiles;
import ancc.compiler.eval.Dataset;
import ancc.ir.InvalidInputException;
import ancc.ir.units.Dimension;
import ancc.ir.units.UnitException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How layers are placed and what they are calibrated on (a picocli mixin shared by the main job,
 * {@code compile}, {@code run}, {@code eval} and {@code opt}); the defaults are {@link Options#defaults()}'s.
 */
final class PlacementOptions implements OptionGroup {
  @Option(names = "--placement", paramLabel = "STRATEGY", converter = StrategyConverter.class,
      completionCandidates = Strategies.class,
      description = "How layers are placed: ${COMPLETION-CANDIDATES} (default: auto; a placed .air keeps its"
          + " placements). auto chooses per layer from measured sensitivities within --budget; every other op runs"
          + " on digital tiles.")
  Strategy placement;

  @Option(names = "--budget", paramLabel = "PCT", converter = BudgetConverter.class,
      description = "auto placements: the allowed top-1 drop against FP32, in percent points, e.g. 1%% (default:"
          + " 0.5%%).")
  Double budgetPercent;

  @Option(names = "--granularity", paramLabel = "G", converter = GranularityConverter.class,
      description = "auto placements: place whole layers (layer) or groups of output channels (kernel)"
          + " (default: layer).")
  Granularity granularity;

  @Option(names = "--calib", paramLabel = "FILE|NAME=FILE",
      description = "Calibration images (.npy or IDX, .gz ok; an .npz, or one NAME=FILE .npy per graph input, the"
          + " option repeated, for several inputs): quantizer and ADC ranges, the sensitivity analysis and"
          + " the partition's verification (default: the evaluation images of commands that take --images, else"
          + " synthetic inputs, and the output says so).")
  List<String> calib;

  @Option(names = "--calib-labels", paramLabel = "FILE",
      description = "Integer labels of --calib (.npy or IDX); without them drops are measured against the FP32"
          + " model's own classes.")
  Path calibLabels;

  @Option(names = "--calib-samples", paramLabel = "N",
      description = "Calibration inputs used, the first N (default: 256).")
  Integer calibSamples;

  @Option(names = "--normalize", paramLabel = "MEAN,STD", converter = NormalizeConverter.class,
      description = "After scaling integer pixels of --images and --calib to [0,1], map x to (x-MEAN)/STD, e.g."
          + " 0.2860,0.3530 for Fashion-MNIST (default: none).")
  Dataset.Normalize normalize;

  @Option(names = "--sensitivities", paramLabel = "FILE",
      description = "auto placements: take the per-layer sensitivities from this JSON file instead of measuring them,"
          + " and only solve (no simulation: no verification, repair or strategy points); a placed .air is placed"
          + " again (format: docs/partitioning.md, \"Given sensitivities\").")
  Path sensitivities;

  @Option(names = "--scale-to-fit",
      description = "Grow the tile counts of the chip (same tiles, a larger near-square mesh) until the model fits:"
          + " the arrays its placement needs (auto: sized for the most array-hungry candidate while partitioning),"
          + " then more tiles of a kind whose buffer overflows. The scaled chip is named CHIP-scaled, reported, and"
          + " recorded in the compiled folder (docs/mapping.md).")
  boolean scaleToFit;

  @Option(names = "--reprogram",
      description = "Time-multiplex a chip too small for the model: split it into consecutive layer groups that each"
          + " fit the chip's tiles and reprogram the arrays between groups within every inference; the programming"
          + " energy and time of every group are charged per inference and reported (docs/mapping.md). Excludes"
          + " --scale-to-fit.")
  boolean reprogram;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Sensitivity cache (default: $ANCC_CACHE_DIR, else ~/.cache/ancc).")
  Path cacheDir;

  @Override
  public void applyTo(Options.Builder b) {
    if (placement != null) {
      b.placement(placement);
    }
    if (budgetPercent != null) {
      b.budgetPercent(budgetPercent);
    }
    if (granularity != null) {
      b.granularity(granularity);
    }
    if (calibSamples != null) {
      b.calibSamples(calibSamples);
    }
    if (scaleToFit) {
      b.scaleToFit(true);
    }
    if (reprogram) {
      b.reprogram(true);
    }
    b.calib(DataFiles.join(calib)).calibLabels(calibLabels).normalize(normalize).cacheDir(cacheDir).sensitivities(sensitivities);
  }

  /** The strategies, for help and completion. */
  static final class Strategies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Strategy.names().iterator();
    }
  }

  /** A strategy name in any case; anything else is a usage error listing the choices. */
  static final class StrategyConverter implements ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String value) {
      try {
        return Strategy.parse(value);
      } catch (InvalidInputException e) {
        throw new TypeConversionException("expected one of " + String.join(", ", Strategy.names()) + " but was '"
            + value + "'");
      }
    }
  }

  /** {@code 1%} (or {@code 1}): top-1 percent points in [0, 100]. */
  static final class BudgetConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        // percent points whether written 1% or 1
        double d = Dimension.FRACTION.read(value, Dimension.Spelling.LOOSE).number().doubleValue();
        if (d >= 0 && d <= 100) {
          return d;
        }
      } catch (UnitException ignored) {
        // the message below
      }
      throw new TypeConversionException("expected a top-1 drop between 0% and 100%, e.g. 1%, but was '" + value
          + "'");
    }
  }

  /** {@code layer} or {@code kernel}. */
  static final class GranularityConverter implements ITypeConverter<Granularity> {
    @Override
    public Granularity convert(String value) {
      try {
        return Granularity.parse(value.toLowerCase(Locale.ROOT));
      } catch (InvalidInputException e) {
        throw new TypeConversionException("expected layer or kernel but was '" + value + "'");
      }
    }
  }
}
