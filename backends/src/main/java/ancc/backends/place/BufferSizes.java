package ancc.backends.place;

import ancc.ir.chip.Chip;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
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
 * at the chip's activation width). Views and registers hold nothing, as the timing and energy
 * models count them ({@link #heldElements}). A buffer whose size
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
    Map<String, Instr.Quantize> quantizes = new HashMap<>();
    for (TileProgram t : p.tiles()) {
      for (Instr i : t.instrs()) {
        if (i instanceof Instr.Quantize q) {
          quantizes.putIfAbsent(q.dst(), q);
        }
      }
    }
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
      held.put(key, Math.multiplyExact(heldElements(quantizes, streams, model, b.name()), width));
    }
  }

  /**
   * Elements buffer {@code name} holds at a time: none for an im2col matrix (a view: the DACs read
   * the windows from the source) and for partial sums kept in the shift-and-add registers; the
   * codes of an im2col matrix's quantize are one per element of the im2col's source as held (the
   * quantizer converts each source element once, as the timing and energy models count it);
   * otherwise the buffer's slab or whole ({@link RowStreams#heldElements}).
   */
  private static long heldElements(Map<String, Instr.Quantize> quantizes, RowStreams streams, StageModel model,
      String name) {
    if (model.im2colOf(name) != null || model.inRegisters(name)) {
      return 0;
    }
    Instr.Quantize q = quantizes.get(name);
    Instr.Im2col unrolled = q == null ? null : model.im2colOf(q.src());
    if (unrolled != null && streams.sized(unrolled.src())) {
      return streams.heldElements(unrolled.src());
    }
    return streams.heldElements(name);
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
