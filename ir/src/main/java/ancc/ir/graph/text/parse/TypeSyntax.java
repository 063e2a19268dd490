package ancc.ir.graph.text.parse;

import java.util.List;

/** A tensor type as written: {@code f32[2, n, "a b", ?]}; {@code pos} is where it starts. */
public record TypeSyntax(Pos pos, String dtype, List<DimText> dims) {
  public TypeSyntax {
    dims = List.copyOf(dims);
  }

  /** One dimension: a size, a symbol (quotes already resolved) or {@code ?}. */
  public sealed interface DimText permits Size, Symbol, Unknown {}

  public record Size(NumberText size) implements DimText {}

  public record Symbol(String name) implements DimText {}

  public record Unknown() implements DimText {}
}
