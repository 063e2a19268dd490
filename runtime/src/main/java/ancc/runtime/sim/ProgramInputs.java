package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.Program;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks host inputs against a program's declared inputs, as the reference interpreter checks a
 * module's: every input present, no unknown names, element type, rank, fixed dims, and each
 * symbolic dim (the batch N) bound to one size across inputs. Messages are one line naming the
 * input.
 */
final class ProgramInputs {
  private ProgramInputs() {}

  /** The inputs by name, relabelled to their declared element types. */
  static Map<String, Tensor> bind(Program program, Map<String, Tensor> inputs) {
    List<Value> declared = program.inputs();
    Map<String, Value> byName = new LinkedHashMap<>();
    for (Value v : declared) {
      byName.put(v.name(), v);
    }
    for (String name : inputs.keySet()) {
      if (!byName.containsKey(name)) {
        throw new InvalidInputException("unknown input '" + name + "' (program @" + program.name()
            + " takes: " + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
      }
    }
    Map<String, Long> symSize = new HashMap<>();
    Map<String, String> symFrom = new HashMap<>();
    Map<String, Tensor> bound = new LinkedHashMap<>();
    for (Value v : declared) {
      Tensor t = inputs.get(v.name());
      if (t == null) {
        throw new InvalidInputException("missing input '" + v.name() + "' of type " + v.type());
      }
      TensorType want = v.type();
      DType dt = want.dtype();
      if (t.dtype() != dt && !(t.isFloating() && dt.isFloating())) {
        throw new InvalidInputException("input '" + v.name() + "': expected element type " + dt.text()
            + " but got " + t.dtype().text());
      }
      String expected = want.dims().stream().map(Dim::toString).collect(Collectors.joining(",", "[", "]"));
      String got = Arrays.stream(t.shape()).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
      if (t.rank() != want.rank()) {
        throw new InvalidInputException("input '" + v.name() + "': expected shape " + expected + " but got " + got
            + " (rank " + t.rank() + " instead of " + want.rank() + ")");
      }
      for (int i = 0; i < want.rank(); i++) {
        Dim d = want.dim(i);
        long size = t.dim(i);
        if (d instanceof Dim.Fixed f && f.size() != size) {
          throw new InvalidInputException("input '" + v.name() + "': expected shape " + expected + " but got " + got
              + " (dim " + i + " must be " + f.size() + ")");
        }
        if (d instanceof Dim.Sym s) {
          Long prev = symSize.putIfAbsent(s.name(), size);
          symFrom.putIfAbsent(s.name(), v.name());
          if (prev != null && prev != size) {
            throw new InvalidInputException("input '" + v.name() + "': expected shape " + expected + " but got "
                + got + " (" + s.name() + " is " + prev + " from input '" + symFrom.get(s.name()) + "')");
          }
        }
      }
      bound.put(v.name(), t.dtype() == dt ? t : t.withDtype(dt));
    }
    return bound;
  }
}
