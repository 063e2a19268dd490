package ancc.ir.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A graph IR module: named graph inputs, constant tensors (weights), nodes in topological
 * order, and graph outputs. Immutable; passes build new modules with {@link #toBuilder()}.
 */
public final class Module {
  private final String name;
  private final List<Value> inputs;
  private final Map<Value, Tensor> constants;
  private final List<Node> nodes;
  private final List<Value> outputs;

  private Module(String name, List<Value> inputs, Map<Value, Tensor> constants, List<Node> nodes,
      List<Value> outputs) {
    this.name = Objects.requireNonNull(name);
    this.inputs = List.copyOf(inputs);
    this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    this.nodes = List.copyOf(nodes);
    this.outputs = List.copyOf(outputs);
  }

  public String name() {
    return name;
  }

  public List<Value> inputs() {
    return inputs;
  }

  /** Constants in declaration order. */
  public Map<Value, Tensor> constants() {
    return constants;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public List<Value> outputs() {
    return outputs;
  }

  /** The constant tensor bound to v, or null if v is not a constant. */
  public Tensor constant(Value v) {
    return v == null ? null : constants.get(v);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.inputs.addAll(inputs);
    b.constants.putAll(constants);
    b.nodes.addAll(nodes);
    b.outputs.addAll(outputs);
    return b;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Mutable builder; {@link #build()} does not verify (run {@code Verifier} for that). */
  public static final class Builder {
    private String name;
    private final List<Value> inputs = new ArrayList<>();
    private final Map<Value, Tensor> constants = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Value> outputs = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder name(String n) {
      this.name = n;
      return this;
    }

    public Builder input(Value v) {
      inputs.add(v);
      return this;
    }

    public Builder constant(Value v, Tensor t) {
      constants.put(v, t);
      return this;
    }

    public Builder node(Node n) {
      nodes.add(n);
      return this;
    }

    public Builder output(Value v) {
      outputs.add(v);
      return this;
    }

    public List<Value> inputs() {
      return inputs;
    }

    public Map<Value, Tensor> constants() {
      return constants;
    }

    public List<Node> nodes() {
      return nodes;
    }

    public List<Value> outputs() {
      return outputs;
    }

    public Module build() {
      return new Module(name, inputs, constants, nodes, outputs);
    }
  }
}
