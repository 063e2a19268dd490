package ancc.ir.graph.text.parse;

import ancc.ir.InvalidInputException;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Turns problems in a text file into {@link InvalidInputException}s with a {@code FILE:LINE:COL: }
 * prefix (line and column 1-based). As an ANTLR error listener it throws on the first syntax
 * error, so the parser never recovers silently; a format may subclass it to word some syntax
 * errors better.
 */
public class SourceErrors extends BaseErrorListener {
  private final String fileName;

  public SourceErrors(String fileName) {
    this.fileName = fileName;
  }

  public final InvalidInputException at(Pos p, String message) {
    return new InvalidInputException(fileName + ":" + p + ": " + message);
  }

  public final InvalidInputException at(Token t, String message) {
    return at(Pos.of(t), message);
  }

  public final InvalidInputException at(ParserRuleContext ctx, String message) {
    return at(ctx.getStart(), message);
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
      String msg, RecognitionException e) {
    throw at(new Pos(line, charPositionInLine), "syntax error: " + msg);
  }
}
