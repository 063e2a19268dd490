package ancc.runtime.interp;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks user-supplied graph inputs against the module's declared input types before a run:
 * every input present, no unknown names, element type, rank, fixed dims, and each symbolic dim
 * (such as the batch N) bound to one size across all inputs.
 */
final class InputCheck {
  private InputCheck() {}

  /** The inputs keyed by graph input value, relabelled to the declared element types. */
  static Map<Value, Tensor> bind(Module m, Map<String, Tensor> inputs) {
    Map<String, Value> byName = new LinkedHashMap<>();
    for (Value v : m.inputs()) {
      byName.put(v.name(), v);
    }
    for (String name : inputs.keySet()) {
      if (!byName.containsKey(name)) {
        throw new InvalidInputException("unknown input '" + name + "' (the graph's inputs are: "
            + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
      }
    }
    Map<String, Long> symSize = new HashMap<>();
    Map<String, String> symFrom = new HashMap<>();
    Map<Value, Tensor> bound = new LinkedHashMap<>();
    for (Value v : m.inputs()) {
      Tensor t = inputs.get(v.name());
      if (t == null) {
        throw new InvalidInputException("missing input '" + v.name() + "' of type " + v.type());
      }
      TensorType want = v.type();
      DType dt = want.dtype();
      if (t.dtype() != dt && !(t.dtype() == DType.F32 && dt.isFloating())) {
        throw new InvalidInputException("input '" + v.name() + "': expected element type " + dt.text()
            + " but got " + t.dtype().text());
      }
      String expected = shapeText(want);
      if (t.rank() != want.rank()) {
        throw new InvalidInputException("input '" + v.name() + "': expected shape " + expected + " but got "
            + Args.shape(t.shape()) + " (rank " + t.rank() + " instead of " + want.rank() + ")");
      }
      for (int i = 0; i < want.rank(); i++) {
        Dim d = want.dim(i);
        long got = t.dim(i);
        if (d instanceof Dim.Fixed f && f.size() != got) {
          throw new InvalidInputException("input '" + v.name() + "': expected shape " + expected + " but got "
              + Args.shape(t.shape()) + " (dim " + i + " must be " + f.size() + ")");
        }
        if (d instanceof Dim.Sym s) {
          Long prev = symSize.get(s.name());
          if (prev == null) {
            symSize.put(s.name(), got);
            symFrom.put(s.name(), v.name());
          } else if (prev != got) {
            throw new InvalidInputException("input '" + v.name() + "': expected shape " + expected + " but got "
                + Args.shape(t.shape()) + " (" + s.name() + " is " + prev + " from input '" + symFrom.get(s.name())
                + "')");
          }
        }
      }
      bound.put(v, relabel(t, dt));
    }
    return bound;
  }

  /** Data for an f16/bf16/f64 input: relabelled, and rounded to the narrower precision. */
  private static Tensor relabel(Tensor t, DType dt) {
    Tensor r = t.dtype() == dt ? t : t.withDtype(dt);
    return dt == DType.F16 || dt == DType.BF16 ? Args.roundAll(r) : r;
  }

  private static String shapeText(TensorType t) {
    return t.dims().stream().map(Dim::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
