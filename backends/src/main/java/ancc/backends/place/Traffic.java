package ancc.backends.place;

import ancc.ir.chip.Chip;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;

/**
 * Hop-weighted mesh traffic of a program: for every {@code send}, the bytes of the buffer sent
 * (the whole buffer at batch 1, sized as {@link BufferSizes} says) times the hops of its route. This is what
 * mesh placement minimizes: the same model placed with producers and consumers closer has less.
 */
public final class Traffic {
  private Traffic() {}

  /** Sum over all sends of bytes x hops, per inference (batch 1). */
  public static long hopBytes(Program p, Chip chip) {
    BufferSizes sizes = BufferSizes.of(p, chip);
    long total = 0;
    for (TileProgram t : p.tiles()) {
      for (Instr i : t.instrs()) {
        if (i instanceof Instr.Send s) {
          long hops = s.route().size() - 1;
          total = Math.addExact(total, Math.multiplyExact(sizes.wholeBytes(t.tile(), s.src()), hops));
        }
      }
    }
    return total;
  }
}
