package ancc.runtime.interp;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;

/** Negative log-likelihood loss (softmax cross-entropy is log_softmax followed by it). */
final class LossKernels {
  private LossKernels() {}

  static Tensor nllLoss(Op.NllLoss op, Tensor input, Tensor target, Tensor weight) {
    float[] x = Args.floating(input, "nll_loss input").floats();
    long[] in = input.shape();
    if (in.length < 2 || target.rank() != in.length - 1) {
      throw Args.bad("nll_loss input " + Args.shape(in) + " and target " + Args.shape(target.shape())
          + " must be [N,C,d...] and [N,d...]");
    }
    int n = (int) in[0];
    int c = (int) in[1];
    int inner = (int) Args.prod(in, 2, in.length);
    if (target.size() != n * inner) {
      throw Args.bad("nll_loss target " + Args.shape(target.shape()) + " does not match input " + Args.shape(in));
    }
    if (weight != null && weight.size() != c) {
      throw Args.bad("nll_loss weight has " + weight.size() + " elements for " + c + " classes");
    }
    double[] loss = new double[n * inner];
    double sum = 0;
    double weights = 0;
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < inner; j++) {
        int at = b * inner + j;
        long t = target.getLong(at);
        if (op.hasIgnoreIndex() && t == op.ignoreIndex()) {
          continue;
        }
        if (t < 0 || t >= c) {
          throw Args.bad("nll_loss target " + t + " is out of range for " + c + " classes");
        }
        double w = weight == null ? 1.0 : weight.getDouble((int) t);
        loss[at] = -x[(b * c + (int) t) * inner + j] * w;
        sum += loss[at];
        weights += w;
      }
    }
    switch (op.reduction()) {
      case NONE: {
        float[] y = new float[loss.length];
        for (int i = 0; i < y.length; i++) {
          y[i] = (float) loss[i];
        }
        return Args.floats(input.dtype(), target.shape(), y);
      }
      case SUM: return Args.floats(input.dtype(), new long[0], new float[] {(float) sum});
      case MEAN: return Args.floats(input.dtype(), new long[0], new float[] {(float) (sum / weights)});
      default: throw new IllegalStateException("unhandled reduction " + op.reduction());
    }
  }
}
