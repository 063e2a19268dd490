package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.Step;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * lower: a placed, calibrated module to the crossbar mapping program for a chip: each node by the
 * backend of its tile kind (weights quantized and mapped onto arrays), mesh placement and buffer
 * allocation (repeated while a tile's buffer overflows), the program verified ({@link Compiler}).
 * When the partition step already compiled this very module for its measurements, that
 * compilation is the result.
 *
 * @param placementName what summaries and reports call the placement (the strategy's name)
 */
public record Lower(Chip chip, String placementName) implements Step<Calibrated, Compilation> {
  @Override
  public String name() {
    return "lower";
  }

  @Override
  public String summary() {
    return "placed graph IR to the crossbar program: backends, mesh placement, buffer allocation";
  }

  @Override
  public Compilation run(Calibrated in, PassContext ctx) {
    PartitionResult measured = ctx.get(PartitionResult.class).orElse(null);
    if (measured != null && measured.compilation().module() == in.module()
        && measured.compilation().chip().sha256().equals(chip.sha256())) {
      return measured.compilation();
    }
    return Compiler.compile(in.module(), chip, assignment(in.module()), placementName, in.calibration());
  }

  /** The tile kind of every node from its placement; a node without one (or split by channels) is an error. */
  public static Assignment assignment(Module m) {
    Map<String, TileKind> kinds = new LinkedHashMap<>();
    for (Node n : m.nodes()) {
      if (n.placement() == null) {
        throw new InvalidInputException(n.describe() + ": has no placement; place the module first (the"
            + " partition pass)");
      }
      TileKind k = n.placement().single();
      if (k == null) {
        throw new InvalidInputException(n.describe() + ": placement " + n.placement() + " splits the node by output"
            + " channels, which lowering does not take (kernel-granular partitioning splits such nodes)");
      }
      kinds.put(n.output().name(), k);
    }
    return new Assignment(kinds);
  }

  /** Whether every node of {@code m} carries a placement (a placed {@code .air}). */
  public static boolean placed(Module m) {
    return !m.nodes().isEmpty() && m.nodes().stream().allMatch(n -> n.placement() != null);
  }
}
