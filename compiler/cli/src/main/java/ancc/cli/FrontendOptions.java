package ancc.cli;

import picocli.CommandLine.Option;

/** Options of every command that imports a model (a picocli mixin). */
final class FrontendOptions {

  @Option(names = "--no-canonicalize", description = "Skip the canonicalization passes (the imported IR is still verified).")
  boolean noCanonicalize;

  @Option(names = "--print-ir-after-all", description = "Print the IR after every pass to stderr.")
  boolean printIrAfterAll;

  @Option(names = "--timing", description = "Print the time of each stage and pass to stderr.")
  boolean timing;
}
