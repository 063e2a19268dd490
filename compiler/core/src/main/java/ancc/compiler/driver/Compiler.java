package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.mapping.Calibration;
import ancc.backends.place.MeshLowering;
import ancc.backends.place.Traffic;
import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.Pipelines;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Placement;
import ancc.ir.graph.Verifier;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import java.nio.file.Path;
import java.util.List;

/**
 * The compile pipeline: import and canonicalize an ONNX model, place every node on a tile kind
 * (one of {@link #FIXED_PLACEMENTS}, or any {@link Assignment}, such as the partitioner's), calibrate,
 * lower onto the chip with mesh placement and buffer allocation ({@link MeshLowering}), verify
 * the program, and summarize.
 * Stateless; user errors are {@link InvalidInputException}s (a model too large for the chip a
 * {@link ancc.backends.DoesNotFitException}).
 */
public final class Compiler {
  /** The uniform placements. */
  public static final List<String> PLACEMENTS = List.of("all-memristor", "all-sram", "all-digital");

  /**
   * The fixed placements {@link #compile(Module, Chip, String, CalibrationSource)} accepts: the uniform
   * ones and {@code first-last-digital} (the first and last weight layers digital, every other weight
   * layer memristor: the common hand heuristic). The data-driven placements {@code auto} and
   * {@code auto-greedy} need calibration data and run through {@code ancc.compiler.partition.Partitioner}.
   */
  public static final List<String> FIXED_PLACEMENTS =
      List.of("all-memristor", "all-sram", "all-digital", "first-last-digital");

  private Compiler() {}

  /** Compiles the ONNX model {@code onnx}; errors from the model name the file. */
  public static Compilation compile(Path onnx, Chip chip, String placement, CalibrationSource calibration) {
    return compile(frontend(onnx), chip, placement, calibration);
  }

  /** Imports {@code onnx}, verifies it and canonicalizes it (verifying after every pass). */
  public static Module frontend(Path onnx) {
    try {
      Module imported = OnnxImporter.importModel(onnx);
      Verifier.verify(imported);
      return new PassManager(Pipelines.canonicalize()).verifyEach(true).run(imported, new PassContext());
    } catch (InvalidInputException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage();
      throw msg.contains(onnx.getFileName().toString()) ? e : e.in(onnx.toString());
    }
  }

  /** Compiles a canonical module with one of {@link #FIXED_PLACEMENTS}. */
  public static Compilation compile(Module canonical, Chip chip, String placement, CalibrationSource calibration) {
    return compile(canonical, chip, Placements.named(canonical, placement), placement, calibration);
  }

  /**
   * Compiles a canonical module with a per-node assignment (e.g. the partitioner's);
   * {@code placementName} is what summaries and reports call it.
   */
  public static Compilation compile(Module canonical, Chip chip, Assignment assignment, String placementName,
      CalibrationSource calibration) {
    return compile(canonical, chip, assignment, placementName, calibration.calibrate(canonical));
  }

  /** As {@link #compile(Module, Chip, Assignment, String, CalibrationSource)} with a calibration already run. */
  public static Compilation compile(Module canonical, Chip chip, Assignment assignment, String placementName,
      Calibration cal) {
    Module placed = withPlacements(canonical, assignment);
    String placement = placementName;
    MeshLowering.Result lowered = MeshLowering.lower(placed, chip, assignment, cal);
    Program program = lowered.program();
    List<String> problems = ProgramVerifier.check(program);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("lowering produced an invalid program: " + problems.get(0));
    }
    List<LayerRow> rows = LayerTable.rows(placed, assignment, program, lowered.placer());
    return new Compilation(placed, chip, placement, program, rows, lowered.buffers(), Traffic.hopBytes(program));
  }

  /** {@code m} with each node's placement set to its tile kind in {@code a}. */
  public static Module withPlacements(Module m, Assignment a) {
    Module.Builder b = m.toBuilder();
    List<Node> nodes = b.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      nodes.set(i, nodes.get(i).withPlacement(Placement.on(a.kindOf(nodes.get(i)))));
    }
    return b.build();
  }
}
