package ancc.ir.graph.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.ShapeInference;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds nodes from type text such as {@code f32[N,3,?]} and runs shape inference on them. */
class ShapeTestSupport {
  final Map<Value, Tensor> consts = new HashMap<>();
  private int counter;

  /** Parses {@code f32[N,3,?]}: numbers are fixed, {@code ?} unknown, other names symbols. */
  static TensorType type(String text) {
    int b = text.indexOf('[');
    DType d = DType.fromText(text.substring(0, b));
    String inner = text.substring(b + 1, text.length() - 1);
    List<Dim> dims = new ArrayList<>();
    if (!inner.isEmpty()) {
      for (String s : inner.split(",")) {
        if (s.equals("?")) {
          dims.add(Dim.UNKNOWN);
        } else if (Character.isDigit(s.charAt(0))) {
          dims.add(Dim.of(Long.parseLong(s)));
        } else {
          dims.add(Dim.sym(s));
        }
      }
    }
    return new TensorType(d, dims);
  }

  Value v(String typeText) {
    return new Value("v" + counter++, type(typeText));
  }

  /** A constant i64 vector input. */
  Value longs(long... values) {
    Tensor t = Tensor.vector(values);
    Value v = new Value("c" + counter++, t.type());
    consts.put(v, t);
    return v;
  }

  Value floats(long[] shape, float... values) {
    Tensor t = Tensor.ofFloats(shape, values);
    Value v = new Value("c" + counter++, t.type());
    consts.put(v, t);
    return v;
  }

  Node node(Op op, int outputs, Value... inputs) {
    List<Value> outs = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      outs.add(new Value("out" + counter++, TensorType.of(DType.F32)));
    }
    List<Value> ins = new ArrayList<>();
    for (Value x : inputs) {
      ins.add(x);
    }
    return new Node(op, ins, outs, "n");
  }

  List<TensorType> infer(Op op, int outputs, Value... inputs) {
    return ShapeInference.infer(node(op, outputs, inputs), consts::get);
  }

  /** The single output type of op applied to inputs, as text. */
  String out(Op op, Value... inputs) {
    List<TensorType> t = infer(op, 1, inputs);
    assertEquals(1, t.size());
    return t.get(0).toString();
  }

  /** Asserts inference fails with a message naming the node and containing {@code part}. */
  void fails(String part, Op op, Value... inputs) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> infer(op, 1, inputs));
    assertTrue(e.getMessage().startsWith(op.name() + " \"n\": "), e.getMessage());
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
