package ancc.ir.program;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.Objects;

/**
 * The contents of one physical crossbar (memristor tile) or macro (SRAM tile): its place on the
 * chip, the layout of the weight block it holds, and its cells as a [rows, cols] tensor:
 * target conductance levels (integers 0 .. levels-1, i64) for memristor arrays, bits (0/1, i64)
 * for SRAM macros. Cells outside the layout are 0 (lowest conductance). Conductance in siemens
 * is Gmin + level * (Gmax - Gmin) / (levels - 1) with the chip's cell parameters.
 */
public record ArrayImage(int id, TileKind kind, int tile, int slot, ArrayLayout layout, Tensor cells) {
  public ArrayImage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(cells, "cells");
    if (kind == TileKind.DIGITAL) {
      throw new IllegalArgumentException("digital tiles have no arrays");
    }
    if (cells.rank() != 2 || cells.isFloating()) {
      throw new IllegalArgumentException("array #" + id + ": cells must be an integer [rows, cols] tensor");
    }
    if (layout.inCount() > cells.dim(0) || layout.columnsUsed() > cells.dim(1)) {
      throw new IllegalArgumentException("array #" + id + ": layout needs " + layout.inCount() + "x"
          + layout.columnsUsed() + " cells, array is " + cells.dim(0) + "x" + cells.dim(1));
    }
  }

  public int rows() {
    return (int) cells.dim(0);
  }

  public int cols() {
    return (int) cells.dim(1);
  }

  /** The cell element type used in images. */
  public static final DType CELL_TYPE = DType.I64;
}
