package ancc.ir.graph.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds an {@link Op} from its name and attribute dictionary, checking names and value types. */
final class OpReader {
  private final SourceErrors errors;
  private final ConstantReader numbers;

  OpReader(SourceErrors errors, ConstantReader numbers) {
    this.errors = errors;
    this.numbers = numbers;
  }

  Op read(GraphIrParser.IdentContext nameCtx, GraphIrParser.AttrDictContext dict) {
    String name = nameCtx.getText();
    OpSchema schema = OpSchema.forName(name)
        .orElseThrow(() -> errors.at(nameCtx, "unknown op '" + name + "'"));
    Map<String, GraphIrParser.AttrContext> given = new HashMap<>();
    List<GraphIrParser.AttrContext> attrs = dict == null ? List.of() : dict.attr();
    for (GraphIrParser.AttrContext a : attrs) {
      String an = a.ident().getText();
      if (schema.attributes().stream().noneMatch(s -> s.name().equals(an))) {
        throw errors.at(a, name + ": unknown attribute '" + an + "'" + expected(schema));
      }
      if (given.put(an, a) != null) {
        throw errors.at(a, name + ": duplicate attribute '" + an + "'");
      }
    }
    List<Object> values = new ArrayList<>();
    for (OpSchema.Attribute s : schema.attributes()) {
      GraphIrParser.AttrContext a = given.get(s.name());
      if (a == null) {
        throw errors.at(dict == null ? nameCtx : dict, name + ": missing attribute '" + s.name() + "'");
      }
      values.add(value(name, s, a.attrValue()));
    }
    try {
      return schema.create(values);
    } catch (RuntimeException e) {
      throw errors.at(nameCtx, name + ": invalid attributes: " + e.getMessage());
    }
  }

  private static String expected(OpSchema schema) {
    if (schema.attributes().isEmpty()) {
      return " (" + schema.opName() + " has no attributes)";
    }
    return " (expected " + schema.attributes().stream().map(OpSchema.Attribute::name)
        .collect(Collectors.joining(", ")) + ")";
  }

  private Object value(String op, OpSchema.Attribute s, GraphIrParser.AttrValueContext v) {
    String what = op + ": attribute " + s.name();
    switch (s.kind()) {
      case LONG:
        return integer(v, what);
      case FLOAT:
        if (v instanceof GraphIrParser.NumberValueContext n) {
          return numbers.floatOf(n.number(), what);
        }
        throw wrongType(v, what, "a number");
      case BOOL:
        if (v instanceof GraphIrParser.IdentValueContext i
            && (i.getText().equals("true") || i.getText().equals("false"))) {
          return Boolean.valueOf(i.getText());
        }
        throw wrongType(v, what, "true or false");
      case DTYPE:
        if (v instanceof GraphIrParser.IdentValueContext) {
          for (DType t : DType.values()) {
            if (t.text().equals(v.getText())) {
              return t;
            }
          }
        }
        throw wrongType(v, what, "an element type (" + Arrays.stream(DType.values()).map(DType::text)
            .collect(Collectors.joining(", ")) + ")");
      case ENUM:
        Object[] constants = s.enumType().getEnumConstants();
        if (v instanceof GraphIrParser.IdentValueContext) {
          for (Object c : constants) {
            if (((Enum<?>) c).name().toLowerCase(Locale.ROOT).equals(v.getText())) {
              return c;
            }
          }
        }
        throw wrongType(v, what, "one of " + Arrays.stream(constants).map(OpSchema::formatValue)
            .collect(Collectors.joining(", ")));
      case LONG_LIST:
        if (v instanceof GraphIrParser.ListValueContext l) {
          List<Long> out = new ArrayList<>();
          for (GraphIrParser.AttrValueContext e : l.attrValue()) {
            out.add(integer(e, what + " element " + out.size()));
          }
          return List.copyOf(out);
        }
        throw wrongType(v, what, "a list of integers like [1, 2]");
      default:
        throw new IllegalStateException("unhandled attribute kind " + s.kind());
    }
  }

  private Long integer(GraphIrParser.AttrValueContext v, String what) {
    if (v instanceof GraphIrParser.NumberValueContext n && n.number().INT() != null) {
      return numbers.longOf(n.number().INT().getSymbol(), n.getStart(), what);
    }
    throw wrongType(v, what, "an integer");
  }

  private RuntimeException wrongType(GraphIrParser.AttrValueContext v, String what, String expected) {
    return errors.at(v, what + " expects " + expected + ", got " + v.getText());
  }
}
