package ancc.ir.program;

import ancc.ir.graph.TensorType;
import java.util.Objects;

/**
 * A named region of one tile's local buffer holding one tensor (dims may be symbolic, e.g. the
 * batch N). Instructions name buffers; a buffer lives on exactly one tile.
 */
public record Buffer(String name, int tile, TensorType type) {
  public Buffer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
