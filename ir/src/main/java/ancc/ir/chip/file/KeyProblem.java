package ancc.ir.chip.file;

import java.util.function.Supplier;

/**
 * A problem a binding record finds when it is built (a rule between keys, e.g. {@code g_max}
 * above {@code g_min}): {@code key} is the path of the offending key below that record
 * ({@code g_max}, {@code weight.slice_bits}), so the reader can name it and its line.
 */
final class KeyProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  KeyProblem(String key, String message) {
    super(message, null, false, false);
    this.key = key;
  }

  String key() {
    return key;
  }

  /** Throws unless {@code ok}. */
  static void check(boolean ok, String key, Supplier<String> message) {
    if (!ok) {
      throw new KeyProblem(key, message.get());
    }
  }
}
