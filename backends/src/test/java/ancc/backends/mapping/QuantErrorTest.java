package ancc.backends.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.program.ArrayLayout;
import ancc.ir.program.WeightEncoding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A dense MVM on decoded weights and quantized inputs stays within the quantization error bound. */
class QuantErrorTest {
  @Test
  void decodedMvmIsWithinTheQuantizationBound() {
    SplittableRandom rnd = new SplittableRandom(11);
    int m = 20;
    int k = 300;
    float[] w = new float[m * k];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (rnd.nextDouble() - 0.5) * (1 + i % 7);
    }
    float[] x = new float[k];
    for (int i = 0; i < k; i++) {
      x[i] = (float) (rnd.nextDouble() * 3);
    }
    InputQuant iq = InputQuant.fromRange(0, 3, 8);
    assertEquals(false, iq.signed());
    WeightFormat f = new WeightFormat(8, 2, 4, WeightEncoding.DIFFERENTIAL, 16);
    QuantizedWeights q = QuantizedWeights.quantize(w, m, k, 1, 8);
    long[][] wq = new long[m][k];
    for (int in = 0; in < k; in += 128) {
      int ic = Math.min(128, k - in);
      ArrayLayout l = CellCodec.layout("fc", in, ic, 0, m, f);
      long[][] d = CellCodec.decode(l, CellCodec.encode(q, l, 128, 128));
      for (int o = 0; o < m; o++) {
        System.arraycopy(d[o], 0, wq[o], in, ic);
      }
    }
    double worstRatio = 0;
    for (int o = 0; o < m; o++) {
      double exact = 0;
      double integer = 0;
      double bound = 0;
      for (int i = 0; i < k; i++) {
        exact += (double) w[o * k + i] * x[i];
        integer += (double) wq[o][i] * iq.quantize(x[i]);
        double dw = q.scales()[o] / 2.0;
        double dx = iq.scale() / 2.0;
        bound += Math.abs(w[o * k + i]) * dx + Math.abs(x[i]) * dw + dw * dx;
      }
      double approx = integer * iq.scale() * q.scales()[o];
      double err = Math.abs(approx - exact);
      assertTrue(err <= bound * (1 + 1e-6), "output " + o + ": error " + err + " > bound " + bound);
      worstRatio = Math.max(worstRatio, err / bound);
    }
    assertTrue(worstRatio > 0, "quantization must introduce some error");
  }

  @Test
  void signedInputsUseTheSymmetricRange() {
    InputQuant iq = InputQuant.fromRange(-2, 1, 8);
    assertTrue(iq.signed());
    assertEquals(127, iq.hi());
    assertEquals(-127, iq.lo());
    assertEquals(2f / 127, iq.scale());
    assertEquals(-127, iq.quantize(-5));
    assertEquals(7, iq.magnitudeBits());
    InputQuant u = InputQuant.fromRange(0, 0, 4);
    assertEquals(1f, u.scale());
  }
}
