package ancc.runtime.sim.energy;

import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.Programming;
import ancc.ir.chip.TileSpec;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one-time cost of programming a program's memristor arrays (docs/energy-model.md,
 * "Programming"): every used cell (driven rows x used columns of each array) gets the chip's
 * pulses, each followed by a verify read when the tile's write-verify is enabled. Arrays of one
 * tile are programmed one after another, {@code parallel_cells} cells at a time; tiles in
 * parallel. Not part of the per-inference energy. SRAM macros' weight writes are not counted.
 *
 * @param described whether every memristor tile the program uses has a {@code programming} block
 *     (the cost of tiles without one is not counted)
 * @param writeVerify whether any counted tile uses write-verify
 * @param cells cells programmed
 * @param pulses programming pulses
 * @param verifies verify reads
 * @param energyPj energy, pJ
 * @param seconds time to program the chip (the slowest tile), s
 */
public record ProgrammingCost(boolean described, boolean writeVerify, long cells, long pulses, long verifies,
    double energyPj, double seconds) {

  /** No memristor arrays: nothing to program. */
  public static final ProgrammingCost NONE = new ProgrammingCost(true, false, 0, 0, 0, 0, 0);

  /** The programming cost of {@code p}'s memristor arrays on {@code chip}. */
  public static ProgrammingCost of(Program p, Chip chip) {
    return of(p.arrays(), chip);
  }

  /**
   * The programming cost of {@code arrays} (memristor ones; others are skipped) on {@code chip}:
   * what rewriting one layer group costs when the arrays are reprogrammed within an inference
   * ({@link ReprogramCharge}).
   */
  public static ProgrammingCost of(Collection<ArrayImage> arrays, Chip chip) {
    boolean described = true;
    boolean anyVerify = false;
    long cells = 0;
    long pulses = 0;
    long verifies = 0;
    double pj = 0;
    Map<Integer, Double> tileSeconds = new TreeMap<>();
    for (ArrayImage a : arrays) {
      if (a.kind() != TileKind.MEMRISTOR) {
        continue;
      }
      TileSpec spec = chip.groupOf(a.tile()).spec();
      if (!(spec instanceof MemristorTile m) || m.programming().isEmpty()) {
        described = false;
        continue;
      }
      Programming prog = m.programming().get();
      boolean wv = m.noise().writeVerify().enabled();
      anyVerify |= wv;
      ArrayLayout l = a.layout();
      long n = (long) l.inCount() * l.columnsUsed();
      long perCell = prog.pulsesPerCell(wv);
      cells += n;
      pulses += n * perCell;
      verifies += wv ? n * perCell : 0;
      pj += n * prog.cellPj(wv);
      long rounds = (n + prog.parallelCells() - 1) / prog.parallelCells();
      tileSeconds.merge(a.tile(), rounds * prog.roundSeconds(wv), Double::sum);
    }
    double seconds = tileSeconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return new ProgrammingCost(described, anyVerify, cells, pulses, verifies, pj, seconds);
  }
}
