package ancc.cli;

import ancc.compiler.driver.Options;
import picocli.CommandLine.Option;

/** Which simulated chip instances are measured (a picocli mixin). */
final class InstanceOptions implements OptionGroup {
  @Option(names = "--seed", paramLabel = "N",
      description = "Seed of the first chip instance: programming noise, stuck cells, drift exponents, read noise"
          + " (default: 0).")
  Long seed;

  @Option(names = "--chips", paramLabel = "K",
      description = "Chip instances (seeds seed .. seed+K-1) the sensitivity analysis, the partition's verification"
          + " and the accuracy average over (default: 3).")
  Integer chips;

  @Override
  public void applyTo(Options.Builder b) {
    if (seed != null) {
      b.seed(seed);
    }
    if (chips != null) {
      b.chips(chips);
    }
  }
}
