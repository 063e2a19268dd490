package ancc.runtime.sim.energy;

import ancc.ir.chip.Chip;
import ancc.ir.chip.TileSpec;
import ancc.runtime.sim.timing.StageModel;
import ancc.runtime.sim.timing.TileUnits;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the ledger and the timing model charge for one {@code send}/{@code recv} pair that moves
 * {@code bytes} (at their physical width) from a tile of one specification to a tile of another
 * over {@code hops} mesh hops (docs/energy-model.md): the send reads the bytes from the sender's
 * buffer and puts {@code flits x hops} flit hops on the mesh, the recv writes them into the
 * receiver's buffer; the send lasts its buffer read plus {@code hops x hop cycles + flits - 1}, the
 * recv its buffer write. The same rules as {@link ActionCounter} and {@link StageModel} apply to a
 * send and recv of the program; this is them for a transfer that is not (yet) in a program: the
 * partitioner's estimate of moving a value between the tiles of two layers.
 *
 * @param reads buffer reads on the sender
 * @param flitHops flits x hops
 * @param writes buffer writes on the receiver
 * @param pj energy of the three, pJ
 * @param cycles the send's cycles plus the recv's
 */
public record Transfer(long reads, long flitHops, long writes, double pj, long cycles) {

  /** The transfer of {@code bytes} from a tile of {@code from} to one of {@code to} over {@code hops} hops. */
  public static Transfer of(Chip chip, TileSpec from, TileSpec to, long bytes, long hops) {
    long reads = from.buffer().accesses(bytes);
    long flitHops = chip.mesh().flits(bytes) * hops;
    long writes = to.buffer().accesses(bytes);
    double pj = reads * Action.BUFFER_READ.pj(chip, from) + flitHops * Action.MESH_FLIT_HOP.pj(chip, from)
        + writes * Action.BUFFER_WRITE.pj(chip, to);
    double period = chip.clock().period().seconds();
    long cycles = bufferCycles(from, bytes, period) + StageModel.transferCycles(chip, bytes, hops)
        + bufferCycles(to, bytes, period);
    return new Transfer(reads, flitHops, writes, pj, cycles);
  }

  /** The counts as the ledger books them. */
  public Map<Action, Long> counts() {
    Map<Action, Long> m = new EnumMap<>(Action.class);
    put(m, Action.BUFFER_READ, reads);
    put(m, Action.BUFFER_WRITE, writes);
    put(m, Action.MESH_FLIT_HOP, flitHops);
    return m;
  }

  private static void put(Map<Action, Long> m, Action a, long n) {
    if (n > 0) {
      m.put(a, n);
    }
  }

  private static long bufferCycles(TileSpec spec, long bytes, double period) {
    return new TileUnits(-1, spec, period).bufferCycles(bytes);
  }
}
