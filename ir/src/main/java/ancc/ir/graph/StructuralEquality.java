package ancc.ir.graph;

import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.OpSchema;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Structural comparison of two modules, reporting the first difference in words: names, graph
 * inputs, constants (type and element bits, so NaN payloads and -0.0 count), nodes (op and
 * attributes, inputs, outputs with types, location) and graph outputs, in that order.
 */
public final class StructuralEquality {
  private StructuralEquality() {}

  public static boolean equal(Module a, Module b) {
    return firstDifference(a, b).isEmpty();
  }

  /** The first difference, e.g. {@code node 3 (conv "/conv1/Conv"): attribute strides [1, 1] vs [2, 2]}. */
  public static Optional<String> firstDifference(Module a, Module b) {
    return Optional.ofNullable(diff(a, b));
  }

  private static String diff(Module a, Module b) {
    if (!a.name().equals(b.name())) {
      return "module name @" + a.name() + " vs @" + b.name();
    }
    String d = values("input", a.inputs(), b.inputs());
    if (d != null) {
      return d;
    }
    d = constants(a.constants(), b.constants());
    if (d != null) {
      return d;
    }
    List<Node> na = a.nodes();
    List<Node> nb = b.nodes();
    for (int i = 0; i < Math.min(na.size(), nb.size()); i++) {
      d = node(na.get(i), nb.get(i));
      if (d != null) {
        return "node " + i + " (" + describe(na.get(i)) + "): " + d;
      }
    }
    if (na.size() != nb.size()) {
      return "node count " + na.size() + " vs " + nb.size();
    }
    return values("output", a.outputs(), b.outputs());
  }

  private static String values(String what, List<Value> a, List<Value> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String d = value(a.get(i), b.get(i));
      if (d != null) {
        return what + " " + i + ": " + d;
      }
    }
    return a.size() == b.size() ? null : what + " count " + a.size() + " vs " + b.size();
  }

  private static String value(Value a, Value b) {
    if (a == null || b == null) {
      return a == b ? null : show(a) + " vs " + show(b);
    }
    if (!a.name().equals(b.name())) {
      return "name " + IrPrinter.ref(a) + " vs " + IrPrinter.ref(b);
    }
    if (!a.type().equals(b.type())) {
      return IrPrinter.ref(a) + " type " + IrPrinter.type(a.type()) + " vs " + IrPrinter.type(b.type());
    }
    return null;
  }

  private static String show(Value v) {
    return v == null ? "_ (absent)" : IrPrinter.ref(v);
  }

  private static String constants(Map<Value, Tensor> a, Map<Value, Tensor> b) {
    Iterator<Map.Entry<Value, Tensor>> ia = a.entrySet().iterator();
    Iterator<Map.Entry<Value, Tensor>> ib = b.entrySet().iterator();
    for (int i = 0; ia.hasNext() && ib.hasNext(); i++) {
      Map.Entry<Value, Tensor> ea = ia.next();
      Map.Entry<Value, Tensor> eb = ib.next();
      String d = value(ea.getKey(), eb.getKey());
      if (d != null) {
        return "constant " + i + ": " + d;
      }
      d = tensor(ea.getValue(), eb.getValue());
      if (d != null) {
        return "constant " + IrPrinter.ref(ea.getKey()) + ": " + d;
      }
    }
    return a.size() == b.size() ? null : "constant count " + a.size() + " vs " + b.size();
  }

  private static String tensor(Tensor a, Tensor b) {
    if (a.dtype() != b.dtype() || !a.type().equals(b.type())) {
      return "tensor type " + IrPrinter.type(a.type()) + " vs " + IrPrinter.type(b.type());
    }
    if (a.isFloating() != b.isFloating()) {
      return "tensor storage differs";
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.isFloating()) {
        float x = a.floats()[i];
        float y = b.floats()[i];
        if (Float.floatToRawIntBits(x) != Float.floatToRawIntBits(y)) {
          return "element " + i + " differs " + OpSchema.formatValue(x) + " vs " + OpSchema.formatValue(y);
        }
      } else if (a.longs()[i] != b.longs()[i]) {
        return "element " + i + " differs " + a.longs()[i] + " vs " + b.longs()[i];
      }
    }
    return null;
  }

  private static String node(Node a, Node b) {
    String d = op(a.op(), b.op());
    if (d != null) {
      return d;
    }
    d = values("input", a.inputs(), b.inputs());
    if (d != null) {
      return d;
    }
    d = values("output", a.outputs(), b.outputs());
    if (d != null) {
      return d;
    }
    if (!a.loc().equals(b.loc())) {
      return "loc \"" + a.loc() + "\" vs \"" + b.loc() + "\"";
    }
    if (!java.util.Objects.equals(a.placement(), b.placement())) {
      return "placement " + a.placement() + " vs " + b.placement();
    }
    return null;
  }

  private static String op(Op a, Op b) {
    if (a.equals(b)) {
      return null;
    }
    if (!a.name().equals(b.name()) || a.getClass() != b.getClass()) {
      return "op " + a.name() + " vs " + b.name();
    }
    for (OpSchema.Attribute attr : OpSchema.of(a).attributes()) {
      Object x = attr.get(a);
      Object y = attr.get(b);
      if (!Objects.equals(x, y)) {
        return "attribute " + attr.name() + " " + OpSchema.formatValue(x) + " vs " + OpSchema.formatValue(y);
      }
    }
    return "op " + a + " vs " + b;
  }

  /** Node.describe(), safe for a node without outputs. */
  static String describe(Node n) {
    if (n.outputs().isEmpty() && n.loc().isEmpty()) {
      return n.op().name();
    }
    return n.describe();
  }
}
