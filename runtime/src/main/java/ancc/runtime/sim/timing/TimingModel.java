package ancc.runtime.sim.timing;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cycle-level timing of a crossbar mapping program on a chip, from the program and batch size
 * alone (no numerics): an event-driven run of every tile's instruction stream (docs/energy-model.md,
 * "Timing"). Stateless.
 */
public final class TimingModel {
  private TimingModel() {}

  /** Runs {@code p} on {@code chip} at {@code batch} (and at batch 1 for the latency). */
  public static Timing simulate(Program p, Chip chip, long batch) {
    check(p, chip);
    Schedule run = new Scheduler(p, chip, batch).run();
    long latency = batch == 1 ? run.totalCycles() : new Scheduler(p, chip, 1).run().totalCycles();
    List<TileTiming> tiles = new ArrayList<>();
    long worst = 0;
    String worstName = "none";
    for (Map.Entry<Integer, Long> e : run.tileBusy().entrySet()) {
      long b = e.getValue();
      tiles.add(new TileTiming(e.getKey(), b, run.totalCycles() == 0 ? 0 : (double) b / run.totalCycles()));
      if (b > worst) {
        worst = b;
        worstName = "tile " + e.getKey();
      }
    }
    for (Map.Entry<Resource, Long> e : run.busy().entrySet()) {
      if (e.getKey().isShared() && e.getValue() > worst) {
        worst = e.getValue();
        worstName = e.getKey().name();
      }
    }
    return new Timing(batch, chip.clock().hertz(), run.totalCycles(), latency, (double) worst / batch, worstName,
        tiles, run.busy(), run.instrs());
  }

  /**
   * Tiles exist on the chip with the program's kind, every send route is a mesh path, and every
   * spilled buffer's memory exists on the chip.
   */
  static void check(Program p, Chip chip) {
    for (ancc.ir.program.Buffer b : p.buffers()) {
      if (b.spilled() && StageModel.memory(chip, b.space()).isEmpty()) {
        throw new InvalidInputException("program @" + p.name() + ": buffer %" + b.name() + " is in " + b.space().text()
            + ", which chip '" + chip.name() + "' does not have");
      }
    }
    int n = chip.tileCount();
    for (TileProgram tp : p.tiles()) {
      if (tp.tile() < 0 || tp.tile() >= n) {
        throw new InvalidInputException("program @" + p.name() + ": tile " + tp.tile() + " is not on chip '"
            + chip.name() + "' (tiles 0.." + (n - 1) + ")");
      }
      if (chip.groupOf(tp.tile()).kind() != tp.kind()) {
        throw new InvalidInputException("program @" + p.name() + ": tile " + tp.tile() + " is " + tp.kind().text()
            + " in the program but " + chip.groupOf(tp.tile()).kind().text() + " on chip '" + chip.name() + "'");
      }
      for (int i = 0; i < tp.instrs().size(); i++) {
        if (tp.instrs().get(i) instanceof Instr.Send s) {
          checkRoute(p, chip, tp.tile(), i, s.route());
        }
      }
    }
  }

  private static void checkRoute(Program p, Chip chip, int tile, int index, List<Long> route) {
    for (int k = 0; k + 1 < route.size(); k++) {
      long a = route.get(k);
      long b = route.get(k + 1);
      boolean onMesh = a >= 0 && b >= 0 && a < chip.mesh().positions() && b < chip.mesh().positions();
      if (!onMesh || chip.mesh().hops((int) a, (int) b) != 1) {
        throw new InvalidInputException("program @" + p.name() + ": tile " + tile + " instr " + index + ": send route "
            + route + " is not a path of neighbouring tiles on the " + chip.mesh().rows() + "x" + chip.mesh().cols()
            + " mesh of chip '" + chip.name() + "' (" + a + " -> " + b + ")");
      }
    }
  }
}
