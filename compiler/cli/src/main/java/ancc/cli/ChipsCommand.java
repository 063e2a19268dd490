package ancc.cli;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ancc chips [--show NAME|FILE]}: lists the chip presets, or prints one chip's canonical YAML. */
@Command(
    name = "chips",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = {
      "List the chip presets (name, description, tiles), or print one chip description.",
      "--show prints the canonical YAML of a preset or of a chip file: every key, fixed order and units;"
          + " it parses back to the same chip, and its SHA-256 is the chip hash that programs record.",
      "The format is documented in docs/chips.md."
    })
final class ChipsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--show", paramLabel = "NAME|FILE",
      description = "Print the canonical YAML of this preset or .yaml/.yml chip file.")
  String show;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (show != null) {
      out.print(Chips.resolve(show).canonicalYaml());
    } else {
      int width = Chips.presetNames().stream().mapToInt(String::length).max().orElse(0);
      for (String name : Chips.presetNames()) {
        Chip chip = Chips.preset(name);
        String pad = " ".repeat(width - name.length() + 2);
        out.println(name + pad + chip.description());
        out.println(" ".repeat(width + 2) + chip.tileSummary() + "; " + chip.mesh().rows() + "x"
            + chip.mesh().cols() + " mesh, " + chip.clock());
      }
    }
    out.flush();
    return ErrorReporter.OK;
  }
}
