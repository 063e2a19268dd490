package ancc.ir.program;

import ancc.ir.graph.TensorType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named buffer of one tile holding one tensor (dims may be symbolic, e.g. the batch N).
 * Instructions name buffers; a buffer belongs to exactly one tile, whose instructions alone read
 * and write it. It lives in the tile's local buffer unless it was spilled ({@link Space}): then it
 * lives in the chip's global buffer or in off-chip DRAM, and the tile's instructions reach it there
 * (docs/isa.md, "Buffers and memory spaces").
 */
public record Buffer(String name, int tile, TensorType type, Space space) {
  /** Where a buffer lives; written {@code in global} or {@code in dram} after the tile (local is not written). */
  public enum Space {
    /** The tile's local buffer. */
    LOCAL,
    /** The chip's global buffer ({@code global_buffer} in the chip file). */
    GLOBAL,
    /** Off-chip DRAM ({@code dram} in the chip file). */
    DRAM;

    /** The word of the program text: {@code local}, {@code global}, {@code dram}. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The space named {@code s}; an unknown name is an {@link IllegalArgumentException} listing the names. */
    public static Space fromText(String s) {
      for (Space v : values()) {
        if (v.text().equals(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException("unknown memory space '" + s + "' (expected one of: "
          + Arrays.stream(values()).map(Space::text).collect(Collectors.joining(", ")) + ")");
    }
  }

  public Buffer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(space, "space");
  }

  /** A buffer in the tile's local buffer. */
  public Buffer(String name, int tile, TensorType type) {
    this(name, tile, type, Space.LOCAL);
  }

  /** This buffer moved to {@code to}. */
  public Buffer in(Space to) {
    return new Buffer(name, tile, type, to);
  }

  /** Whether the buffer lives outside its tile (global buffer or DRAM). */
  public boolean spilled() {
    return space != Space.LOCAL;
  }
}
