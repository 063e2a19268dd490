package ancc.ir.chip;

import ancc.ir.program.TileKind;
import java.util.Objects;

/** {@code count} identical tiles of one specification. */
public record TileGroup(int count, TileSpec spec) {
  public TileGroup {
    Objects.requireNonNull(spec, "spec");
  }

  public TileKind kind() {
    return spec.kind();
  }

  /** Arrays (crossbars or macros) in the whole group. */
  public long arrays() {
    return (long) count * spec.arraysPerTile();
  }
}
