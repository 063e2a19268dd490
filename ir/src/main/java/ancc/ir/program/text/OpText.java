package ancc.ir.program.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.text.OpSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the graph IR op of a {@code digital} instruction: op name and {@code {attr = value}}
 * dictionary, through the graph IR's {@link OpSchema} codec, with the graph IR's rules and
 * messages (every attribute exactly once, typed values).
 */
final class OpText {
  private final ProgramErrors errors;
  private final TensorText numbers;

  OpText(ProgramErrors errors, TensorText numbers) {
    this.errors = errors;
    this.numbers = numbers;
  }

  Op read(ProgramIrParser.IdentContext nameCtx, ProgramIrParser.AttrDictContext dict) {
    String name = nameCtx.getText();
    OpSchema schema = OpSchema.forName(name).orElseThrow(() -> errors.at(nameCtx, "unknown op '" + name + "'"));
    Map<String, ProgramIrParser.AttrContext> given = new HashMap<>();
    List<ProgramIrParser.AttrContext> attrs = dict == null ? List.of() : dict.attr();
    for (ProgramIrParser.AttrContext a : attrs) {
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
      ProgramIrParser.AttrContext a = given.get(s.name());
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

  private Object value(String op, OpSchema.Attribute s, ProgramIrParser.AttrValueContext v) {
    String what = op + ": attribute " + s.name();
    switch (s.kind()) {
      case LONG:
        return integer(v, what);
      case FLOAT:
        if (v instanceof ProgramIrParser.NumberValueContext n) {
          return numbers.floatOf(n.number(), what);
        }
        throw wrongType(v, what, "a number");
      case BOOL:
        if (v instanceof ProgramIrParser.IdentValueContext
            && (v.getText().equals("true") || v.getText().equals("false"))) {
          return Boolean.valueOf(v.getText());
        }
        throw wrongType(v, what, "true or false");
      case DTYPE:
        if (v instanceof ProgramIrParser.IdentValueContext) {
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
        if (v instanceof ProgramIrParser.IdentValueContext) {
          for (Object c : constants) {
            if (((Enum<?>) c).name().toLowerCase(Locale.ROOT).equals(v.getText())) {
              return c;
            }
          }
        }
        throw wrongType(v, what, "one of " + Arrays.stream(constants).map(OpSchema::formatValue)
            .collect(Collectors.joining(", ")));
      case LONG_LIST:
        if (v instanceof ProgramIrParser.ListValueContext l) {
          List<Long> out = new ArrayList<>();
          for (ProgramIrParser.AttrValueContext e : l.attrValue()) {
            out.add(integer(e, what + " element " + out.size()));
          }
          return List.copyOf(out);
        }
        throw wrongType(v, what, "a list of integers like [1, 2]");
      default:
        throw new IllegalStateException("unhandled attribute kind " + s.kind());
    }
  }

  private Long integer(ProgramIrParser.AttrValueContext v, String what) {
    if (v instanceof ProgramIrParser.NumberValueContext n && n.number().INT() != null) {
      return numbers.longOf(n.number().INT().getSymbol(), what);
    }
    throw wrongType(v, what, "an integer");
  }

  private RuntimeException wrongType(ProgramIrParser.AttrValueContext v, String what, String expected) {
    return errors.at(v, what + " expects " + expected + ", got " + v.getText());
  }
}
