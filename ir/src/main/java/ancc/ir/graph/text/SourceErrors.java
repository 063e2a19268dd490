package ancc.ir.graph.text;

import ancc.ir.InvalidInputException;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Turns problems in IR text into {@link InvalidInputException}s with a {@code FILE:LINE:COL: }
 * prefix (line and column 1-based). As an ANTLR error listener it throws on the first syntax
 * error, so the parser never recovers silently.
 */
final class SourceErrors extends BaseErrorListener {
  private final String fileName;

  SourceErrors(String fileName) {
    this.fileName = fileName;
  }

  String fileName() {
    return fileName;
  }

  InvalidInputException at(Token t, String message) {
    return at(t.getLine(), t.getCharPositionInLine(), message);
  }

  InvalidInputException at(ParserRuleContext ctx, String message) {
    return at(ctx.getStart(), message);
  }

  private InvalidInputException at(int line, int charPositionInLine, String message) {
    return new InvalidInputException(fileName + ":" + line + ":" + (charPositionInLine + 1) + ": " + message);
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
      String msg, RecognitionException e) {
    throw at(line, charPositionInLine, "syntax error: " + msg);
  }
}
