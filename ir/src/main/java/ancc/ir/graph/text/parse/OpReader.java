package ancc.ir.graph.text.parse;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.text.OpSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds an {@link Op} from its name and attribute dictionary through {@link OpSchema}: a known
 * op name, every attribute of the schema exactly once and no other, each value of its type.
 */
public final class OpReader {
  private final SourceErrors errors;
  private final Numbers numbers;

  public OpReader(SourceErrors errors, Numbers numbers) {
    this.errors = errors;
    this.numbers = numbers;
  }

  public Op read(OpSyntax op) {
    String name = op.name();
    OpSchema schema = OpSchema.forName(name)
        .orElseThrow(() -> errors.at(op.namePos(), "unknown op '" + name + "'"));
    Map<String, OpSyntax.Attr> given = new HashMap<>();
    for (OpSyntax.Attr a : op.attrs()) {
      if (schema.attributes().stream().noneMatch(s -> s.name().equals(a.name()))) {
        throw errors.at(a.pos(), name + ": unknown attribute '" + a.name() + "'" + expected(schema));
      }
      if (given.put(a.name(), a) != null) {
        throw errors.at(a.pos(), name + ": duplicate attribute '" + a.name() + "'");
      }
    }
    List<Object> values = new ArrayList<>();
    for (OpSchema.Attribute s : schema.attributes()) {
      OpSyntax.Attr a = given.get(s.name());
      if (a == null) {
        throw errors.at(op.dictPos() == null ? op.namePos() : op.dictPos(),
            name + ": missing attribute '" + s.name() + "'");
      }
      values.add(value(s, a.value(), name + ": attribute " + s.name()));
    }
    try {
      return schema.create(values);
    } catch (RuntimeException e) {
      throw errors.at(op.namePos(), name + ": invalid attributes: " + e.getMessage());
    }
  }

  private static String expected(OpSchema schema) {
    if (schema.attributes().isEmpty()) {
      return " (" + schema.opName() + " has no attributes)";
    }
    return " (expected " + schema.attributes().stream().map(OpSchema.Attribute::name)
        .collect(Collectors.joining(", ")) + ")";
  }

  private Object value(OpSchema.Attribute s, AttrValue v, String what) {
    return switch (s.kind()) {
      case LONG -> integer(v, what);
      case FLOAT -> {
        if (v instanceof AttrValue.Num n) {
          yield numbers.floatOf(n.number(), what);
        }
        throw wrongType(v, what, "a number");
      }
      case BOOL -> {
        if (v instanceof AttrValue.Word w && (w.text().equals("true") || w.text().equals("false"))) {
          yield Boolean.valueOf(w.text());
        }
        throw wrongType(v, what, "true or false");
      }
      case DTYPE -> word(v, what, DType.values(), "an element type (", ")");
      case ENUM -> word(v, what, s.enumType().getEnumConstants(), "one of ", "");
      case LONG_LIST -> {
        if (v instanceof AttrValue.Items l) {
          List<Long> out = new ArrayList<>();
          for (AttrValue e : l.items()) {
            out.add(integer(e, what + " element " + out.size()));
          }
          yield List.copyOf(out);
        }
        throw wrongType(v, what, "a list of integers like [1, 2]");
      }
    };
  }

  /** The enum constant printed as the word {@code v}; else an error listing how each is printed. */
  private Object word(AttrValue v, String what, Object[] choices, String listPrefix, String listSuffix) {
    if (v instanceof AttrValue.Word w) {
      for (Object c : choices) {
        if (OpSchema.formatValue(c).equals(w.text())) {
          return c;
        }
      }
    }
    throw wrongType(v, what, listPrefix + Arrays.stream(choices).map(OpSchema::formatValue)
        .collect(Collectors.joining(", ")) + listSuffix);
  }

  private Long integer(AttrValue v, String what) {
    if (v instanceof AttrValue.Num n && n.number().integer()) {
      return numbers.longOf(n.number(), what);
    }
    throw wrongType(v, what, "an integer");
  }

  private RuntimeException wrongType(AttrValue v, String what, String expected) {
    return errors.at(v.pos(), what + " expects " + expected + ", got " + v.text());
  }
}
