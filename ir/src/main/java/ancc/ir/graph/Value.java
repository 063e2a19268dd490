package ancc.ir.graph;

import java.util.Objects;

/**
 * An SSA value: defined exactly once (graph input, constant, or node output), named, typed.
 * Names are unique within a module; equality is by name and type.
 */
public record Value(String name, TensorType type) {
  public Value {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty value name");
    }
  }

  @Override
  public String toString() {
    return "%" + name + " : " + type;
  }
}
