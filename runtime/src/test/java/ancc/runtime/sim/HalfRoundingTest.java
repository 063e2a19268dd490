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
}
