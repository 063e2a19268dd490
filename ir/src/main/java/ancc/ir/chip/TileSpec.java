package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.program.TileKind;

/** The specification of one kind of tile: every tile of a {@link TileGroup} is alike. */
public sealed interface TileSpec permits MemristorTile, SramTile, DigitalTile {
  TileKind kind();

  /** The tile's local buffer. */
  BufferSpec buffer();

  /** Static (leakage) power of one tile. */
  Power leakage();

  /** Area of one tile: the sum of its components' areas. */
  Area area();

  /** Arrays (memristor crossbars or SRAM macros) in one tile; 0 for digital tiles. */
  int arraysPerTile();
}
