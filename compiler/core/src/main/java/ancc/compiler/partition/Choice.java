package ancc.compiler.partition;

import ancc.ir.program.TileKind;

/**
 * One way to place a unit: the tile kind (null for a kernel-granular layer whose channel groups
 * go to several kinds), the backends' energy estimate per inference (pJ, batch 1), the crossbars
 * and SRAM macros it occupies, and its predicted drop (summed top-1 disagreement, a fraction; 0 on
 * digital tiles).
 */
public record Choice(TileKind kind, double energyPj, long memristorArrays, long sramArrays, double drop) {

  /** A choice on one kind occupying {@code arrays} arrays of that kind. */
  public static Choice of(TileKind kind, double energyPj, long arrays, double drop) {
    return new Choice(kind, energyPj, kind == TileKind.MEMRISTOR ? arrays : 0, kind == TileKind.SRAM ? arrays : 0,
        drop);
  }

  /** Arrays of {@code k} occupied. */
  public long arrays(TileKind k) {
    return k == TileKind.MEMRISTOR ? memristorArrays : k == TileKind.SRAM ? sramArrays : 0;
  }

  /** Arrays of the choice's own kind (0 for digital and mixed choices). */
  public long arrays() {
    return kind == null ? memristorArrays + sramArrays : arrays(kind);
  }
}
