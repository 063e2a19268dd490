package ancc.ir.program;

import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A crossbar mapping program: what the compiler emits and the only thing the simulator runs.
 * It names its target chip (name and SHA-256 of the chip description's canonical text), the
 * graph inputs and outputs it exchanges with the host, program constants (per-channel scales,
 * biases, weights of digitally computed layers), the array images, the buffers, and one
 * instruction stream per used tile.
 */
public record Program(String name, String chipName, String chipHash, List<Value> inputs, List<Value> outputs,
    Map<String, Tensor> constants, List<ArrayImage> arrays, List<Buffer> buffers, List<TileProgram> tiles) {

  public Program {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chipName, "chipName");
    Objects.requireNonNull(chipHash, "chipHash");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    arrays = List.copyOf(arrays);
    buffers = NamedBuffers.of(buffers);
    tiles = List.copyOf(tiles);
  }

  /** The array with the given id, or null. */
  public ArrayImage array(long id) {
    if (id >= 0 && id < arrays.size() && arrays.get((int) id).id() == id) {
      return arrays.get((int) id); // lowering numbers arrays 0, 1, ... in order
    }
    for (ArrayImage a : arrays) {
      if (a.id() == id) {
        return a;
      }
    }
    return null;
  }

  /** The buffer with the given name, or null. */
  public Buffer buffer(String bufferName) {
    return ((NamedBuffers) buffers).named(bufferName);
  }
}
