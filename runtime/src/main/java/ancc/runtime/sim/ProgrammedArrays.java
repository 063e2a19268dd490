package ancc.runtime.sim;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.IntFunction;

/**
 * The programmed arrays of one simulation, least recently used first. Their cells take a float
 * each, and kernels add row copies and bit-plane tables to them as they read; for an ImageNet
 * network on its scaled chip that is more than the heap holds (ViT-B/16: 345 M cells). So arrays
 * beyond {@link #BUDGET} floats are dropped, least recently used first, and programmed again when
 * next read: programming is seeded per array id, so a reprogrammed array has the same cells to
 * the bit. Within one inference most arrays are read by one instruction.
 */
final class ProgrammedArrays {
  /** Floats the programmed arrays may hold: a quarter of the heap's limit. */
  private static final long BUDGET = Runtime.getRuntime().maxMemory() / 4 / Float.BYTES;

  private final LinkedHashMap<Integer, ProgrammedArray> arrays = new LinkedHashMap<>(16, 0.75f, true);

  /** Array {@code id}, programmed by {@code program} when it is not held. */
  ProgrammedArray get(int id, IntFunction<ProgrammedArray> program) {
    ProgrammedArray a = arrays.get(id);
    if (a != null) {
      return a;
    }
    a = program.apply(id);
    long held = a.footprintFloats();
    for (ProgrammedArray p : arrays.values()) {
      held += p.footprintFloats(); // what each holds now, tables built since included
    }
    Iterator<ProgrammedArray> it = arrays.values().iterator();
    while (held > BUDGET && it.hasNext()) {
      held -= it.next().footprintFloats();
      it.remove();
    }
    arrays.put(id, a);
    return a;
  }
}
