package ancc.backends.place;

import ancc.ir.chip.Chip;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import ancc.runtime.sim.timing.RowStreams;
import ancc.runtime.sim.timing.Shapes;
import ancc.runtime.sim.timing.StageModel;
import ancc.runtime.sim.timing.Widths;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes each buffer of a program holds for one inference on a chip, keyed {@code "<tile>/<name>"}
 * (docs/mapping.md, "Buffer allocation"). Elements are counted with the batch fixed to 1 whether
 * the program writes it {@code N} or fixes it, and a {@code ?} dimension (the N x positions rows
 * of a convolution's chain) is resolved from the instruction that writes it, so a static and a
 * symbolic batch give the same sizes. A buffer that streams by rows ({@link RowStreams}: the
 * chain of a row-tiled convolution and its line buffer) holds its slab, not the whole tensor.
 * Each element is held at the physical width the timing and energy models use ({@link Widths}:
 * input codes at the quantizer's bits, partial sums at the accumulator's width, float activations
 * at the chip's activation width); an mvm's per-column results consumed by a shift_add stay in the
 * shift-and-add registers ({@link StageModel#inRegisters}) and hold no buffer. A buffer whose size
 * the program does not determine at batch 1 counts its fixed dimensions only.
 */
final class BufferSizes {
  private final Map<String, Buffer> declared = new HashMap<>();
  private final Map<String, Long> held = new HashMap<>();
  private final Map<String, Long> whole = new HashMap<>();

  private BufferSizes(Program p, Chip chip) {
    RowStreams streams = RowStreams.of(p);
    Widths widths = new Widths(p, chip);
    StageModel model = new StageModel(p, chip, new Shapes(p, 1));
    for (Buffer b : p.buffers()) {
      String key = key(b.tile(), b.name());
      declared.put(key, b);
      long width = widths.elementBytes(b.name());
      if (!streams.sized(b.name())) {
        long bytes = Math.multiplyExact(PerSample.elements(b.type()), width);
        held.put(key, bytes);
        whole.put(key, bytes);
        continue;
      }
      whole.put(key, Math.multiplyExact(streams.elements(b.name()), width));
      held.put(key, model.inRegisters(b.name()) ? 0L : Math.multiplyExact(streams.heldElements(b.name()), width));
    }
  }

  static BufferSizes of(Program p, Chip chip) {
    return new BufferSizes(p, chip);
  }

  static String key(int tile, String name) {
    return tile + "/" + name;
  }

  /** Whether {@code name} is a buffer declared on {@code tile}. */
  boolean declared(int tile, String name) {
    return declared.containsKey(key(tile, name));
  }

  /** Bytes buffer {@code name} of {@code tile} occupies at a time (its slab when it streams); it must be declared. */
  long bytes(int tile, String name) {
    return lookup(held, tile, name);
  }

  /** Bytes of the whole of buffer {@code name} of {@code tile} for one inference (what a send of it moves). */
  long wholeBytes(int tile, String name) {
    return lookup(whole, tile, name);
  }

  private static long lookup(Map<String, Long> m, int tile, String name) {
    Long b = m.get(key(tile, name));
    if (b == null) {
      throw new IllegalStateException("buffer " + name + " is not declared on tile " + tile);
    }
    return b;
  }
}
