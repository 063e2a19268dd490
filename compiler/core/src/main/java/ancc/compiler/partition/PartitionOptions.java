package ancc.compiler.partition;

import ancc.compiler.driver.Strategy;
import ancc.ir.InvalidInputException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * What the partitioner does.
 *
 * @param strategy {@code auto} (the exact solver, the default), {@code auto-greedy}, or a fixed
 *     placement ({@code all-memristor}, {@code all-sram}, {@code all-digital}, {@code first-last-digital}),
 *     which is analysed and measured but not chosen
 * @param budgetPercent the allowed top-1 drop against FP32, in percent points (1.0 is 1 %)
 * @param kernelGranular split weight layers into groups of output channels, each placed on its own
 * @param calibSamples calibration images used (the first ones of the data set, or this many synthetic)
 * @param seed the first chip instance (instances are {@code seed .. seed + chips - 1})
 * @param chips simulated chip instances averaged in the sensitivity analysis and the verification
 * @param cacheDir where sensitivity results are cached; null: {@code $ANCC_CACHE_DIR}, else
 *     {@code ~/.cache/ancc}
 * @param sensitivities a file of given sensitivities ({@link SensitivityFile}): the automatic
 *     strategies then only solve ({@link Partitioner#solve}), without analysis or simulation; null:
 *     measure them ({@link Partitioner#run}, which does not read this field)
 */
public record PartitionOptions(Strategy strategy, double budgetPercent, boolean kernelGranular, int calibSamples,
    long seed, int chips, Path cacheDir, Path sensitivities) {

  /** The default budget, 0.5 %. */
  public static final double DEFAULT_BUDGET_PERCENT = 0.5;

  /** Options that measure the sensitivities (no {@link #sensitivities} file). */
  public PartitionOptions(Strategy strategy, double budgetPercent, boolean kernelGranular, int calibSamples, long seed,
      int chips, Path cacheDir) {
    this(strategy, budgetPercent, kernelGranular, calibSamples, seed, chips, cacheDir, null);
  }

  public PartitionOptions {
    Objects.requireNonNull(strategy, "strategy");
    if (!(budgetPercent >= 0 && budgetPercent <= 100)) {
      throw new InvalidInputException("budget must be between 0% and 100%, got " + budgetPercent + "%");
    }
    if (calibSamples <= 0) {
      throw new InvalidInputException("calibration samples must be positive, got " + calibSamples);
    }
    if (chips <= 0) {
      throw new InvalidInputException("chip instances must be positive, got " + chips);
    }
  }

  public PartitionOptions withBudget(double percent) {
    return new PartitionOptions(strategy, percent, kernelGranular, calibSamples, seed, chips, cacheDir, sensitivities);
  }

  public PartitionOptions withKernelGranular(boolean k) {
    return new PartitionOptions(strategy, budgetPercent, k, calibSamples, seed, chips, cacheDir, sensitivities);
  }

  public PartitionOptions withSeed(long s) {
    return new PartitionOptions(strategy, budgetPercent, kernelGranular, calibSamples, s, chips, cacheDir,
        sensitivities);
  }

  public PartitionOptions withCacheDir(Path dir) {
    return new PartitionOptions(strategy, budgetPercent, kernelGranular, calibSamples, seed, chips, dir, sensitivities);
  }

  public PartitionOptions withSensitivities(Path file) {
    return new PartitionOptions(strategy, budgetPercent, kernelGranular, calibSamples, seed, chips, cacheDir, file);
  }

  /** Whether the strategy chooses the placement from sensitivities ({@code auto}, {@code auto-greedy}). */
  public boolean automatic() {
    return strategy.automatic();
  }

  /** Whether the greedy solver places (else the exact one). */
  public boolean greedy() {
    return strategy instanceof Strategy.Auto a && a.solver() == Strategy.Solver.GREEDY;
  }

  /** The cache folder: {@link #cacheDir}, else {@code $ANCC_CACHE_DIR}, else {@code ~/.cache/ancc}. */
  public Path resolvedCacheDir() {
    if (cacheDir != null) {
      return cacheDir;
    }
    String env = System.getenv("ANCC_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "ancc");
  }

  /** The budget as a fraction (0.01 for 1 %). */
  public double budgetFraction() {
    return budgetPercent / 100.0;
  }
}
