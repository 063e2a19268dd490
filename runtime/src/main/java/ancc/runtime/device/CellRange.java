package ancc.runtime.device;

import ancc.ir.chip.MemristorTile;

/**
 * The conductance scale of a memristor cell: level {@code k} is conductance {@code gMin + k *
 * step}, {@code step = (gMax - gMin) / (levels - 1)}. Device models work on the FRACTION {@code G /
 * gMax} (0 = no conductance, 1 = gMax) and the simulator on LEVEL UNITS {@code (G - gMin) / step}
 * (see {@link ArrayPhysics}); this class converts between the two.
 *
 * @param gMin lowest programmable conductance, siemens
 * @param gMax highest programmable conductance, siemens
 * @param levels programmable levels, >= 2
 * @param devices devices in parallel forming one cell (they drift independently)
 */
public record CellRange(double gMin, double gMax, int levels, int devices) {

  public CellRange {
    if (!(gMax > gMin) || gMin < 0 || levels < 2 || devices < 1) {
      throw new IllegalArgumentException("invalid cell range: g_min " + gMin + " S, g_max " + gMax + " S, levels "
          + levels + ", devices " + devices);
    }
  }

  public static CellRange of(MemristorTile tile) {
    MemristorTile.Cell c = tile.cell();
    return new CellRange(c.gMin().siemens(), c.gMax().siemens(), c.levels(), c.devicesPerCell());
  }

  /** Conductance between adjacent levels, siemens. */
  public double step() {
    return (gMax - gMin) / (levels - 1);
  }

  /** Highest level, {@code levels - 1}. */
  public int maxLevel() {
    return levels - 1;
  }

  /** Fraction G / gMax of level {@code level}. */
  public double fraction(double level) {
    return (gMin + level * step()) / gMax;
  }

  /** Level units of a cell at fraction {@code f} = G / gMax. */
  public double level(double f) {
    return (f * gMax - gMin) / step();
  }

  /** Converts a standard deviation given as a fraction of gMax to level units. */
  public double sigmaInLevels(double sigmaFraction) {
    return sigmaFraction * gMax / step();
  }
}
