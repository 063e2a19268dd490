package ancc.cli;

import ancc.compiler.driver.Options;
import picocli.CommandLine.Option;

/** When the simulated chip is read (a picocli mixin of the commands that simulate). */
final class ReadOptions implements OptionGroup {
  @Option(names = "--drift-time", paramLabel = "T", converter = DriftTime.Converter.class,
      description = "Time since programming at which the chip is read, e.g. 1s, 10min, 1h, 1d, 1week (default: 0).")
  Double driftSeconds;

  @Option(names = "--no-drift-compensation",
      description = "Do not apply global drift compensation when reading a drifted chip.")
  boolean noDriftCompensation;

  @Override
  public void applyTo(Options.Builder b) {
    if (driftSeconds != null) {
      b.driftSeconds(driftSeconds);
    }
    b.driftCompensation(!noDriftCompensation);
  }
}
