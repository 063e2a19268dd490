package ancc.ir.graph.shape;

import ancc.ir.graph.Dim;

/**
 * One element of a small integer tensor as far as it is known at compile time: a constant, a
 * named symbol (such as the batch size {@code N} read by a Shape op), or unknown. Used by
 * {@link ShapeValues} to follow exporter shape computations (Shape, Gather, Concat, ...).
 */
public record SymInt(long value, String symbol, boolean known) {
  public static final SymInt UNKNOWN = new SymInt(0, null, false);

  public static SymInt of(long v) {
    return new SymInt(v, null, true);
  }

  public static SymInt sym(String name) {
    return new SymInt(0, name, false);
  }

  /** The element for a dimension: fixed dims are constants, symbols stay symbols. */
  public static SymInt ofDim(Dim d) {
    if (d instanceof Dim.Fixed f) {
      return of(f.size());
    }
    if (d instanceof Dim.Sym s) {
      return sym(s.name());
    }
    return UNKNOWN;
  }

  public boolean isConst() {
    return known;
  }

  public boolean isSym() {
    return symbol != null;
  }

  /** As a dimension: a non-negative constant is fixed, a symbol symbolic, anything else unknown. */
  public Dim toDim() {
    if (known && value >= 0) {
      return Dim.of(value);
    }
    return symbol != null ? Dim.sym(symbol) : Dim.UNKNOWN;
  }

  @Override
  public String toString() {
    return known ? Long.toString(value) : symbol != null ? symbol : "?";
  }
}
