package ancc.backends.cim;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A node seen as the matrix product the CIM backends map: y = x W^T (+ bias), W [M][groups x K]
 * block-diagonal, with alpha of a gemm folded into W and a per-channel bias (gemm: beta x C)
 * applied by {@code dequantize}. {@code conv} nodes feed im2col rows; the others feed x viewed
 * as [rows, K] ({@code transposeX}: a gemm's transA). A bias that is not per-channel ({@code
 * addConst}, or a non-constant {@code addValue} scaled by {@code addScale}) is added digitally.
 */
public record MatrixNode(Node node, Value x, boolean conv, boolean transposeX, float[] w, int outputs,
    int inputsPerGroup, int groups, List<Long> kernel, List<Long> strides, List<Long> pads, List<Long> dilations,
    float[] bias, Tensor addConst, Value addValue, float addScale) {

  /** The result of {@link #analyze}: a matrix node, or why the node is not one. */
  public record Analysis(MatrixNode matrix, String reason) {
    public boolean ok() {
      return matrix != null;
    }
  }

  /** Width of the expanded input vector (im2col row or x row). */
  public int expandedInputs() {
    return groups * inputsPerGroup;
  }

  /** Rank of the spatial part of a conv (0 for matrix nodes). */
  public int spatialRank() {
    return kernel.size();
  }

  /** The node as a matrix product, or why it is not one ({@link MatrixOps} says which ops can be). */
  public static Analysis analyze(Node node, Module m) {
    return node.op().accept(MatrixOps.INSTANCE, new MatrixOps.Site(node, m));
  }

  static Analysis linear(Node node, Module m) {
    Tensor w = m.constant(node.input(1));
    if (w == null || w.rank() != 2 || !w.isFloating()) {
      return no("its weight operand is not a constant 2-D floating tensor");
    }
    return matrix(node, m, node.input(0), false, w.floats(), (int) w.dim(0), (int) w.dim(1), 1f,
        node.input(2), 1f);
  }

  static Analysis gemm(Node node, Op.Gemm g, Module m) {
    Tensor b = m.constant(node.input(1));
    if (b == null || b.rank() != 2 || !b.isFloating()) {
      return no("its B operand is not a constant 2-D floating tensor");
    }
    if (node.input(0).type().rank() != 2) {
      return no("its A operand is not 2-D");
    }
    int n = (int) (g.transB() ? b.dim(0) : b.dim(1));
    int k = (int) (g.transB() ? b.dim(1) : b.dim(0));
    float[] w = g.transB() ? b.floats() : transpose(b.floats(), k, n);
    return matrix(node, m, node.input(0), g.transA(), w, n, k, g.alpha(), node.input(2), g.beta());
  }

  static Analysis matmul(Node node, Module m) {
    Tensor b = m.constant(node.input(1));
    if (b == null || b.rank() != 2 || !b.isFloating()) {
      return no("its second operand is not a constant 2-D floating tensor (only x @ W maps to arrays)");
    }
    int k = (int) b.dim(0);
    int n = (int) b.dim(1);
    return matrix(node, m, node.input(0), false, transpose(b.floats(), k, n), n, k, 1f, null, 1f);
  }

  static Analysis no(String reason) {
    return new Analysis(null, reason);
  }

  static Analysis conv(Node node, Op.Conv c, Module m) {
    Tensor w = m.constant(node.input(1));
    if (w == null || !w.isFloating() || w.rank() < 3) {
      return no("its weight operand is not a constant floating tensor of rank >= 3");
    }
    TensorType x = node.input(0).type();
    TensorType y = node.output().type();
    if (x.rank() != w.rank() || y.rank() != w.rank()) {
      return no("input rank " + x.rank() + " does not match the weight rank " + w.rank());
    }
    for (int i = 1; i < x.rank(); i++) {
      if (!x.dim(i).isFixed() || !y.dim(i).isFixed()) {
        return no("channel and spatial dimensions must be static, got " + x + " -> " + y);
      }
    }
    int groups = (int) c.group();
    int outputs = (int) w.dim(0);
    if (groups <= 0 || outputs % groups != 0) {
      return no("group " + groups + " does not divide " + outputs + " output channels");
    }
    int spatial = w.rank() - 2;
    List<Long> kernel = new ArrayList<>();
    long taps = 1;
    for (int i = 2; i < w.rank(); i++) {
      kernel.add(w.dim(i));
      taps *= w.dim(i);
    }
    int k = Math.toIntExact(w.dim(1) * taps);
    float[] bias = null;
    Value addValue = null;
    if (node.input(2) != null) {
      Tensor bt = m.constant(node.input(2));
      if (bt != null && bt.isFloating() && bt.size() == outputs) {
        bias = bt.floats().clone();
      } else if (bt == null && node.input(2).type().rank() == 1) {
        addValue = node.input(2);
      } else {
        return no("its bias is not a [" + outputs + "] tensor");
      }
    }
    List<Long> strides = c.strides().isEmpty() ? ones(spatial) : c.strides();
    List<Long> pads = c.pads().isEmpty() ? zeros(2 * spatial) : c.pads();
    List<Long> dil = c.dilations().isEmpty() ? ones(spatial) : c.dilations();
    return new Analysis(new MatrixNode(node, node.input(0), true, false, w.floats(), outputs, k, groups, kernel,
        strides, pads, dil, bias, null, addValue, 1f), null);
  }

  /** y = alpha x W^T + beta c, x viewed as [rows, K]. */
  private static Analysis matrix(Node node, Module m, Value x, boolean transposeX, float[] w, int n, int k,
      float alpha, Value c, float beta) {
    if (w == null) {
      return no("its weight is not a floating tensor");
    }
    TensorType xt = x.type();
    if (xt.rank() < 1) {
      return no("its data operand is a scalar");
    }
    Dim kd = transposeX ? xt.dim(0) : xt.dim(xt.rank() - 1);
    if (!kd.isFixed() || kd.size() != k) {
      return no("its data operand " + xt + " does not end in K = " + k);
    }
    // A data operand of any rank ([N,S,K] tokens, say) is viewed as [rows, K]: its rows may be a
    // product of symbolic dims, which the timing model resolves from the instruction writing them.
    float[] scaled = w;
    if (alpha != 1f) {
      scaled = new float[w.length];
      for (int i = 0; i < w.length; i++) {
        scaled[i] = w[i] * alpha;
      }
    }
    float[] bias = null;
    Tensor addConst = null;
    Value addValue = null;
    if (c != null) {
      Tensor ct = m.constant(c);
      if (ct != null && ct.isFloating() && (ct.size() == n || ct.size() == 1) && ct.rank() <= 2
          && (ct.rank() < 2 || ct.dim(0) == 1)) {
        bias = new float[n];
        for (int i = 0; i < n; i++) {
          bias[i] = beta * ct.floats()[ct.size() == 1 ? 0 : i];
        }
      } else if (ct != null && ct.isFloating()) {
        float[] d = ct.floats().clone();
        for (int i = 0; i < d.length; i++) {
          d[i] *= beta;
        }
        addConst = Tensor.ofFloats(ct.shape(), d);
      } else if (ct == null) {
        addValue = c;
      } else {
        return no("its bias operand is not floating");
      }
    }
    return new Analysis(new MatrixNode(node, x, false, transposeX, scaled, n, k, 1, List.of(), List.of(), List.of(),
        List.of(), bias, addConst, addValue, beta), null);
  }

  static float[] transpose(float[] a, int rows, int cols) {
    float[] t = new float[a.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[r * cols + c];
      }
    }
    return t;
  }

  private static List<Long> ones(int n) {
    return java.util.Collections.nCopies(n, 1L);
  }

  private static List<Long> zeros(int n) {
    return java.util.Collections.nCopies(n, 0L);
  }
}
