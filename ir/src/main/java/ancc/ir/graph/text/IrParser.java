package ancc.ir.graph.text;

import ancc.ir.graph.Module;
import java.nio.ByteBuffer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/**
 * Parser facade for the textual graph IR: text in, an immutable {@link Module} out. Every
 * problem, syntactic or semantic, is an {@link ancc.ir.InvalidInputException} whose message
 * starts with {@code FILE:LINE:COL: }. The parser checks names, types and constants; op arity and
 * type consistency are the {@link ancc.ir.graph.Verifier}'s job.
 */
public final class IrParser {
  private IrParser() {}

  /** Parses a module whose constants are all inline; a {@code blob<...>} is an error. */
  public static Module parse(String text, String fileName) {
    return parse(text, fileName, null, null);
  }

  /**
   * Parses a module whose {@code blob<offset, count>} constants are read from {@code sidecar}
   * (bytes from index 0 to the limit; the buffer's position is not changed).
   */
  public static Module parse(String text, String fileName, ByteBuffer sidecar) {
    return parse(text, fileName, sidecar, null);
  }

  /** As above; {@code sidecarName} names the expected sidecar file in errors when it is null. */
  static Module parse(String text, String fileName, ByteBuffer sidecar, String sidecarName) {
    SourceErrors errors = new SourceErrors(fileName);
    GraphIrLexer lexer = new GraphIrLexer(CharStreams.fromString(text, fileName));
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    GraphIrParser parser = new GraphIrParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    GraphIrParser.FileContext tree = parser.file();
    ConstantReader constants = new ConstantReader(errors, sidecar, sidecarName);
    return new ModuleReader(errors, constants).read(tree);
  }
}
