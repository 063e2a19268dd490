package ancc.ir.program.text;

import ancc.ir.InvalidInputException;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Turns problems in program text into {@link InvalidInputException}s with a
 * {@code FILE:LINE:COL: } prefix (1-based). As an ANTLR error listener it throws on the first
 * syntax error, so the parser never recovers silently; a word that cannot start an instruction
 * inside a tile block is reported as an unknown instruction.
 */
final class ProgramErrors extends BaseErrorListener {
  private final String fileName;

  ProgramErrors(String fileName) {
    this.fileName = fileName;
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
    if (recognizer instanceof ProgramIrParser p && p.getContext() instanceof ProgramIrParser.TileDeclContext
        && offendingSymbol instanceof Token t && t.getType() == ProgramIrLexer.IDENT) {
      throw at(line, charPositionInLine, "unknown instruction '" + t.getText() + "'");
    }
    throw at(line, charPositionInLine, "syntax error: " + msg);
  }
}
