package ancc.compiler.conformance;

import ancc.ir.graph.Tensor;
import java.util.Arrays;

/** Element-wise comparison with numpy's allclose rule: |got - want| <= atol + rtol * |want|. */
final class Compare {
  static final double RTOL = 1e-3;
  static final double ATOL = 1e-4;
  /** One ulp of bfloat16 relative to the value: 2^-7. */
  static final double BF16_RTOL = 1.0 / 128;

  private Compare() {}

  /** A description of the first mismatch, or null when the tensors agree. */
  static String problem(Tensor got, Tensor want, double rtol, double atol) {
    if (!Arrays.equals(got.shape(), want.shape())) {
      return "shape " + Arrays.toString(got.shape()) + " vs expected " + Arrays.toString(want.shape());
    }
    if (got.isFloating() != want.isFloating()) {
      return "element type " + got.dtype() + " vs expected " + want.dtype();
    }
    for (int i = 0; i < want.size(); i++) {
      double g = got.getDouble(i);
      double w = want.getDouble(i);
      if (Double.isNaN(w) ? !Double.isNaN(g) : !(Math.abs(g - w) <= atol + rtol * Math.abs(w)) && g != w) {
        return "element " + i + ": " + g + " vs expected " + w;
      }
    }
    return null;
  }
}
