// fold-batch-norm: an inference-mode batch_normalization right after a conv, linear or gemm
// with constant weights is a per-channel affine map, so it folds into those weights:
//   s = scale / sqrt(var + eps),  W' = W * s (per output channel),  b' = (b - mean) * s + B
// (all in double, rounded once to float32). The BN node disappears, the producer reads W' and
// b' (a new bias when it had none) and takes over the BN's output name, so downstream nodes and
// graph outputs are untouched. Only when the producer's result has no other use (else the
// un-normalized value is still needed). On a CIM chip this removes a whole digital layer.
// The old weights stay behind until eliminate-dead-code removes them.
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Folds batch_normalization into a preceding conv, linear or gemm with constant weights. */
public final class FoldBatchNorm implements Pass {

  @Override
  public String name() {
    return "fold-batch-norm";
  }

  @Override
  public String summary() {
    return "fold inference batch_normalization into the preceding conv/linear/gemm weights and bias";
  }

  @Override
  public Module run(Module m, PassContext ctx) {
    Uses uses = new Uses(m);
    PassContext.FreshNames names = ctx.freshNames(m);
    Module.Builder b = m.toBuilder();
    Map<Node, Node> replaced = new HashMap<>();
    Set<Node> dropped = new HashSet<>();
    for (Node bn : m.nodes()) {
      if (!(bn.op() instanceof Op.BatchNormalization op)) {
        continue;
      }
      Node producer = uses.producer(bn.input(0));
      Affine affine = affine(m, bn, op.epsilon());
      if (producer == null || affine == null || !uses.hasSingleUse(bn.input(0))) {
        continue;
      }
      Node folded = fold(m, b, names, producer, affine, bn);
      if (folded != null) {
        replaced.put(producer, folded);
        dropped.add(bn);
      }
    }
    if (dropped.isEmpty()) {
      return m;
    }
    b.nodes().clear();
    for (Node n : m.nodes()) {
      if (!dropped.contains(n)) {
        b.node(replaced.getOrDefault(n, n));
      }
    }
    return b.build();
  }

  /** BN(x) = (x - mean) * s + shift per channel, with s = scale / sqrt(var + eps). */
  private record Affine(double[] s, double[] mean, double[] shift) {}

  /** The BN's per-channel map, or null unless its four parameters are constant 1-D [C]. */
  private static Affine affine(Module m, Node bn, float eps) {
    Tensor[] p = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      p[i] = m.constant(bn.input(i + 1));
      if (p[i] == null || !p[i].isFloating() || p[i].rank() != 1 || p[i].dim(0) != p[0].dim(0)) {
        return null;
      }
    }
    int c = p[0].size();
    double[] s = new double[c];
    double[] mean = new double[c];
    double[] shift = new double[c];
    for (int i = 0; i < c; i++) {
      s[i] = p[0].getDouble(i) / Math.sqrt(p[3].getDouble(i) + (double) eps);
      mean[i] = p[2].getDouble(i);
      shift[i] = p[1].getDouble(i);
    }
    return new Affine(s, mean, shift);
  }

  /** The producer rewritten to compute the BN's output, or null when it is not foldable. */
  private static Node fold(Module m, Module.Builder b, PassContext.FreshNames names, Node producer,
      Affine bn, Node bnNode) {
    Value w = producer.input(1);
    Tensor wt = m.constant(w);
    Value bias = producer.input(2);
    Tensor bt = bias == null ? null : m.constant(bias);
    int c = bn.s().length;
    if (wt == null || !wt.isFloating() || wt.rank() < 2 || (bias != null && bt == null)
        || (bt != null && bt.dtype() != wt.dtype())) {
      return null;
    }
    Op op = producer.op();
    int xRank = bnNode.input(0).type().rank();
    boolean rowsAreChannels = true; // W [C, ...] (conv, linear, gemm with transB) or W [K, C]
    double biasScale = 1;
    if (op instanceof Op.Conv) {
      if (wt.rank() < 3 || xRank < 3 || (bt != null && !isVector(bt, c))) {
        return null;
      }
    } else if (op instanceof Op.Linear) {
      if (wt.rank() != 2 || xRank != 2 || (bt != null && !isVector(bt, c))) {
        return null;
      }
    } else if (op instanceof Op.Gemm g) {
      rowsAreChannels = g.transB();
      biasScale = g.beta();
      if (wt.rank() != 2 || (bt != null && !FuseLinear.isPerFeature(bt, c, 2))) {
        return null;
      }
    } else {
      return null;
    }
    if ((rowsAreChannels ? wt.dim(0) : wt.dim(1)) != c) {
      return null;
    }
    float[] src = wt.floats();
    float[] dst = new float[src.length];
    int cols = Math.toIntExact(wt.dim(wt.rank() - 1));
    int perRow = src.length / Math.toIntExact(wt.dim(0));
    for (int i = 0; i < src.length; i++) {
      int ch = rowsAreChannels ? i / perRow : i % cols;
      dst[i] = (float) (src[i] * bn.s()[ch]);
    }
    float[] newBias = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double old = bt == null ? 0 : biasScale * bt.getDouble(bt.size() == 1 ? 0 : ch);
      newBias[ch] = (float) ((old - bn.mean()[ch]) * bn.s()[ch] + bn.shift()[ch]);
    }
    Value w2 = constant(b, names.fresh(w.name() + "_bn"), Tensor.ofFloats(wt.dtype(), wt.shape(), dst));
    String biasHint = (bias != null ? bias.name() : bnNode.input(2).name()) + "_bn";
    Value b2 = constant(b, names.fresh(biasHint), Tensor.ofFloats(wt.dtype(), new long[] {c}, newBias));
    Op newOp = op instanceof Op.Gemm g ? new Op.Gemm(g.alpha(), 1f, g.transA(), g.transB()) : op;
    return new Node(newOp, List.of(producer.input(0), w2, b2), List.of(bnNode.output()), producer.loc());
  }

  private static boolean isVector(Tensor t, int n) {
    return t.rank() == 1 && t.dim(0) == n;
  }

  private static Value constant(Module.Builder b, String name, Tensor t) {
    Value v = new Value(name, t.type());
    b.constant(v, t);
    return v;
  }
}
