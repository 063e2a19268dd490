package ancc.backends;

import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What lowering one node adds to the program: array images (with their tile and slot from the
 * context's allocator), program constants, buffers, instructions per tile (appended to each
 * tile's stream in order), and where the node's outputs (and any copies of inputs it fetched
 * to other tiles) now live.
 */
public record Fragment(List<ArrayImage> arrays, Map<String, Tensor> constants, List<Buffer> buffers,
    Map<Integer, List<Instr>> instrs, List<Located> locations) {

  /** Value v is held in buffer {@code buffer} of tile {@code tile}. */
  public record Located(Value value, int tile, String buffer) {}

  public Fragment {
    arrays = List.copyOf(arrays);
    constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    buffers = List.copyOf(buffers);
    Map<Integer, List<Instr>> copy = new LinkedHashMap<>();
    instrs.forEach((t, l) -> copy.put(t, List.copyOf(l)));
    instrs = Collections.unmodifiableMap(copy);
    locations = List.copyOf(locations);
  }

  /** Instructions in all tiles. */
  public int instructionCount() {
    return instrs.values().stream().mapToInt(List::size).sum();
  }
}
