package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op.UnaryOp;
import ancc.ir.graph.Tensor;
import java.util.function.DoubleUnaryOperator;

/**
 * Floating unary functions beyond the basic activations (trigonometric and hyperbolic functions,
 * sign, round-half-to-even, softplus, softsign) and the parameterized activations (elu, celu,
 * selu, thresholded relu) and the NaN and infinity tests. Computed in double, rounded once.
 */
final class UnaryMathKernels {
  private UnaryMathKernels() {}

  static Tensor unary(UnaryOp kind, Tensor x) {
    return map(x, kind.name().toLowerCase(java.util.Locale.ROOT), function(kind));
  }

  private static DoubleUnaryOperator function(UnaryOp kind) {
    switch (kind) {
      case SIN: return Math::sin;
      case COS: return Math::cos;
      case TAN: return Math::tan;
      case ASIN: return Math::asin;
      case ACOS: return Math::acos;
      case ATAN: return Math::atan;
      case SINH: return Math::sinh;
      case COSH: return Math::cosh;
      case ASINH: return v -> Double.isInfinite(v) ? v : Math.copySign(Math.log(Math.abs(v) + Math.sqrt(v * v + 1)), v);
      case ACOSH: return v -> Math.log(v + Math.sqrt(v * v - 1));
      case ATANH: return v -> 0.5 * Math.log((1 + v) / (1 - v));
      case SIGN: return v -> v != v ? v : Math.signum(v);
      case ROUND: return Math::rint;
      case SOFTPLUS: return v -> v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
      case SOFTSIGN: return v -> v / (1 + Math.abs(v));
      default:
        throw Args.bad(kind.name().toLowerCase(java.util.Locale.ROOT) + " needs a bool or integer input");
    }
  }

  /** x >= 0 ? x : alpha * (exp(x) - 1). */
  static Tensor elu(Tensor x, float alpha) {
    return map(x, "elu", v -> v >= 0 ? v : alpha * Math.expm1(v));
  }

  /** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
  static Tensor celu(Tensor x, float alpha) {
    return map(x, "celu", v -> Math.max(0, v) + Math.min(0, alpha * Math.expm1(v / alpha)));
  }

  /** gamma * (x > 0 ? x : alpha * (exp(x) - 1)). */
  static Tensor selu(Tensor x, float alpha, float gamma) {
    return map(x, "selu", v -> gamma * (v > 0 ? v : alpha * Math.expm1(v)));
  }

  /** x > alpha ? x : 0. */
  static Tensor thresholdedRelu(Tensor x, float alpha) {
    return map(x, "thresholded_relu", v -> v > alpha ? v : 0);
  }

  static Tensor isNaN(Tensor x) {
    return test(x, "is_nan", v -> v != v);
  }

  static Tensor isInf(Tensor x, boolean negative, boolean positive) {
    return test(x, "is_inf", v -> (positive && v == Float.POSITIVE_INFINITY) || (negative && v == Float.NEGATIVE_INFINITY));
  }

  private interface FloatTest {
    boolean test(float v);
  }

  private static Tensor test(Tensor x, String what, FloatTest t) {
    float[] a = Args.floating(x, what + " input").floats();
    long[] y = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = t.test(a[i]) ? 1 : 0;
    }
    return Tensor.ofLongs(DType.BOOL, x.shape(), y);
  }

  private static Tensor map(Tensor x, String what, DoubleUnaryOperator f) {
    float[] a = Args.floating(x, what + " input").floats();
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = (float) f.applyAsDouble(a[i]);
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }
}
