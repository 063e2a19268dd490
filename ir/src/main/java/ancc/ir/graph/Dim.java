package ancc.ir.graph;

/** One dimension of a tensor shape: a fixed size, a named symbol such as the batch {@code N}, or unknown. */
public sealed interface Dim permits Dim.Fixed, Dim.Sym, Dim.Unknown {

  record Fixed(long size) implements Dim {
    public Fixed {
      if (size < 0) {
        throw new IllegalArgumentException("negative dimension " + size);
      }
    }

    @Override
    public String toString() {
      return Long.toString(size);
    }
  }

  /** A symbolic size shared by every dimension with the same name. */
  record Sym(String name) implements Dim {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A size not known at compile time and not tied to any other dimension. */
  record Unknown() implements Dim {
    @Override
    public String toString() {
      return "?";
    }
  }

  Unknown UNKNOWN = new Unknown();

  static Dim of(long size) {
    return new Fixed(size);
  }

  static Dim sym(String name) {
    return new Sym(name);
  }

  default boolean isFixed() {
    return this instanceof Fixed;
  }

  /** The fixed size; throws if this dimension is not fixed. */
  default long size() {
    if (this instanceof Fixed f) {
      return f.size();
    }
    throw new IllegalStateException("dimension " + this + " is not fixed");
  }
}
