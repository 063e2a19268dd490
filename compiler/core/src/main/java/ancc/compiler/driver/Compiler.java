package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.mapping.Calibration;
import ancc.backends.place.MeshLowering;
import ancc.backends.place.Traffic;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Placement;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import java.util.List;

/**
 * The compile of one placed and calibrated module, the work of the {@code lower} step ({@link Lower})
 * and of the partitioner's measurements: place every node on its tile kind (a {@link Strategy.Fixed}
 * rule, or any {@link Assignment}, such as the partitioner's), lower onto the chip with mesh
 * placement and buffer allocation ({@link MeshLowering}), verify the program, and summarize.
 * Stateless; user errors are {@link InvalidInputException}s (a model too large for the chip a
 * {@link ancc.backends.DoesNotFitException}).
 */
public final class Compiler {
  private Compiler() {}

  /** Compiles a canonical module with a fixed strategy and a calibration already run. */
  public static Compilation compile(Module canonical, Chip chip, Strategy.Fixed strategy, Calibration cal) {
    return compile(canonical, chip, strategy.assign(canonical), strategy.text(), cal);
  }

  /**
   * Compiles a canonical module with a per-node assignment (e.g. the partitioner's) and a
   * calibration already run; {@code placementName} is what summaries and reports call it.
   */
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
    return new Compilation(placed, chip, placement, program, rows, lowered.buffers(), Traffic.hopBytes(program, chip));
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
