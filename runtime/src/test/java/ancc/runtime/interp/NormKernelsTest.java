package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.s;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import org.junit.jupiter.api.Test;

class NormKernelsTest {

  @Test
  void batchNormalizationPerChannel() {
    // ch0: (x - 1) / 2 * 1 + 0; ch1: (x - 3) / 1 * 2 + 1
    Tensor x = f(s(1, 2, 1, 2), 1, 2, 3, 4);
    Tensor y = eval(new Op.BatchNormalization(0f), x, f(s(2), 1, 2), f(s(2), 0, 1), f(s(2), 1, 3), f(s(2), 4, 1));
    close(y, s(1, 2, 1, 2), 0, 0.5f, 1, 3);
  }

  @Test
  void layerNormalizationOverTrailingAxes() {
    // rows [1,3] (mean 2, var 1) and [2,2] (var 0); scale [2,1], B [0.5,0]
    Tensor x = f(s(2, 2), 1, 3, 2, 2);
    Tensor y = eval(new Op.LayerNormalization(-1, 1e-5f), x, f(s(2), 2, 1), f(s(2), 0.5f, 0));
    close(y, s(2, 2), -1.5f, 1, 0.5f, 0);
    // axis 0 normalizes all four values: mean 2, var 0.5; no bias
    Tensor z = eval(new Op.LayerNormalization(0, 0f), x, Tensor.scalar(1));
    float r = (float) (1 / Math.sqrt(0.5));
    close(z, s(2, 2), -r, r, 0, 0);
  }

  @Test
  void softmaxAlongOneAxisVersusCoerced2d() {
    Tensor x = f(s(1, 2, 2), 1, 2, 3, 4);
    // axis 1 alone: pairs (1,3) and (2,4) -> 1/(1+e^2), e^2/(1+e^2)
    float lo = (float) (1 / (1 + Math.exp(2)));
    float hi = (float) (Math.exp(2) / (1 + Math.exp(2)));
    close(eval(new Op.Softmax(1, false), x), s(1, 2, 2), lo, lo, hi, hi);
    // coerce2d: the flattened [2*2] block normalizes together
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4);
    close(eval(new Op.Softmax(1, true), x), s(1, 2, 2), (float) (Math.exp(1) / sum), (float) (Math.exp(2) / sum),
        (float) (Math.exp(3) / sum), (float) (Math.exp(4) / sum));
    close(eval(new Op.LogSoftmax(-1, false), x), s(1, 2, 2), (float) Math.log(1 / (1 + Math.E)),
        (float) Math.log(Math.E / (1 + Math.E)), (float) Math.log(1 / (1 + Math.E)),
        (float) Math.log(Math.E / (1 + Math.E)));
    close(eval(new Op.LogSoftmax(1, true), x), s(1, 2, 2), (float) (1 - Math.log(sum)), (float) (2 - Math.log(sum)),
        (float) (3 - Math.log(sum)), (float) (4 - Math.log(sum)));
  }

  @Test
  void softmaxIsStableForLargeInputs() {
    close(eval(new Op.Softmax(-1, false), f(s(2), 1000, 1000)), s(2), 0.5f, 0.5f);
    close(eval(new Op.LogSoftmax(-1, false), f(s(2), -1000, 0)), s(2), -1000, 0);
  }
}
