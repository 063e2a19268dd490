package ancc.ir.graph.text.parse;

import java.util.function.Function;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.TokenStream;

/** Wires a generated lexer and parser to one {@link SourceErrors}, which alone hears their errors. */
public final class Parsers {
  private Parsers() {}

  /**
   * A parser over {@code text} (named {@code fileName} in the char stream) whose lexer and parser
   * report every error to {@code errors} only, so the first one throws.
   */
  public static <P extends Parser> P create(String text, String fileName, SourceErrors errors,
      Function<CharStream, ? extends Lexer> newLexer, Function<TokenStream, P> newParser) {
    Lexer lexer = newLexer.apply(CharStreams.fromString(text, fileName));
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    P parser = newParser.apply(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    return parser;
  }
}
