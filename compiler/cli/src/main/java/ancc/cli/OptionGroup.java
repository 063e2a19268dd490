package ancc.cli;

import ancc.compiler.driver.Options;

/** A mixin of options: it writes the options the user gave into the pipeline's {@link Options}. */
interface OptionGroup {
  /** These options over {@code b}: only those given replace its values (the defaults are {@link Options}'s). */
  void applyTo(Options.Builder b);
}
