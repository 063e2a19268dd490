package ancc.ir.graph.text.parse;

import java.util.List;

/**
 * An op as written: its name and {@code {attr = value, ...}} dictionary. {@code dictPos} is where
 * the dictionary starts, null when there is none.
 */
public record OpSyntax(Pos namePos, String name, Pos dictPos, List<Attr> attrs) {
  public OpSyntax {
    attrs = List.copyOf(attrs);
  }

  /** One {@code name = value} entry; {@code pos} is where its name starts. */
  public record Attr(Pos pos, String name, AttrValue value) {}
}
