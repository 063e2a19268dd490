package ancc.cli;

import picocli.CommandLine.Option;

/** {@code --chip}: the target chip (a picocli mixin). */
final class ChipOption {
  @Option(names = "--chip", paramLabel = "NAME|FILE",
      description = "A chip preset (see 'ancc chips') or a .yaml/.yml chip file (default: 'default'; for a compiled"
          + " folder the chip its program names, and a given chip must have the same sha256).")
  String chip;
}
