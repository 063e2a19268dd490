package ancc.cli;

import ancc.compiler.eval.Dataset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the main job {@code ancc MODEL.onnx} (see {@link MainJob}). */
final class JobOptions {
  @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
      description = "Folder for the outputs, created if missing (default: ancc-out/MODEL).")
  Path outputDir;

  @Option(names = "--chip", paramLabel = "NAME|FILE", defaultValue = "default",
      description = "A chip preset (see 'ancc chips') or a .yaml/.yml chip file (default: ${DEFAULT-VALUE}).")
  String chip;

  @Option(names = "--images", paramLabel = "FILE",
      description = "Labelled images to measure accuracy on (.npy or IDX, .gz ok); needs --labels.")
  Path images;

  @Option(names = "--labels", paramLabel = "FILE", description = "Integer labels of --images (.npy or IDX).")
  Path labels;

  @Option(names = "--calib", paramLabel = "FILE",
      description = "Calibration images for the sensitivity analysis and the partition's verification (.npy or"
          + " IDX, .gz ok; default: the --images, else synthetic inputs, and the output says so).")
  Path calib;

  @Option(names = "--calib-labels", paramLabel = "FILE",
      description = "Integer labels of --calib; without them drops are measured against the FP32 model's classes.")
  Path calibLabels;

  @Option(names = "--budget", paramLabel = "PCT", defaultValue = "0.5",
      converter = PartitionFlags.BudgetConverter.class,
      description = "Accuracy-drop budget of the automatic partitioner, top-1 percent points, e.g. 1%% (default:"
          + " 0.5%%).")
  double budgetPercent;

  @Option(names = "--placement", paramLabel = "STRATEGY", defaultValue = "auto",
      converter = PartitionFlags.StrategyConverter.class,
      completionCandidates = PartitionFlags.Strategies.class,
      description = "How layers are placed: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(names = "--granularity", paramLabel = "G", defaultValue = "layer",
      converter = PartitionFlags.GranularityConverter.class,
      description = "What the partitioner places: whole layers (layer) or groups of output channels (kernel)"
          + " (default: ${DEFAULT-VALUE}).")
  String granularity;

  @Option(names = "--calib-samples", paramLabel = "N", defaultValue = "256",
      description = "Calibration inputs the sensitivity analysis uses (default: ${DEFAULT-VALUE}).")
  int calibSamples;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where sensitivity results are cached (default: $ANCC_CACHE_DIR, else ~/.cache/ancc).")
  Path cacheDir;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "0",
      description = "Evaluate the first N images of --images (default: all).")
  int samples;

  @Option(names = "--chips", paramLabel = "K", defaultValue = "3",
      description = "Chip instances (seeds seed .. seed+K-1) the accuracy is averaged over"
          + " (default: ${DEFAULT-VALUE}).")
  int chips;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the first chip instance"
      + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--normalize", paramLabel = "MEAN,STD", converter = NormalizeConverter.class,
      description = "After scaling integer pixels to [0,1], map x to (x-MEAN)/STD (default: none).")
  Dataset.Normalize normalize;

  @Option(names = "--sweep-samples", paramLabel = "N", defaultValue = "256",
      description = "Inputs the drift sweep (and, without the partitioner's points, the strategy sweep) uses: the"
          + " first of the evaluation data, at most 128 for drift (default: ${DEFAULT-VALUE}).")
  int sweepSamples;

  @Option(names = "--no-sweeps", description = "Skip the drift sweep, and the strategy sweep when the partitioner"
      + " did not run (faster; the report says so).")
  boolean noSweeps;

  @Option(names = {"-q", "--quiet"}, description = "No progress bars or stage lines on stderr.")
  boolean quiet;
}
