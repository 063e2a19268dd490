package ancc.backends.digital;

import ancc.backends.Cost;
import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.program.TileKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates the action counts and energies of a cost estimate the way the simulator's ledger
 * does: buffer traffic in whole accesses per operand region, every other action as count x energy
 * per action. Also the physical widths the ledger uses (docs/energy-model.md, "Physical widths").
 */
public final class Tally {
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Double> pj = new LinkedHashMap<>();

  /** Reads one operand region of {@code bytes} bytes from {@code b}. */
  public void read(BufferSpec b, long bytes) {
    long n = b.accesses(bytes);
    add(Cost.Action.BUFFER_READ, n, b.readEnergy().pj());
  }

  /** Writes one operand region of {@code bytes} bytes to {@code b}. */
  public void write(BufferSpec b, long bytes) {
    long n = b.accesses(bytes);
    add(Cost.Action.BUFFER_WRITE, n, b.writeEnergy().pj());
  }

  /** {@code n} actions of {@code pjEach} pJ each. */
  public void add(String action, long n, double pjEach) {
    if (n <= 0) {
      return;
    }
    counts.merge(action, n, Long::sum);
    pj.merge(action, n * pjEach, Double::sum);
  }

  public Map<String, Long> counts() {
    return counts;
  }

  public Map<String, Double> componentsPj() {
    return pj;
  }

  public double totalPj() {
    return pj.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** The cost record of this tally. */
  public Cost cost(TileKind kind, long arrays, long cycles) {
    return new Cost(kind, arrays, counts, pj, totalPj(), cycles);
  }

  /** Bytes of one float activation on {@code chip}: its digital tiles' precision, 4 without digital tiles. */
  public static int activationBytes(Chip chip) {
    return chip.digital().map(DigitalTile::precision).map(DigitalTile.Precision::bytes).orElse(4);
  }

  /**
   * Energy of moving {@code bytes} bytes from a tile with buffer {@code from} to one with buffer
   * {@code to} over {@code hops} mesh hops, pJ: the sender's buffer read, the flits over every hop,
   * the receiver's buffer write (the ledger's send and recv). Not part of {@link Cost#energyPj()}.
   */
  public static double transferPj(Chip chip, BufferSpec from, BufferSpec to, long bytes, long hops) {
    return from.accesses(bytes) * from.readEnergy().pj() + to.accesses(bytes) * to.writeEnergy().pj()
        + chip.mesh().flits(bytes) * hops * chip.mesh().hopEnergy().pj();
  }
}
