package ancc.backends.place;

import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes each buffer of a program holds at batch 1, keyed {@code "<tile>/<name>"}: its element
 * type's size times its elements, except integer input codes (written by {@code quantize}, and
 * their copies sent to other tiles), which the hardware holds at the quantizer's width of
 * ceil(bits / 8) bytes, not as the i64 the program text types them with.
 */
final class BufferSizes {
  private final Map<String, Buffer> declared = new HashMap<>();
  private final Map<String, Long> bytes = new HashMap<>();

  private BufferSizes(Program p) {
    for (Buffer b : p.buffers()) {
      String key = key(b.tile(), b.name());
      declared.put(key, b);
      bytes.put(key, PerSample.bytes(b.type()));
    }
    for (TileProgram t : p.tiles()) {
      for (Instr i : t.instrs()) {
        if (i instanceof Instr.Quantize q && declared.containsKey(key(t.tile(), q.dst()))) {
          long n = PerSample.elements(declared.get(key(t.tile(), q.dst())).type());
          bytes.put(key(t.tile(), q.dst()), n * ((q.bits() + 7) / 8));
        }
      }
    }
    for (TileProgram t : p.tiles()) {
      for (Instr i : t.instrs()) {
        if (i instanceof Instr.Send s && bytes.containsKey(key(t.tile(), s.src()))
            && declared.containsKey(key(s.toTile(), s.dst()))) {
          bytes.put(key(s.toTile(), s.dst()), bytes.get(key(t.tile(), s.src())));
        }
      }
    }
  }

  static BufferSizes of(Program p) {
    return new BufferSizes(p);
  }

  static String key(int tile, String name) {
    return tile + "/" + name;
  }

  /** Whether {@code name} is a buffer declared on {@code tile}. */
  boolean declared(int tile, String name) {
    return declared.containsKey(key(tile, name));
  }

  /** Bytes of buffer {@code name} of {@code tile}; the buffer must be declared. */
  long bytes(int tile, String name) {
    Long b = bytes.get(key(tile, name));
    if (b == null) {
      throw new IllegalStateException("buffer " + name + " is not declared on tile " + tile);
    }
    return b;
  }
}
