package ancc.ir.graph.text.parse;

import org.antlr.v4.runtime.Token;

/**
 * A number as written: an integer, a float, {@code inf}, {@code -inf}, {@code nan} or
 * {@code nan(0x...)}; {@code integer} tells whether it was an integer token.
 */
public record NumberText(Pos pos, String text, boolean integer) {
  /** An integer token. */
  public static NumberText ofInt(Token t) {
    return new NumberText(Pos.of(t), t.getText(), true);
  }
}
