package ancc.ir.graph;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.text.IrPrinter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the invariants every pass must keep: unique value names, SSA with every use after its
 * definition (nodes are in topological order, so this also rules out cycles), op arities,
 * defined graph outputs, constants matching their declared types, and declared node output
 * types consistent with {@link ShapeInference}.
 */
public final class Verifier {
  private Verifier() {}

  /** Throws an {@link InvalidInputException} naming the node and value of the first problem. */
  public static void verify(Module m) {
    List<String> problems = check(m);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("module @" + m.name() + ": " + problems.get(0));
    }
  }

  /** Every problem: the structural ones, then (only if there are none) the type ones. */
  public static List<String> check(Module m) {
    List<String> problems = checkStructure(m);
    return problems.isEmpty() ? checkTypes(m) : problems;
  }

  /** Names, SSA order, arities, graph outputs and constant types; no shape inference. */
  public static List<String> checkStructure(Module m) {
    return new Structure(m).run();
  }

  /**
   * Declared output types against {@link ShapeInference#infer}: same dtype and rank, and each
   * dim equal unless either side is {@link Dim#UNKNOWN}. Assumes a structurally valid module.
   */
  public static List<String> checkTypes(Module m) {
    List<String> problems = new ArrayList<>();
    List<Node> nodes = m.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      List<TensorType> inferred;
      try {
        inferred = ShapeInference.infer(n, m::constant);
      } catch (InvalidInputException e) {
        String msg = e.getMessage();
        String own = n.outputs().isEmpty() ? "" : n.describe() + ": ";
        problems.add(where(i, n) + (!own.isEmpty() && msg.startsWith(own) ? msg.substring(own.length()) : msg));
        continue;
      }
      if (inferred.size() != n.outputs().size()) {
        problems.add(where(i, n) + "shape inference gives " + inferred.size() + " output type(s) for "
            + n.outputs().size() + " output(s)");
        continue;
      }
      for (int k = 0; k < inferred.size(); k++) {
        Value out = n.outputs().get(k);
        if (!compatible(out.type(), inferred.get(k))) {
          problems.add(where(i, n) + "output " + IrPrinter.ref(out) + " is declared "
              + IrPrinter.type(out.type()) + " but its inputs give " + IrPrinter.type(inferred.get(k)));
        }
      }
    }
    return problems;
  }

  /** Same dtype and rank; each dim equal, or unknown on either side. */
  public static boolean compatible(TensorType declared, TensorType inferred) {
    if (declared.dtype() != inferred.dtype() || declared.rank() != inferred.rank()) {
      return false;
    }
    for (int i = 0; i < declared.rank(); i++) {
      Dim a = declared.dim(i);
      Dim b = inferred.dim(i);
      if (!a.equals(b) && !(a instanceof Dim.Unknown) && !(b instanceof Dim.Unknown)) {
        return false;
      }
    }
    return true;
  }

  static String where(int index, Node n) {
    return "node " + index + " (" + StructuralEquality.describe(n) + "): ";
  }

  /** The structural checks over one module. */
  private static final class Structure {
    private final Module m;
    private final List<String> problems = new ArrayList<>();
    /** Values defined so far, by name, with a description of their definition. */
    private final Map<String, Value> defined = new HashMap<>();
    private final Map<String, String> definedBy = new HashMap<>();
    /** For every node output name, the first node index defining it (to explain uses before definition). */
    private final Map<String, Integer> nodeDefining = new HashMap<>();

    Structure(Module m) {
      this.m = m;
    }

    List<String> run() {
      for (Value v : m.inputs()) {
        define(v, "graph input " + IrPrinter.ref(v) + ": ", "a graph input");
      }
      for (Map.Entry<Value, Tensor> e : m.constants().entrySet()) {
        Value v = e.getKey();
        String at = "constant " + IrPrinter.ref(v) + ": ";
        define(v, at, "a constant");
        constant(at, v.type(), e.getValue());
      }
      List<Node> nodes = m.nodes();
      for (int i = 0; i < nodes.size(); i++) {
        for (Value out : nodes.get(i).outputs()) {
          if (out != null) {
            nodeDefining.putIfAbsent(out.name(), i);
          }
        }
      }
      for (int i = 0; i < nodes.size(); i++) {
        node(i, nodes.get(i));
      }
      for (Value v : m.outputs()) {
        use(v, "graph output: ");
      }
      return problems;
    }

    private void define(Value v, String at, String as) {
      String previous = definedBy.putIfAbsent(v.name(), as);
      if (previous != null) {
        problems.add(at + "value " + IrPrinter.ref(v) + " is defined twice (already " + previous + ")");
      } else {
        defined.put(v.name(), v);
      }
    }

    private void constant(String at, TensorType declared, Tensor t) {
      if (!declared.isStatic()) {
        problems.add(at + "declared type " + IrPrinter.type(declared) + " is not static");
      } else if (t.dtype() != declared.dtype() || !Arrays.equals(t.shape(), declared.shape())) {
        problems.add(at + "tensor is " + IrPrinter.type(t.type()) + " but the declared type is "
            + IrPrinter.type(declared));
      }
    }

    private void node(int i, Node n) {
      String at = where(i, n);
      Op.Arity ar = n.op().arity();
      int nin = n.inputs().size();
      int nout = n.outputs().size();
      if (nin < ar.minIn() || nin > ar.maxIn()) {
        problems.add(at + n.op().name() + " takes " + range(ar.minIn(), ar.maxIn()) + " input(s), has " + nin);
      }
      if (nout < ar.minOut() || nout > ar.maxOut()) {
        problems.add(at + n.op().name() + " has " + range(ar.minOut(), ar.maxOut()) + " output(s), has " + nout);
      }
      for (int k = 0; k < nin; k++) {
        Value v = n.inputs().get(k);
        if (v == null) {
          if (k < ar.minIn()) {
            problems.add(at + "required input " + k + " is absent");
          }
        } else {
          use(v, at);
        }
      }
      for (Value out : n.outputs()) {
        define(out, at, "defined by " + at.substring(0, at.length() - 2));
      }
    }

    private void use(Value v, String at) {
      Value def = defined.get(v.name());
      if (def == null) {
        Integer later = nodeDefining.get(v.name());
        problems.add(at + "value " + IrPrinter.ref(v) + (later == null ? " is undefined"
            : " is used before its definition by node " + later + " (a cycle or nodes out of order)"));
      } else if (!def.type().equals(v.type())) {
        problems.add(at + "value " + IrPrinter.ref(v) + " is used as " + IrPrinter.type(v.type())
            + " but defined as " + IrPrinter.type(def.type()));
      }
    }

    private static String range(int lo, int hi) {
      return lo == hi ? Integer.toString(lo) : hi == Integer.MAX_VALUE ? lo + " or more" : lo + " to " + hi;
    }
  }
}
