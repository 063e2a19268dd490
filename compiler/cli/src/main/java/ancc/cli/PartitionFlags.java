package ancc.cli;

import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.CalibrationFiles;
import ancc.compiler.partition.PartitionOptions;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.units.Dimension;
import ancc.ir.units.UnitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The partitioner's options ({@code compile}, {@code run}, {@code eval}): a picocli mixin. The
 * placement itself is each command's {@code --placement}, converted by {@link StrategyConverter}.
 */
final class PartitionFlags {

  /** The option names of this mixin: {@code run} rejects them outside the simulating modes. */
  static final List<String> OPTIONS = List.of("--budget", "--calib", "--calib-labels", "--calib-samples",
      "--calib-normalize", "--calib-chips", "--granularity", "--cache-dir");

  /** The command (or mixin) this is mixed into: its parse result says whether progress is wanted. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--budget", paramLabel = "PCT", defaultValue = "0.5%", converter = BudgetConverter.class,
      description = "auto placements: the allowed top-1 drop against FP32, in percent points, e.g. 1%%"
          + " (default: ${DEFAULT-VALUE}).")
  double budgetPercent;

  @Option(names = "--calib", paramLabel = "FILE",
      description = "Calibration images for the sensitivity analysis, the partition's verification and the"
          + " quantizer ranges (.npy or IDX, .gz ok). Without it auto placements measure on synthetic noise"
          + " and say so.")
  Path calib;

  @Option(names = "--calib-labels", paramLabel = "FILE",
      description = "Integer labels of --calib (.npy or IDX); without them drops are measured against the FP32"
          + " model's own classes.")
  Path calibLabels;

  @Option(names = "--calib-samples", paramLabel = "N", defaultValue = "256",
      description = "Calibration images used, the first N of --calib (default: ${DEFAULT-VALUE}).")
  int calibSamples;

  @Option(names = "--calib-normalize", paramLabel = "MEAN,STD", converter = NormalizeConverter.class,
      description = "After scaling integer pixels of --calib to [0,1], map x to (x-MEAN)/STD (default: none).")
  Dataset.Normalize calibNormalize;

  @Option(names = "--calib-chips", paramLabel = "K", defaultValue = "2",
      description = "Chip instances the sensitivity analysis and the verification average over"
          + " (default: ${DEFAULT-VALUE}).")
  int calibChips;

  @Option(names = "--granularity", paramLabel = "G", defaultValue = "layer", converter = GranularityConverter.class,
      description = "auto placements: place whole layers (layer) or groups of output channels (kernel)"
          + " (default: ${DEFAULT-VALUE}).")
  String granularity;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Sensitivity cache (default: $ANCC_CACHE_DIR, else ~/.cache/ancc).")
  Path cacheDir;

  /** Whether {@code strategy} (with these flags) needs the partitioner: auto placements, or --calib given. */
  boolean partitions(String strategy) {
    return strategy.startsWith("auto") || calib != null;
  }

  PartitionOptions options(String strategy, long seed) {
    if (calibSamples <= 0) {
      throw new InvalidInputException("--calib-samples must be positive, got " + calibSamples);
    }
    if (calibChips <= 0) {
      throw new InvalidInputException("--calib-chips must be positive, got " + calibChips);
    }
    if (calibLabels != null && calib == null) {
      throw new InvalidInputException(calibLabels + ": --calib-labels needs --calib");
    }
    return new PartitionOptions(strategy, budgetPercent, granularity.equals("kernel"), calibSamples, seed, calibChips,
        cacheDir);
  }

  /**
   * The partitioner's progress display on {@code err}: no stage lines or bars when the command was
   * given {@code --no-progress} or {@code --quiet} (warnings still print).
   */
  PartitionProgress progress(PrintWriter err) {
    return new PartitionProgress(err, !silenced());
  }

  private boolean silenced() {
    for (CommandSpec s = mixee; s != null; s = s.parent()) {
      CommandLine cl = s.commandLine();
      if (cl != null && cl.getParseResult() != null) {
        ParseResult pr = cl.getParseResult();
        return pr.matchedOptionValue("--no-progress", false) || pr.matchedOptionValue("--quiet", false);
      }
    }
    return false;
  }

  /** The calibration data set for {@code m}, or null without --calib. */
  Dataset calibration(Module m) throws IOException {
    if (calib == null) {
      return null;
    }
    try {
      return CalibrationFiles.load(calib, calibLabels, calibNormalize, calibSamples, m.inputs().get(0).type());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(e.getFile() + ": no such file");
    }
  }

  /** The strategies, for help and completion. */
  static class Strategies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return PartitionOptions.STRATEGIES.iterator();
    }
  }

  /** A strategy name in any case; anything else is a usage error listing the choices. */
  static class StrategyConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.toLowerCase(Locale.ROOT);
      if (!PartitionOptions.STRATEGIES.contains(v)) {
        throw new TypeConversionException("expected one of " + String.join(", ", PartitionOptions.STRATEGIES)
            + " but was '" + value + "'");
      }
      return v;
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
  static final class GranularityConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.toLowerCase(Locale.ROOT);
      if (!v.equals("layer") && !v.equals("kernel")) {
        throw new TypeConversionException("expected layer or kernel but was '" + value + "'");
      }
      return v;
    }
  }
}
