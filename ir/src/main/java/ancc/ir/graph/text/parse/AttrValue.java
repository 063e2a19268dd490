package ancc.ir.graph.text.parse;

import java.util.List;
import java.util.stream.Collectors;

/** An op attribute value as written: a number, a word or a bracketed list of values. */
public sealed interface AttrValue permits AttrValue.Num, AttrValue.Word, AttrValue.Items {
  Pos pos();

  /** The value's tokens without white space, as quoted in messages ({@code [1,2]}). */
  String text();

  record Num(NumberText number) implements AttrValue {
    @Override
    public Pos pos() {
      return number.pos();
    }

    @Override
    public String text() {
      return number.text();
    }
  }

  record Word(Pos pos, String text) implements AttrValue {}

  record Items(Pos pos, List<AttrValue> items) implements AttrValue {
    public Items {
      items = List.copyOf(items);
    }

    @Override
    public String text() {
      return items.stream().map(AttrValue::text).collect(Collectors.joining(",", "[", "]"));
    }
  }
}
