package ancc.cli;

import ancc.compiler.driver.Options;
import ancc.compiler.eval.DataFiles;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Labelled evaluation data (a picocli mixin of the main job and {@code eval}): one file, or one
 * {@code NAME=FILE} per graph input ({@link DataFiles}).
 */
final class DataOptions implements OptionGroup {
  @Option(names = "--images", paramLabel = "FILE|NAME=FILE",
      description = "Labelled images to measure accuracy on (.npy or IDX, .gz ok; an .npz, or one NAME=FILE .npy per"
          + " graph input, the option repeated, for several inputs); needs --labels.")
  List<String> images;

  @Option(names = "--labels", paramLabel = "FILE", description = "Integer labels of --images (.npy or IDX).")
  Path labels;

  @Option(names = "--samples", paramLabel = "N", description = "Evaluate the first N images (default: all).")
  Integer samples;

  @Override
  public void applyTo(Options.Builder b) {
    b.images(DataFiles.join(images)).labels(labels);
    if (samples != null) {
      b.samples(samples);
    }
  }
}
