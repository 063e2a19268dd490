package ancc.ir.program.text;

import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.program.Program;
import java.nio.file.Path;

/**
 * Reads and writes {@code X.xbp} program files with their {@code X.xbp.bin} sidecar (array cells
 * and large constants). Writes are atomic per file, as for graph IR files: temporary files in the
 * target folder moved into place, sidecar first; nothing is left behind on failure, and a stale
 * sidecar is removed when the new text needs none.
 */
public final class ProgramFiles {
  /** Default printing: tensors with more than 16 elements go to the sidecar. */
  public static final IrPrinter.Options DEFAULT = IrPrinter.Options.DEFAULT;

  private ProgramFiles() {}

  /** The sidecar next to a program file: {@code X.xbp} -> {@code X.xbp.bin}. */
  public static Path sidecarPath(Path xbpFile) {
    return IrFiles.sidecarPath(xbpFile);
  }

  public static void write(Program p, Path xbpFile) {
    write(p, xbpFile, DEFAULT);
  }

  public static void write(Program p, Path xbpFile, IrPrinter.Options options) {
    IrFiles.writeWithSidecar(xbpFile, w -> ProgramPrinter.print(p, options, w));
  }

  /** Reads a program file and, if present, its sidecar. Errors name the file (and line:col for parse errors). */
  public static Program read(Path xbpFile) {
    String text = IrFiles.readText(xbpFile);
    return ProgramParser.parse(text, xbpFile.toString(), IrFiles.readSidecar(xbpFile),
        sidecarPath(xbpFile).toString());
  }
}
