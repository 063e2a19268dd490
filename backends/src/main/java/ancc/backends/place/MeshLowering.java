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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowering with mesh placement and buffer allocation. The greedy {@link MeshPlacer} tends to
 * stack consecutive layers on the tile nearest their producers, which can overflow that tile's
 * buffer. After each lowering the buffers are allocated ({@link BufferPlan}); while some tile
 * overflows, a node homed there is kept off that tile and the model is lowered again (a lowering
 * round is cheap after the first: what lowering derives from a node's weights and calibration
 * alone is computed once, {@link Calibration#memo}, for the rounds of one call).
 *
 * <p>On a chip without a global buffer or DRAM, one node moves per round, off the first
 * overflowing tile: the latest-placed node homed there that owns a buffer live at the tile's peak
 * (else the latest-placed node homed there), until the chip fits or no node can move (each has been
 * kept off every other candidate tile); then the overflow is a
 * {@link ancc.backends.DoesNotFitException} naming the tile and the bytes needed against those
 * available. On a chip that can spill, each round moves one node off every overflowing tile, and
 * only a node that moving can help: one whose own buffers are live at the peak (copies of its
 * output its consumers received stay with them) and need no more than a tile has (else it would
 * overflow any tile of the kind). When no such node is left, buffers are spilled there
 * ({@link BufferPlan#spill}: the program declares them {@code in global} or {@code in dram}):
 * of the placements the rounds tried, the one that spills the fewest bytes (the earliest on a
 * tie), since moving nodes can pile buffers onto the remaining tiles. ResNet-50 on a scaled
 * {@code default} (docs/performance.md) overflows only on tiles whose 1x1 expansion convs need
 * more than the tile alone, so it spills after one round.
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
    Calibration rounds = calibration.forRounds();
    for (int round = 1; ; round++) {
      MeshPlacer placer = new MeshPlacer(chip, m, avoid);
      Program p = Lowering.lower(m, chip, assignment, rounds, placer);
      BufferPlan plan = BufferPlan.plan(p, chip);
      if (plan.overflows().isEmpty()) {
        return new Result(p, placer, plan, round);
      }
      if (chip.canSpill()) {
        BufferPlan.Spilling s = spill(p, chip, plan);
        long bytes = s == null ? Long.MAX_VALUE : s.plan().spilledBytes(Buffer.Space.GLOBAL)
            + s.plan().spilledBytes(Buffer.Space.DRAM);
        if (bytes < bestBytes) {
          best = new Result(s.program(), placer, s.plan(), round);
          bestBytes = bytes;
        }
      }
      Map<String, Integer> moves = new LinkedHashMap<>();
      for (BufferPlan.Overflow o : plan.overflows()) {
        String move = chip.canSpill() ? usefulMove(placer, plan, o, avoid) : nodeToMove(placer, o, avoid);
        if (move != null && !moves.containsKey(move)) {
          moves.put(move, o.tile());
        }
        if (!chip.canSpill()) {
          break; // one move a round: the last round's overflow is the error scale-to-fit grows the chip from
        }
      }
      if (moves.isEmpty() || round >= limit) {
        if (best == null) {
          plan.requireFits();
        }
        return best;
      }
      moves.forEach((node, tile) -> avoid.computeIfAbsent(node, k -> new HashSet<>()).add(tile));
    }
  }

  /** The spilled form of {@code p}, or null when the chip has no room for what must spill. */
  private static BufferPlan.Spilling spill(Program p, Chip chip, BufferPlan plan) {
    try {
      return BufferPlan.spill(p, chip, plan);
    } catch (ancc.backends.DoesNotFitException e) {
      return null;
    }
  }

  /**
   * On a chip that can spill: the latest-placed node homed on the overflowing tile that moving
   * could help, null when none (the tile spills). Moving a node takes its buffers on the tile
   * (named after its output, or {@code output.*}) with it, but not the copies of its output its
   * consumers received here ({@code output@...}), so it helps only when some of its own buffers
   * are live at the peak; and a node whose own buffers live at the peak need more than the tile
   * has would overflow any tile of the kind (they have the same buffer), so it stays.
   */
  private static String usefulMove(MeshPlacer placer, BufferPlan plan, BufferPlan.Overflow o,
      Map<String, Set<Integer>> avoid) {
    Map<String, Long> liveBytes = new HashMap<>();
    for (BufferPlan.Allocation a : plan.allocations(o.tile())) {
      if (o.live().contains(a.buffer())) {
        liveBytes.merge(a.buffer(), a.bytes(), Long::sum);
      }
    }
    List<String> homed = homed(placer, o, avoid);
    for (int i = homed.size() - 1; i >= 0; i--) {
      String node = homed.get(i);
      long own = 0;
      for (Map.Entry<String, Long> e : liveBytes.entrySet()) {
        if (e.getKey().equals(node) || e.getKey().startsWith(node + ".")) {
          own += e.getValue();
        }
      }
      if (own > 0 && own <= o.have()) {
        return node;
      }
    }
    return null;
  }

  /** The nodes homed on the overflowing tile and not kept off it, in placement order. */
  private static List<String> homed(MeshPlacer placer, BufferPlan.Overflow o, Map<String, Set<Integer>> avoid) {
    List<String> homed = new ArrayList<>();
    placer.homes().forEach((node, tile) -> {
      if (tile == o.tile() && !avoid.getOrDefault(node, Set.of()).contains(tile)) {
        homed.add(node);
      }
    });
    return homed;
  }

  /**
   * The latest-placed node homed on the overflowing tile whose buffers (named after its output)
   * are live at the peak, else the latest-placed node homed there; null when none can move.
   */
  private static String nodeToMove(MeshPlacer placer, BufferPlan.Overflow o, Map<String, Set<Integer>> avoid) {
    List<String> homed = homed(placer, o, avoid);
    for (int i = homed.size() - 1; i >= 0; i--) {
      String node = homed.get(i);
      if (o.live().stream().anyMatch(b -> b.equals(node) || b.startsWith(node + ".") || b.startsWith(node + "@"))) {
        return node;
      }
    }
    return homed.isEmpty() ? null : homed.get(homed.size() - 1);
  }
}
