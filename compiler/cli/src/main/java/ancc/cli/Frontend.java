package ancc.cli;

import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.PassTiming;
import ancc.compiler.pass.Pipelines;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import ancc.ir.graph.text.IrPrinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Imports a model and canonicalizes it, verifying after import and after every pass. */
final class Frontend {
  private Frontend() {}

  static Module load(Path model, FrontendOptions opts, PrintWriter err, Timings timings) throws Exception {
    requireFile(model);
    Module imported = timings.time("import", () -> OnnxImporter.importModel(model));
    try {
      Verifier.verify(imported);
    } catch (InvalidInputException e) {
      throw naming(e, model);
    }
    if (opts.printIrAfterAll) {
      err.print(PassManager.header("import") + "\n" + IrPrinter.print(imported));
      err.flush();
    }
    PassManager pm = new PassManager(opts.noCanonicalize ? List.of() : Pipelines.canonicalize()).verifyEach(true);
    if (opts.printIrAfterAll) {
      pm.printIrAfterAll(text -> {
        err.print(text);
        err.flush();
      });
    }
    PassContext ctx = new PassContext();
    Module result;
    try {
      result = pm.run(imported, ctx);
    } catch (InvalidInputException e) {
      throw naming(e, model);
    }
    for (PassTiming t : ctx.timings()) {
      timings.add("  " + t.pass(), t.nanos());
    }
    return result;
  }

  /** A missing model is reported as such, before the importer sees it. */
  static void requireFile(Path file) throws NoSuchFileException {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a folder, not a file");
    }
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
  }

  /** {@code e}, prefixed with the model file unless its message already names it. */
  private static InvalidInputException naming(InvalidInputException e, Path model) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    return msg.contains(model.getFileName().toString()) ? e : e.in(model.toString());
  }
}
