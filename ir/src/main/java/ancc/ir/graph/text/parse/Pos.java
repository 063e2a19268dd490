package ancc.ir.graph.text.parse;

import org.antlr.v4.runtime.Token;

/** A place in source text: 1-based line and 0-based character in the line, as ANTLR counts them. */
public record Pos(int line, int charPositionInLine) {
  /** Where a token starts. */
  public static Pos of(Token t) {
    return new Pos(t.getLine(), t.getCharPositionInLine());
  }

  /** {@code LINE:COL} with a 1-based column, as printed in messages. */
  @Override
  public String toString() {
    return line + ":" + (charPositionInLine + 1);
  }
}
