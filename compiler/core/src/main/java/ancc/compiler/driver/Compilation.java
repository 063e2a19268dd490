package ancc.compiler.driver;

import ancc.backends.place.BufferPlan;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import java.util.List;

/**
 * The result of compiling one model for one chip: the canonical module with every node's
 * placement set, the program, one summary row per node, the buffer allocation and the
 * hop-weighted mesh traffic (bytes x hops per inference, batch 1).
 */
public record Compilation(Module module, Chip chip, String placement, Program program, List<LayerRow> layers,
    BufferPlan buffers, long trafficHopBytes) {

  public Compilation {
    layers = List.copyOf(layers);
  }

  /** Arrays of one kind the program uses. */
  public long arrays(TileKind kind) {
    return program.arrays().stream().filter(a -> a.kind() == kind).count();
  }

  /** Arrays of every kind. */
  public int arrayCount() {
    return program.arrays().size();
  }

  /** Tiles with an instruction stream. */
  public int tilesUsed() {
    return program.tiles().size();
  }

  /** Instructions over all tiles. */
  public int instructionCount() {
    return program.tiles().stream().mapToInt(t -> t.instrs().size()).sum();
  }

  /** Tiles used of one kind. */
  public long tilesUsed(TileKind kind) {
    return program.tiles().stream().map(TileProgram::kind).filter(k -> k == kind).count();
  }

  /**
   * Weight cells used over cells of all arrays of one kind (0 when the kind has none): the layers'
   * utilizations weighted by their arrays, all arrays of a kind being the same size.
   */
  public double utilization(TileKind kind) {
    double used = 0;
    long arrays = 0;
    for (LayerRow r : layers) {
      if (r.kind() == kind && r.arrays() > 0) {
        used += r.arrays() * r.utilization();
        arrays += r.arrays();
      }
    }
    return arrays == 0 ? 0 : used / arrays;
  }
}
