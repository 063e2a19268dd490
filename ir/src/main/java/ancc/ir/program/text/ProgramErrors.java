package ancc.ir.program.text;

import ancc.ir.graph.text.parse.Pos;
import ancc.ir.graph.text.parse.SourceErrors;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * The {@link SourceErrors} of program text ({@code FILE:LINE:COL: } prefix, throws on the first
 * syntax error), where a word that cannot start an instruction inside a tile block is reported as
 * an unknown instruction.
 */
final class ProgramErrors extends SourceErrors {
  ProgramErrors(String fileName) {
    super(fileName);
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
      String msg, RecognitionException e) {
    if (recognizer instanceof ProgramIrParser p && p.getContext() instanceof ProgramIrParser.TileDeclContext
        && offendingSymbol instanceof Token t && t.getType() == ProgramIrLexer.IDENT) {
      throw at(new Pos(line, charPositionInLine), "unknown instruction '" + t.getText() + "'");
    }
    super.syntaxError(recognizer, offendingSymbol, line, charPositionInLine, msg, e);
  }
}
