package ancc.backends.place;

import ancc.backends.Assignment;
import ancc.backends.Lowering;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowering with mesh placement and buffer allocation. The greedy {@link MeshPlacer} tends to
 * stack consecutive layers on the tile nearest their producers, which can overflow that tile's
 * buffer. After each lowering the buffers are allocated ({@link BufferPlan}); while some tile
 * overflows, the latest-placed node homed there that owns a buffer live at the tile's peak is
 * kept off that tile and the model is lowered again. When no node can move (each has been kept
 * off every other candidate tile) and the chip has a global buffer or DRAM, buffers are spilled
 * there ({@link BufferPlan#spill}: the program declares them {@code in global} or {@code in dram}):
 * of the placements the rounds tried, the one that spills the fewest bytes (the earliest on a
 * tie), since moving nodes can pile buffers onto the remaining tiles; otherwise the overflow is a
 * {@link ancc.backends.DoesNotFitException} naming the tile and the bytes needed against those
 * available.
 */
public final class MeshLowering {
  /** A lowered program with the placer that placed it and its buffer allocation. */
  public record Result(Program program, MeshPlacer placer, BufferPlan buffers, int rounds) {}

  private MeshLowering() {}

  public static Result lower(Module m, Chip chip, Assignment assignment, Calibration calibration) {
    Map<String, Set<Integer>> avoid = new HashMap<>();
    int limit = (m.nodes().size() + 1) * Math.max(1, chip.tileCount());
    Result best = null;
    long bestBytes = Long.MAX_VALUE;
    for (int round = 1; ; round++) {
      MeshPlacer placer = new MeshPlacer(chip, m, avoid);
      Program p = Lowering.lower(m, chip, assignment, calibration, placer);
      BufferPlan plan = BufferPlan.plan(p, chip);
      if (plan.overflows().isEmpty()) {
        return new Result(p, placer, plan, round);
      }
      if (chip.canSpill()) {
        BufferPlan.Spilling s = spill(p, chip);
        long bytes = s == null ? Long.MAX_VALUE : s.plan().spilledBytes(Buffer.Space.GLOBAL)
            + s.plan().spilledBytes(Buffer.Space.DRAM);
        if (bytes < bestBytes) {
          best = new Result(s.program(), placer, s.plan(), round);
          bestBytes = bytes;
        }
      }
      BufferPlan.Overflow o = plan.overflows().get(0);
      String move = nodeToMove(placer, o, avoid);
      if (move == null || round >= limit) {
        if (best == null) {
          plan.requireFits();
        }
        return best;
      }
      avoid.computeIfAbsent(move, k -> new HashSet<>()).add(o.tile());
    }
  }

  /** The spilled form of {@code p}, or null when the chip has no room for what must spill. */
  private static BufferPlan.Spilling spill(Program p, Chip chip) {
    try {
      return BufferPlan.spill(p, chip);
    } catch (ancc.backends.DoesNotFitException e) {
      return null;
    }
  }

  /**
   * The latest-placed node homed on the overflowing tile whose buffers (named after its output)
   * are live at the peak, else the latest-placed node homed there; null when none can move.
   */
  private static String nodeToMove(MeshPlacer placer, BufferPlan.Overflow o, Map<String, Set<Integer>> avoid) {
    List<String> homed = new ArrayList<>();
    placer.homes().forEach((node, tile) -> {
      if (tile == o.tile() && !avoid.getOrDefault(node, Set.of()).contains(tile)) {
        homed.add(node);
      }
    });
    for (int i = homed.size() - 1; i >= 0; i--) {
      String node = homed.get(i);
      if (o.live().stream().anyMatch(b -> b.equals(node) || b.startsWith(node + ".") || b.startsWith(node + "@"))) {
        return node;
      }
    }
    return homed.isEmpty() ? null : homed.get(homed.size() - 1);
  }
}
