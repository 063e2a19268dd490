package ancc.ir.chip.file;

import ancc.ir.chip.DigitalTile;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.chip.TileGroup;

/** A digital tile group ({@code kind: digital}): {@link DigitalTile}. */
record DigitalFile(
    @Required @Range(min = 1, max = TileFile.MAX_COUNT) int count,
    @Required @Range(min = 1, max = TileFile.MAX_COUNT) int macUnits,
    @Required @Range(min = 1, max = TileFile.MAX_DIM) int vectorWidth,
    @Required DigitalTile.Precision precision,
    @Required CostFile mac,
    @Required CostFile vector,
    @Required Buffer buffer,
    @Required Power leakage) implements TileFile {

  @Override
  public TileGroup toGroup() {
    return new TileGroup(count, new DigitalTile(macUnits, vectorWidth, precision, mac.cost(), vector.cost(),
        buffer.toSpec(), leakage));
  }
}
