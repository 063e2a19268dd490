package ancc.compiler.driver;

import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.Step;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import java.nio.file.Path;

/**
 * import: an ONNX model file to graph IR (opsets 1..21 normalized to the IR's op set), verified;
 * an invalid model is the file's {@link InvalidInputException}, naming it.
 */
public final class ImportOnnx implements Step<Path, Module> {
  @Override
  public String name() {
    return "import";
  }

  @Override
  public String summary() {
    return "ONNX model file to graph IR (opsets 1-21), verified";
  }

  @Override
  public Module run(Path onnx, PassContext ctx) {
    try {
      Module m = OnnxImporter.importModel(onnx);
      Verifier.verify(m);
      return m;
    } catch (InvalidInputException e) {
      throw naming(e, onnx);
    }
  }

  /** {@code e}, prefixed with {@code file} unless its message already names it. */
  static InvalidInputException naming(InvalidInputException e, Path file) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    return msg.contains(file.getFileName().toString()) ? e : e.in(file.toString());
  }
}
