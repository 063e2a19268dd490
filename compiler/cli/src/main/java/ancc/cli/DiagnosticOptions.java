package ancc.cli;

import ancc.compiler.driver.Options;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** What a command shows about its own work on stderr (a picocli mixin of every command that compiles). */
final class DiagnosticOptions implements OptionGroup {
  @Option(names = "--timings", description = "Print the time of each step and stage to stderr.")
  boolean timings;

  @Option(names = "--print-after", paramLabel = "STEP", split = ",",
      description = "Print the IR after these steps to stderr (e.g. canonicalize passes, partition, calibrate, lower)."
          + " Repeatable, or comma-separated.")
  List<String> printAfter = new ArrayList<>();

  @Option(names = "--print-after-all", description = "Print the IR after every step to stderr.")
  boolean printAfterAll;

  @Option(names = {"-q", "--quiet"}, description = "No progress bars or stage lines on stderr (warnings still print).")
  boolean quiet;

  @Override
  public void applyTo(Options.Builder b) {
    Set<String> names = new LinkedHashSet<>(printAfter);
    if (printAfterAll) {
      names.add(Options.ALL_STEPS);
    }
    b.printAfter(names);
  }
}
