package ancc.cli;

import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Compiler;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the model that {@code run} and {@code eval} simulate: a compiled folder, or ONNX compiled on the fly. */
final class ModelLoader {
  private ModelLoader() {}

  /** Loads {@code model}: a folder is read as compiled, anything else is compiled as ONNX. */
  static CompiledModel load(Path model, String chipArg, String placement, CalibrationSource calibration,
      FrontendOptions frontend, PrintWriter err, Timings timings) throws Exception {
    if (Files.isDirectory(model)) {
      if (placement != null) {
        throw new InvalidInputException(model + ": is already compiled; --placement applies only to ONNX models");
      }
      if (calibration != null) {
        throw new InvalidInputException(model + ": is already compiled; --calibration applies only to ONNX models");
      }
      return timings.time("read program", () -> CompiledModel.readFolder(model, chipArg));
    }
    Module canonical = Frontend.load(model, frontend, err, timings);
    Chip chip = Chips.resolve(chipArg == null ? "default" : chipArg);
    String policy = placement == null ? "all-memristor" : placement;
    CalibrationSource cal = calibration == null ? CalibrationSource.synthetic() : calibration;
    Compilation c = timings.time("compile", () -> Compiler.compile(canonical, chip, policy, cal));
    return CompiledModel.of(model, c);
  }
}
