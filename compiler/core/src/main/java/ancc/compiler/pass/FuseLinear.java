// fuse-linear: rewrites dense layers into the one op the CIM backends map onto crossbars,
// linear(X, W [N,K], B [N]?), as in PyTorch's nn.Linear:
//   matmul(X, W const [K,N]) + add(., b const [N] or [1,N]) -> linear(X, W^T, b)
//     (only when the matmul result has no other use; the add's result name is kept),
//   matmul(X, W const [K,N]) alone                           -> linear(X, W^T),
//   gemm(A [M,K], B const, C const?) with transA = 0          -> linear(A, alpha * op(B)^T, beta * C)
//     (C must broadcast per output feature: shape [N], [1,N], [1] or scalar; else the gemm stays).
// Exporters emit all three forms for the same layer; one canonical form keeps the partitioner
// and the backends simple. Constants are reused unchanged when no arithmetic is needed
// (gemm with transB = 1, alpha = 1, beta = 1 and C of shape [N], the usual torch export).
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns matmul (+ add) and gemm with constant weights into linear nodes. */
public final class FuseLinear implements Pass {

  @Override
  public String name() {
    return "fuse-linear";
  }

  @Override
  public String summary() {
    return "turn matmul+add and gemm with constant weights into linear(X, W[N,K], B[N])";
  }

  @Override
  public Module run(Module m, PassContext ctx) {
    return new Run(m, ctx).rewrite();
  }

  /** State of one run: the module being read and the constants and nodes being built. */
  private static final class Run {
    private final Module m;
    private final Uses uses;
    private final PassContext.FreshNames names;
    private final Module.Builder out;
    private final Map<String, Value> transposed = new HashMap<>();
    private final Set<Node> absorbed = new HashSet<>();
    private boolean changed;

    Run(Module m, PassContext ctx) {
      this.m = m;
      this.uses = new Uses(m);
      this.names = ctx.freshNames(m);
      this.out = m.toBuilder();
      out.nodes().clear();
    }

    Module rewrite() {
      for (Node n : m.nodes()) {
        if (absorbed.contains(n)) {
          continue;
        }
        Node linear = null;
        if (n.op() instanceof Op.MatMul) {
          linear = fromMatMul(n);
        } else if (n.op() instanceof Op.Gemm g) {
          linear = fromGemm(n, g);
        }
        out.node(linear != null ? linear : n);
        changed |= linear != null;
      }
      return changed ? out.build() : m;
    }

    private Node fromMatMul(Node mm) {
      Value x = mm.input(0);
      Value w = mm.input(1);
      Tensor wt = m.constant(w);
      if (wt == null || wt.rank() != 2 || !wt.isFloating() || x.type().rank() < 1) {
        return null;
      }
      long n = wt.dim(1);
      Value y = mm.output();
      Value bias = null;
      Node add = singleAddUser(y);
      if (add != null) {
        Value other = add.input(0).equals(y) ? add.input(1) : add.input(0);
        Tensor bt = m.constant(other);
        if (bt != null && bt.dtype() == wt.dtype() && isPerFeature(bt, n, y.type().rank())) {
          bias = asVector(other, bt, n);
          y = add.output();
          absorbed.add(add);
        }
      }
      return linear(x, transposed(w, wt), bias, y, mm.loc());
    }

    private Node fromGemm(Node gemm, Op.Gemm g) {
      Value a = gemm.input(0);
      Value b = gemm.input(1);
      Value c = gemm.input(2);
      Tensor bt = m.constant(b);
      Tensor ct = c == null ? null : m.constant(c);
      if (g.transA() || a.type().rank() != 2 || bt == null || bt.rank() != 2 || !bt.isFloating()
          || (c != null && ct == null)) {
        return null;
      }
      long n = g.transB() ? bt.dim(0) : bt.dim(1);
      if (ct != null && (ct.dtype() != bt.dtype() || !isPerFeature(ct, n, 2))) {
        return null;
      }
      Value w;
      if (g.alpha() == 1f) {
        w = g.transB() ? b : transposed(b, bt);
      } else {
        Tensor wt = g.transB() ? bt : transpose(bt);
        w = addConstant(names.fresh(b.name() + (g.transB() ? "" : "_t") + "_scaled"), scale(wt, g.alpha()));
      }
      Value bias = null;
      if (ct != null) {
        bias = g.beta() == 1f ? asVector(c, ct, n) : addConstant(names.fresh(c.name() + "_scaled"),
            scale(broadcast(ct, n), g.beta()));
      }
      return linear(a, w, bias, gemm.output(), gemm.loc());
    }

    /** A constant holding W^T for the constant {@code w}, made once per W and run. */
    private Value transposed(Value w, Tensor wt) {
      return transposed.computeIfAbsent(w.name(), k -> addConstant(names.fresh(w.name() + "_t"), transpose(wt)));
    }

    /** The add node that is the only reader of {@code y}, or null. */
    private Node singleAddUser(Value y) {
      if (!uses.hasSingleUse(y)) {
        return null;
      }
      Node user = uses.users(y).get(0);
      if (user.op() instanceof Op.Binary bin && bin.kind() == Op.BinaryOp.ADD
          && user.output().type().equals(y.type())) {
        return user;
      }
      return null;
    }

    /** The bias as a [N] value: {@code v} itself if already [N], else a reshaped or broadcast copy. */
    private Value asVector(Value v, Tensor t, long n) {
      if (t.rank() == 1 && t.dim(0) == n) {
        return v;
      }
      return addConstant(names.fresh(v.name() + "_vec"), broadcast(t, n));
    }

    private Value addConstant(String name, Tensor t) {
      Value v = new Value(name, t.type());
      out.constant(v, t);
      return v;
    }

    private static Node linear(Value x, Value w, Value bias, Value y, String loc) {
      List<Value> ins = new ArrayList<>(Arrays.asList(x, w));
      if (bias != null) {
        ins.add(bias);
      }
      return new Node(new Op.Linear(), ins, y, loc);
    }
  }

  /**
   * True when {@code t} adds one value per output feature to a result of rank {@code rank} without
   * changing its shape: [N], a scalar or [1] (the same value for all), or [1,N] when rank >= 2.
   */
  static boolean isPerFeature(Tensor t, long n, int rank) {
    long[] s = t.shape();
    if (s.length == 0 || (s.length == 1 && (s[0] == n || s[0] == 1))) {
      return true;
    }
    return s.length == 2 && s[0] == 1 && s[1] == n && rank >= 2;
  }

  /** A per-feature tensor (see {@link #isPerFeature}) as a float [N] vector. */
  static Tensor broadcast(Tensor t, long n) {
    float[] src = t.floats();
    float[] v = new float[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i++) {
      v[i] = src.length == 1 ? src[0] : src[i];
    }
    return Tensor.ofFloats(t.dtype(), new long[] {n}, v);
  }

  /** The transpose of a 2-D floating tensor. */
  static Tensor transpose(Tensor t) {
    int rows = Math.toIntExact(t.dim(0));
    int cols = Math.toIntExact(t.dim(1));
    float[] src = t.floats();
    float[] dst = new float[src.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        dst[c * rows + r] = src[r * cols + c];
      }
    }
    return Tensor.ofFloats(t.dtype(), new long[] {cols, rows}, dst);
  }

  /** {@code t * factor} in float32 (t itself when factor is 1). */
  static Tensor scale(Tensor t, float factor) {
    if (factor == 1f) {
      return t;
    }
    float[] src = t.floats();
    float[] dst = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      dst[i] = src[i] * factor;
    }
    return Tensor.ofFloats(t.dtype(), t.shape(), dst);
  }
}
