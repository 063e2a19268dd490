package ancc.cli;

import ancc.compiler.driver.Options;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Labelled evaluation data (a picocli mixin of the main job and {@code eval}). */
final class DataOptions implements OptionGroup {
  @Option(names = "--images", paramLabel = "FILE",
      description = "Labelled images to measure accuracy on (.npy or IDX, .gz ok); needs --labels.")
  Path images;

  @Option(names = "--labels", paramLabel = "FILE", description = "Integer labels of --images (.npy or IDX).")
  Path labels;

  @Option(names = "--samples", paramLabel = "N", description = "Evaluate the first N images (default: all).")
  Integer samples;

  @Override
  public void applyTo(Options.Builder b) {
    b.images(images).labels(labels);
    if (samples != null) {
      b.samples(samples);
    }
  }
}
