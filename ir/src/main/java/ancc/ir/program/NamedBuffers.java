package ancc.ir.program;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The immutable buffer list of a {@link Program}, indexed by name so {@link Program#buffer} is a
 * lookup, not a scan (the timing model and buffer allocation look a buffer up per instruction).
 * The first buffer of a name wins, as a scan in order would find it.
 */
final class NamedBuffers extends AbstractList<Buffer> implements RandomAccess {
  private final List<Buffer> list;
  private final Map<String, Buffer> byName;

  private NamedBuffers(List<Buffer> buffers) {
    list = List.copyOf(buffers);
    byName = new HashMap<>(list.size() * 2);
    for (Buffer b : list) {
      byName.putIfAbsent(b.name(), b);
    }
  }

  static NamedBuffers of(List<Buffer> buffers) {
    return buffers instanceof NamedBuffers n ? n : new NamedBuffers(buffers);
  }

  /** The first buffer named {@code name}, or null. */
  Buffer named(String name) {
    return byName.get(name);
  }

  @Override
  public Buffer get(int index) {
    return list.get(index);
  }

  @Override
  public int size() {
    return list.size();
  }
}
