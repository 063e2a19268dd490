package ancc.ir.graph;

import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Objects;

/**
 * Where a node runs: on one tile kind, or split by output channels across several kinds
 * (kernel-granular partitioning). Text form: {@code place(memristor)} or
 * {@code place(memristor[0:48], sram[48:64])}.
 */
public record Placement(List<Part> parts) {

  /** Output channels [from, to) of the node on tiles of {@code kind}; to = {@link #ALL} means every channel. */
  public record Part(TileKind kind, long from, long to) {
    public Part {
      Objects.requireNonNull(kind, "kind");
      if (from < 0 || (to != ALL && to <= from)) {
        throw new IllegalArgumentException("invalid channel range " + from + ":" + to);
      }
    }

    public boolean whole() {
      return from == 0 && to == ALL;
    }
  }

  /** Marks a part that covers every output channel. */
  public static final long ALL = -1;

  public Placement {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a placement needs at least one part");
    }
    if (parts.size() > 1) {
      long next = 0;
      for (Part p : parts) {
        if (p.whole() || p.from() != next) {
          throw new IllegalArgumentException("split placement parts must cover consecutive channel ranges from 0");
        }
        next = p.to();
      }
    }
  }

  /** The whole node on one tile kind. */
  public static Placement on(TileKind kind) {
    return new Placement(List.of(new Part(kind, 0, ALL)));
  }

  /** The tile kind when the whole node is on one kind, else null. */
  public TileKind single() {
    return parts.size() == 1 && parts.get(0).whole() ? parts.get(0).kind() : null;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("place(");
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      b.append(i > 0 ? ", " : "").append(p.kind().text());
      if (!p.whole()) {
        b.append('[').append(p.from()).append(':').append(p.to()).append(']');
      }
    }
    return b.append(')').toString();
  }
}
