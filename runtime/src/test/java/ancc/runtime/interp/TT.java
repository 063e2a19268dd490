package ancc.runtime.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.ir.graph.DType;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Test helpers: tensor literals, seeded random data, tolerant comparison, one-node evaluation. */
final class TT {
  private TT() {}

  static long[] s(long... dims) {
    return dims;
  }

  static Tensor f(long[] shape, float... v) {
    return Tensor.ofFloats(shape, v);
  }

  static Tensor l(long[] shape, long... v) {
    return Tensor.ofLongs(shape, v);
  }

  static Tensor vec(long... v) {
    return Tensor.vector(v);
  }

  static Tensor random(long seed, long... shape) {
    Random r = new Random(seed);
    float[] v = new float[(int) Tensor.numel(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return Tensor.ofFloats(shape, v);
  }

  static void close(Tensor actual, long[] shape, float... expected) {
    assertArrayEquals(shape, actual.shape(), "shape");
    close(expected, actual.floats(), 1e-5);
  }

  static void close(float[] expected, float[] actual, double tol) {
    assertEquals(expected.length, actual.length, "element count");
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) ? !Double.isNaN(a) : Math.abs(e - a) > tol * Math.max(1, Math.abs(e))) {
        fail("element " + i + ": expected " + e + " but got " + a + " in " + Arrays.toString(actual));
      }
    }
  }

  static void exact(Tensor actual, DType dtype, long[] shape, long... expected) {
    assertEquals(dtype, actual.dtype(), "dtype");
    assertArrayEquals(shape, actual.shape(), "shape");
    assertArrayEquals(expected, actual.longs());
  }

  /** A node of op with dummy input/output values (nulls kept for absent inputs). */
  static Node node(Op op, int inputs, int outputs) {
    List<Value> in = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      in.add(new Value("in" + i, TensorType.of(DType.F32)));
    }
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      out.add(new Value("out" + i, TensorType.of(DType.F32)));
    }
    return new Node(op, in, out, "test/" + op.name());
  }

  /** Evaluates op on the operands (null = absent) and returns its single output. */
  static Tensor eval(Op op, Tensor... inputs) {
    List<Tensor> in = new ArrayList<>(Arrays.asList(inputs));
    return Interpreter.evaluate(node(op, in.size(), 1), in).get(0);
  }
}
