package ancc.cli.job;

import ancc.compiler.eval.Dataset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the main job {@code ancc MODEL.onnx} does, from its options.
 *
 * @param outDir the output folder ({@code ancc-out/MODEL} by default)
 * @param chip a chip preset name or chip file
 * @param images labelled images for accuracy (with {@code labels}), or null
 * @param calib calibration images for the sensitivity analysis (.npy or IDX), or null
 * @param calibLabels labels of {@code calib}, or null
 * @param samples images of {@code images} to evaluate (0: all)
 * @param chips chip instances (seeds {@code seed .. seed+chips-1}) the accuracy is measured over
 * @param budgetPercent the accuracy-drop budget of the automatic partitioner, percent of top-1
 * @param strategy the placement strategy (one of the partitioner's, e.g. {@code auto} or {@code all-sram})
 * @param kernelGranular partition groups of output channels, not whole layers
 * @param calibSamples calibration inputs the partitioner uses
 * @param sweepSamples inputs the strategy and drift sweeps use (the first of the evaluation data)
 * @param sweeps whether to run the strategy and drift sweeps at all
 * @param cacheDir where the partitioner caches sensitivities, or null for its default
 */
public record JobSpec(Path model, Path outDir, String chip, Path images, Path labels, Path calib, Path calibLabels,
    Dataset.Normalize normalize, int samples, int chips, long seed, double budgetPercent, String strategy,
    boolean kernelGranular, int calibSamples, int sweepSamples, boolean sweeps, Path cacheDir) {

  public JobSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(strategy, "strategy");
    if ((images == null) != (labels == null)) {
      throw new IllegalArgumentException("images and labels go together");
    }
  }

  /** Whether labelled data was given. */
  public boolean labelled() {
    return images != null;
  }
}
