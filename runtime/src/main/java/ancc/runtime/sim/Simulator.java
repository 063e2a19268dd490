package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import ancc.runtime.device.DeviceModels;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functional simulator: runs a crossbar mapping program on a chip, whole batches at a time,
 * and returns its outputs. It executes only the program (the array images, buffers and
 * instruction streams), never the model it was compiled from, so what it computes is what that
 * chip would compute: the numerics of docs/isa.md, with the chip's device physics in ANALOG mode
 * ({@link PhysicsFactory}) and exact converters and devices in IDEAL mode.
 *
 * <p>Scheduling: tiles run their streams in order, stepped round-robin; a tile yields at a
 * {@code recv} whose matching {@code send} has not run yet and at a {@code barrier} not every tile
 * has reached. Since a buffer lives on one tile and moves only by send (which copies it when it
 * runs), any order that respects these waits gives the same result. Timing is not modelled here.
 *
 * <p>Determinism: every random draw comes from per-array generators derived from
 * {@code options.seed()} and the array id ({@link ProgrammedArray}), so the same seed gives the
 * same bits on every run. Instances are stateless and thread-safe.
 */
public final class Simulator {
  private final PhysicsFactory physics;

  /** A simulator whose ANALOG mode uses the chip's device models ({@link DeviceModels#forArray}). */
  public Simulator() {
    this(DeviceModels::forArray);
  }

  /** A simulator whose ANALOG mode takes each memristor array's physics from {@code physics}. */
  public Simulator(PhysicsFactory physics) {
    this.physics = Objects.requireNonNull(physics, "physics");
  }

  /**
   * Runs {@code program} on {@code chip} for a batch of inputs.
   *
   * @param inputs host tensors keyed by program input name
   * @return the program outputs in declaration order
   * @throws InvalidInputException when an input is missing, unknown or mistyped, when the
   *     program was compiled for another chip, or when the program misbehaves on the data (the
   *     message names the tile and instruction)
   */
  public Map<String, Tensor> run(Program program, Chip chip, Map<String, Tensor> inputs, SimOptions options) {
    Objects.requireNonNull(options, "options");
    if (!program.chipHash().equals(chip.sha256())) {
      throw new InvalidInputException("program @" + program.name() + " was compiled for chip '"
          + program.chipName() + "' (sha256 " + program.chipHash() + "), not for chip '" + chip.name()
          + "' (sha256 " + chip.sha256() + ")");
    }
    Map<String, Tensor> bound = ProgramInputs.bind(program, inputs);
    SimState state = new SimState(program, chip, options, physics, bound);
    schedule(program, state);
    return state.outputs();
  }

  private static void schedule(Program program, SimState state) {
    List<TileProgram> tiles = program.tiles();
    int n = tiles.size();
    int[] pc = new int[n];
    int[] barriersReached = new int[n];
    int[] barriersPassed = new int[n];
    int done = 0;
    while (done < n) {
      boolean progress = false;
      done = 0;
      for (int t = 0; t < n; t++) {
        TileProgram tp = tiles.get(t);
        List<Instr> instrs = tp.instrs();
        while (pc[t] < instrs.size()) {
          Instr in = instrs.get(pc[t]);
          if (in instanceof Instr.Recv r && !state.hasMessage(r, tp.tile())) {
            break;
          }
          if (in instanceof Instr.Barrier) {
            barriersReached[t] = barriersPassed[t] + 1;
            if (!allReached(barriersReached, barriersPassed[t] + 1)) {
              break;
            }
            barriersPassed[t]++;
          } else {
            state.execute(tp, pc[t], in);
          }
          pc[t]++;
          progress = true;
        }
        if (pc[t] == instrs.size()) {
          done++;
        }
      }
      if (done < n && !progress) {
        throw new InvalidInputException("program @" + program.name() + ": deadlock: " + waiting(tiles, pc));
      }
    }
  }

  private static boolean allReached(int[] reached, int k) {
    for (int r : reached) {
      if (r < k) {
        return false;
      }
    }
    return true;
  }

  private static String waiting(List<TileProgram> tiles, int[] pc) {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < tiles.size(); t++) {
      TileProgram tp = tiles.get(t);
      if (pc[t] < tp.instrs().size()) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append("tile ").append(tp.tile()).append(" waits at instr ").append(pc[t]).append(" (")
            .append(tp.instrs().get(pc[t]).name()).append(")");
      }
    }
    return sb.toString();
  }
}
