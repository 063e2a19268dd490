package ancc.ir.program.text;

import ancc.ir.graph.text.parse.Parsers;
import ancc.ir.program.Program;
import java.nio.ByteBuffer;

/**
 * Parser facade for the crossbar mapping program text: text in, an immutable {@link Program}
 * out. Every problem is an {@link ancc.ir.InvalidInputException} whose message starts with
 * {@code FILE:LINE:COL: }. The parser checks syntax, declarations (each once), that every name an
 * instruction uses is declared, and the tensors; where things live and how instructions fit
 * together is {@link ancc.ir.program.ProgramVerifier}'s job.
 */
public final class ProgramParser {
  private ProgramParser() {}

  /** Parses a program whose tensors are all inline; a {@code blob<...>} is an error. */
  public static Program parse(String text, String fileName) {
    return parse(text, fileName, null, null);
  }

  /**
   * Parses a program whose {@code blob<offset, count>} and {@code blob_u8<offset, count>} tensors
   * are read from {@code sidecar} (bytes from index 0 to the limit; its position is not changed).
   */
  public static Program parse(String text, String fileName, ByteBuffer sidecar) {
    return parse(text, fileName, sidecar, null);
  }

  /** As above; {@code sidecarName} names the expected sidecar file in errors. */
  static Program parse(String text, String fileName, ByteBuffer sidecar, String sidecarName) {
    ProgramErrors errors = new ProgramErrors(fileName);
    ProgramIrParser parser = Parsers.create(text, fileName, errors, ProgramIrLexer::new, ProgramIrParser::new);
    return new ProgramReader(errors, new TensorText(errors, sidecar, sidecarName)).read(parser.file());
  }
}
