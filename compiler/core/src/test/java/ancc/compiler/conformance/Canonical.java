package ancc.compiler.conformance;

import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.Pipelines;
import ancc.ir.graph.Module;
import java.nio.file.Path;

/** The path every model takes in the CLI: import, then canonicalize with verification after each pass. */
final class Canonical {
  private Canonical() {}

  static Module compile(Path onnx) {
    Module m = OnnxImporter.importModel(onnx);
    return new PassManager(Pipelines.canonicalize()).verifyEach(true).run(m, new PassContext());
  }
}
