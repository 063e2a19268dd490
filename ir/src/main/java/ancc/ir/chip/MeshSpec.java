package ancc.ir.chip;

import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import java.util.Objects;

/**
 * The 2-D mesh network: {@code rows x cols} router positions, one tile each; tiles are numbered
 * row-major in the order of the chip's tile groups. A flit is {@code linkWidthBits} wide; moving
 * one flit over one hop (router + link) costs {@code hopLatency} and {@code hopEnergy}.
 * Routing is dimension-ordered (XY), so a transfer takes the Manhattan distance in hops.
 */
public record MeshSpec(int rows, int cols, int linkWidthBits, Time hopLatency, Energy hopEnergy) {
  public MeshSpec {
    Objects.requireNonNull(hopLatency, "hopLatency");
    Objects.requireNonNull(hopEnergy, "hopEnergy");
  }

  public int positions() {
    return rows * cols;
  }

  /** Mesh row of tile {@code tile}. */
  public int row(int tile) {
    return tile / cols;
  }

  /** Mesh column of tile {@code tile}. */
  public int col(int tile) {
    return tile % cols;
  }

  /** Hops between two tiles under XY routing. */
  public int hops(int fromTile, int toTile) {
    return Math.abs(row(fromTile) - row(toTile)) + Math.abs(col(fromTile) - col(toTile));
  }

  /** Flits needed to carry {@code bytes} bytes. */
  public long flits(long bytes) {
    long bits = bytes * 8;
    return (bits + linkWidthBits - 1) / linkWidthBits;
  }
}
