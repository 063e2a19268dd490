package ancc.cli;

import ancc.compiler.driver.CalibrationSource;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Compiler;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.Partitioner;
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

  /**
   * Loads {@code model} with the simulation options of {@code run}/{@code eval}: as
   * {@link #load(Path, String, String, CalibrationSource, FrontendOptions, PrintWriter, Timings)}, and
   * for {@code auto}/{@code auto-greedy} (or with {@code --calib}) the partitioner places the layers.
   */
  static CompiledModel load(Path model, SimulationOptions sim, FrontendOptions frontend, PrintWriter err,
      Timings timings) throws Exception {
    String policy = sim.placement == null ? "all-memristor" : sim.placement;
    if (Files.isDirectory(model) && sim.partition != null && sim.partition.calib != null) {
      throw new InvalidInputException(model + ": is already compiled; --calib applies only to ONNX models");
    }
    if (Files.isDirectory(model) || sim.partition == null || !sim.partition.partitions(policy)) {
      return load(model, sim.chip, sim.placement, sim.calibrationSource(), frontend, err, timings);
    }
    if (sim.calibration != null) {
      throw new InvalidInputException(sim.calibration + ": --calibration applies to fixed placements without"
          + " --calib; the partitioner takes its ranges from --calib");
    }
    Module canonical = Frontend.load(model, frontend, err, timings);
    Chip chip = Chips.resolve(sim.chip == null ? "default" : sim.chip);
    PartitionOptions opts = sim.partition.options(policy, sim.seed);
    PartitionResult r = timings.time("partition", () -> Partitioner.run(canonical, chip, opts,
        sim.partition.calibration(canonical), sim.partition.progress(err)));
    err.print(PartitionTable.format(r.summary()));
    err.flush();
    return CompiledModel.of(model, r.compilation());
  }

  /**
   * Loads {@code model}: a folder is read as compiled, anything else is compiled as ONNX; {@code auto}
   * and {@code auto-greedy} run the partitioner with its defaults (synthetic calibration, with a warning).
   */
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
    if (policy.startsWith("auto")) {
      PartitionOptions opts = PartitionOptions.defaults().withStrategy(policy);
      PartitionResult r = timings.time("partition", () -> Partitioner.run(canonical, chip, opts, null,
          new PartitionProgress(err)));
      err.print(PartitionTable.format(r.summary()));
      err.flush();
      return CompiledModel.of(model, r.compilation());
    }
    Compilation c = timings.time("compile", () -> Compiler.compile(canonical, chip, policy, cal));
    return CompiledModel.of(model, c);
  }
}
