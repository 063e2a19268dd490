package ancc.ir.graph.text.parse;

import java.util.List;

/** A tensor initializer as written; {@code pos} is where it starts. */
public sealed interface InitSyntax permits InitSyntax.Dense, InitSyntax.Blob, InitSyntax.Elided {
  Pos pos();

  /** {@code dense<...>}: the elements inline. */
  record Dense(Pos pos, List<NumberText> numbers) implements InitSyntax {
    public Dense {
      numbers = List.copyOf(numbers);
    }
  }

  /** {@code blob<offset, count>} or {@code blob_u8<offset, count>}: the elements in the sidecar. */
  record Blob(Pos pos, boolean bytes, NumberText offset, NumberText count) implements InitSyntax {
    /** The keyword: {@code blob_u8} for one unsigned byte an element, else {@code blob}. */
    public String form() {
      return bytes ? "blob_u8" : "blob";
    }
  }

  /** {@code dense_elided<n>}: a display-only form that cannot be read back. */
  record Elided(Pos pos) implements InitSyntax {}
}
