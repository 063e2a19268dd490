package ancc.ir.program;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The contents of one physical crossbar (memristor tile) or macro (SRAM tile): its place on the
 * chip, the layout of the weight block it holds, and its cells as a [rows, cols] tensor:
 * target conductance levels (integers 0 .. levels-1, i64) for memristor arrays, bits (0/1, i64)
 * for SRAM macros. Cells outside the layout are 0 (lowest conductance). Conductance in siemens
 * is Gmin + level * (Gmax - Gmin) / (levels - 1) with the chip's cell parameters.
 *
 * <p>An image keeps its cells in a byte each when they are levels 0 .. 255 (every preset's are),
 * else in a long each, so a compiled
 * ImageNet network's arrays take a byte per cell in memory rather than an i64's eight.
 * {@link #cells} returns them as the i64 tensor of the program format, made on each call: read it
 * once per use.
 */
public final class ArrayImage {
  /** The cell element type used in images. */
  public static final DType CELL_TYPE = DType.I64;

  private final int id;
  private final TileKind kind;
  private final int tile;
  private final int slot;
  private final ArrayLayout layout;
  private final int rows;
  private final int cols;
  private final byte[] bytes; // levels 0 .. 255, else null
  private final long[] longs; // any other levels, else null

  public ArrayImage(int id, TileKind kind, int tile, int slot, ArrayLayout layout, Tensor cells) {
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
    this.id = id;
    this.kind = kind;
    this.tile = tile;
    this.slot = slot;
    this.layout = layout;
    this.rows = (int) cells.dim(0);
    this.cols = (int) cells.dim(1);
    long[] v = cells.longs();
    long lo = 0;
    long hi = 0;
    for (long x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    if (lo >= 0 && hi <= 0xFF) {
      byte[] b = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        b[i] = (byte) v[i];
      }
      this.bytes = b;
      this.longs = null;
    } else {
      this.bytes = null;
      this.longs = v.clone();
    }
  }

  private ArrayImage(ArrayImage from, int id, int tile, int slot) {
    this.id = id;
    this.kind = from.kind;
    this.tile = tile;
    this.slot = slot;
    this.layout = from.layout;
    this.rows = from.rows;
    this.cols = from.cols;
    this.bytes = from.bytes;
    this.longs = from.longs;
  }

  /**
   * This image's content as array {@code id} in slot {@code slot} of tile {@code tile}, sharing
   * the cells (an image never changes them): lowering computes an array's content once and places
   * it wherever a round puts it.
   */
  public ArrayImage placed(int id, int tile, int slot) {
    return new ArrayImage(this, id, tile, slot);
  }

  /** Whether this image and {@code other} hold the very same cell storage (one was {@link #placed} from the other). */
  public boolean sharesCells(ArrayImage other) {
    return bytes != null ? bytes == other.bytes : longs == other.longs;
  }

  public int id() {
    return id;
  }

  public TileKind kind() {
    return kind;
  }

  public int tile() {
    return tile;
  }

  public int slot() {
    return slot;
  }

  public ArrayLayout layout() {
    return layout;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Cell {@code i} (row-major) of the image. */
  public long level(int i) {
    return bytes != null ? bytes[i] & 0xFF : longs[i];
  }

  /** The cells as a new [rows, cols] i64 tensor. */
  public Tensor cells() {
    long[] v = new long[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = level(i);
    }
    return Tensor.ofLongs(CELL_TYPE, new long[] {rows, cols}, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayImage a && id == a.id && kind == a.kind && tile == a.tile && slot == a.slot
        && rows == a.rows && cols == a.cols && layout.equals(a.layout) && sameCells(a);
  }

  private boolean sameCells(ArrayImage a) {
    // the storage follows from the values, so equal cells are stored alike
    return bytes != null ? Arrays.equals(bytes, a.bytes) : Arrays.equals(longs, a.longs);
  }

  @Override
  public int hashCode() {
    long h = Objects.hash(id, kind, tile, slot, layout, rows, cols);
    for (int i = 0; i < rows * cols; i++) {
      h = 31 * h + level(i);
    }
    return Long.hashCode(h);
  }

  @Override
  public String toString() {
    return "ArrayImage[id=" + id + ", kind=" + kind + ", tile=" + tile + ", slot=" + slot + ", layout=" + layout
        + ", cells=" + rows + "x" + cols + "]";
  }
}
