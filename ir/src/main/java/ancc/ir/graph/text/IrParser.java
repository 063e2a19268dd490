package ancc.ir.graph.text;

import ancc.ir.graph.Module;
import ancc.ir.graph.text.parse.Parsers;
import ancc.ir.graph.text.parse.SourceErrors;
import java.nio.ByteBuffer;

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
    GraphIrParser parser = Parsers.create(text, fileName, errors, GraphIrLexer::new, GraphIrParser::new);
    return new ModuleReader(errors, sidecar, sidecarName).read(parser.file());
  }
}
