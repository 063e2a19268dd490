package ancc.compiler.driver;

import ancc.compiler.report.ModelInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.program.Program;
import ancc.ir.program.text.ProgramFiles;
import ancc.runtime.device.DeviceModels;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model ready to simulate: its program and chip, and the graph IR the FP32 reference runs.
 * Either an ONNX model compiled on the fly, or a folder written by {@code ancc compile} holding
 * {@code MODEL.xbp} (+ {@code .xbp.bin}) and {@code MODEL.air} (+ {@code .air.bin}).
 *
 * @param module the canonical graph IR (with placements when compiled)
 * @param placement the placement policy, or null for a compiled folder (which does not record it)
 */
public record CompiledModel(String baseName, ModelInfo info, Module module, Program program, Chip chip, String placement) {
  private static final Simulator SIMULATOR = new Simulator(DeviceModels::forArray);

  /** Runs the program on the simulated chip (device models from the chip file in ANALOG mode). */
  public Map<String, Tensor> simulate(Map<String, Tensor> inputs, SimOptions options) {
    return SIMULATOR.run(program, chip, inputs, options);
  }

  /** A fresh compilation of the model file {@code model} ({@code .onnx}, or {@code .air}). */
  public static CompiledModel of(Path model, Compilation c) throws IOException {
    String base = baseName(model);
    return new CompiledModel(base, ModelInfo.ofFile(model, base, Pipeline.isIr(model) ? "air" : "onnx", null),
        c.module(), c.program(), c.chip(), c.placement());
  }

  /**
   * Reads a compiled folder; the chip is {@code chipArg} if given, else the scaled chip the folder
   * records ({@code BASE.chip.yaml}, written for {@code scale-to-fit}), else the preset the program
   * names.
   */
  public static CompiledModel readFolder(Path dir, String chipArg) throws IOException {
    Path xbp = onlyProgram(dir);
    String file = xbp.getFileName().toString();
    String base = file.substring(0, file.length() - ".xbp".length());
    Path air = dir.resolve(base + ".air");
    if (!Files.isRegularFile(air)) {
      throw new InvalidInputException(dir + ": has " + file + " but not " + base + ".air (the graph IR that"
          + " 'ancc compile' writes beside it); recompile the model");
    }
    Program program = ProgramFiles.read(xbp);
    Module module = IrFiles.read(air);
    Path chipFile = Artifacts.chipFile(dir, base);
    Chip chip = chipArg == null && Files.isRegularFile(chipFile) ? recorded(program, xbp, chipFile)
        : chipFor(program, xbp, chipArg);
    return new CompiledModel(base, ModelInfo.ofFile(xbp, base, "program", null), module, program, chip, null);
  }

  private static Path onlyProgram(Path dir) throws IOException {
    List<Path> programs;
    try (Stream<Path> s = Files.list(dir)) {
      programs = s.filter(p -> p.getFileName().toString().endsWith(".xbp") && Files.isRegularFile(p)).sorted()
          .toList();
    }
    if (programs.isEmpty()) {
      throw new InvalidInputException(dir + ": no .xbp program in this folder (write one with 'ancc compile')");
    }
    if (programs.size() > 1) {
      throw new InvalidInputException(dir + ": holds " + programs.size() + " programs ("
          + String.join(", ", programs.stream().map(p -> p.getFileName().toString()).toList())
          + "); keep one per folder");
    }
    return programs.get(0);
  }

  /** The chip a program was compiled for: by name, or {@code chipArg} checked against the recorded hash. */
  public static Chip chipFor(Program program, Path xbp, String chipArg) {
    Chip chip;
    if (chipArg == null) {
      if (!Chips.presetNames().contains(program.chipName())) {
        throw new InvalidInputException(xbp + ": compiled for chip '" + program.chipName()
            + "', which is not a preset; give its chip file with --chip FILE");
      }
      chip = Chips.preset(program.chipName());
    } else {
      chip = Chips.resolve(chipArg);
    }
    if (!chip.sha256().equals(program.chipHash())) {
      throw new InvalidInputException(xbp + ": compiled for chip '" + program.chipName() + "' (sha256 "
          + program.chipHash() + "), but chip '" + chip.name() + "' has sha256 " + chip.sha256()
          + (chipArg == null ? " (the preset changed since; recompile)" : "; give the chip it was compiled for"));
    }
    return chip;
  }

  /** The scaled chip a compiled folder records, checked against the program's hash. */
  private static Chip recorded(Program program, Path xbp, Path chipFile) {
    Chip chip = Chips.load(chipFile);
    if (!chip.sha256().equals(program.chipHash())) {
      throw new InvalidInputException(xbp + ": compiled for chip '" + program.chipName() + "' (sha256 "
          + program.chipHash() + "), but " + chipFile + " beside it has sha256 " + chip.sha256() + "; recompile");
    }
    return chip;
  }

  /** The model's file name without {@code .onnx} (or {@code .air}). */
  public static String baseName(Path model) {
    String name = model.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".onnx", ".air"}) {
      if (lower.endsWith(ext) && name.length() > ext.length()) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }
}
