package ancc.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.DType;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** fp16 storage of the digital tiles ({@link DigitalExec#half}) equals the interpreter's cast to f16, bit for bit. */
class HalfRoundingTest {

  @Test
  void halfRoundingEqualsTheInterpretersCast() {
    SplittableRandom r = new SplittableRandom(8);
    int n = 200_000;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      // random bit patterns (every exponent, NaN and infinities), then values near half's edges
      x[i] = i % 2 == 0 ? Float.intBitsToFloat(r.nextInt()) : (float) (r.nextDouble(-70000, 70000)
          * Math.scalb(1.0, -r.nextInt(40)));
    }
    float[] edges = {65504f, 65519.99f, 65520f, -65520f, 0x1p-14f, 0x1.ffcp-15f, 0x1p-25f, 0x1.8p-24f, -0f, 0f,
        Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    System.arraycopy(edges, 0, x, 0, edges.length);
    Tensor t = Tensor.ofFloats(new long[] {n}, x);
    Node cast = new Node(new Op.Cast(DType.F16), List.of(new Value("x", t.type())),
        new Value("y", TensorType.of(DType.F16, t.shape())), "cast");
    float[] want = Interpreter.evaluate(cast, List.of(t)).get(0).floats();
    for (int i = 0; i < n; i++) {
      assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(DigitalExec.half(x[i])), "at " + x[i]);
    }
  }

  /**
   * The ops whose fp16 output {@link DigitalExec} does not round again ({@link DigitalExec#selects})
   * give fp16 values on fp16 inputs (signed zeros, subnormals, infinities and NaN included), so
   * skipping the rounding changes no bit.
   */
  @Test
  void selectingOpsKeepHalfValues() {
    SplittableRandom r = new SplittableRandom(9);
    int n = 2 * 3 * 8 * 8;
    float[] x = new float[n];
    float[] special = {-0f, 0f, 0x1p-24f, -0x1p-20f, 65504f, Float.NaN, Float.NEGATIVE_INFINITY,
        Float.POSITIVE_INFINITY};
    for (int i = 0; i < n; i++) {
      x[i] = DigitalExec.half(i % 7 == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian() * 3);
    }
    Tensor t = Tensor.ofFloats(new long[] {2, 3, 8, 8}, x);
    List<Op> ops = List.of(new Op.Unary(Op.UnaryOp.RELU),
        new Op.MaxPool(List.of(2L, 2L), List.of(2L, 2L), List.of(1L, 1L, 1L, 1L), List.of(1L, 1L), false),
        new Op.Transpose(List.of(0L, 2L, 3L, 1L)));
    List<long[]> shapes = List.of(new long[] {2, 3, 8, 8}, new long[] {2, 3, 5, 5}, new long[] {2, 8, 8, 3});
    for (int k = 0; k < ops.size(); k++) {
      Op op = ops.get(k);
      assertEquals(true, DigitalExec.selects(op), op.toString());
      Node node = new Node(op, List.of(new Value("x", t.type())),
          List.of(new Value("y", TensorType.of(DType.F32, shapes.get(k)))), "op");
      float[] y = Interpreter.evaluate(node, List.of(t)).get(0).floats();
      for (float v : y) {
        assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(DigitalExec.half(v)), op + " gave " + v);
      }
    }
    assertEquals(false, DigitalExec.selects(new Op.Unary(Op.UnaryOp.SIGMOID)));
  }
}
