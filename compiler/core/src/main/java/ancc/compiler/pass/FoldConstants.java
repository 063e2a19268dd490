// fold-constants: computes at compile time what does not depend on the graph inputs, so later
// stages see plain weights instead of exporter arithmetic. In one forward sweep:
//  1. a node whose inputs are all constants (absent optional inputs allowed) is run through the
//     reference interpreter and replaced by constants that keep its output names, unless its
//     results would exceed maxElements (default 2^20 elements in all: folding must not blow up
//     the module, e.g. an Expand of a scalar to a huge tensor; a remark says what was skipped);
//  2. small integer "shape values" are followed symbolically (ShapeValues: Shape, Gather,
//     Unsqueeze, Concat, Slice, ...): when every element of a result is known, e.g. Shape of a
//     tensor whose dims are all fixed, or Gather of a fixed dim out of a Shape, it becomes a
//     constant;
//  3. a Reshape whose output type is known (all dims fixed, or exactly one not) gets a constant
//     shape input: fixed dims as themselves, the other as 0 when it is the same symbol at the same
//     index of the input (copy), else -1 (inferred). The Shape/Gather/Unsqueeze/Concat chain that
//     fed it (PyTorch's x.view(x.size(0), -1)) is then dead and eliminate-dead-code removes it;
//  4. nodes whose inputs changed, or read a shape value followed in this sweep, are re-typed with
//     ShapeInference, and only unknown dims of their declared output types are refined (never a
//     symbol or a fixed size), so refinements flow downstream within the same sweep.
// Folded-away inputs are left for eliminate-dead-code.
package ancc.compiler.pass;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.ShapeInference;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.shape.ShapeValues;
import ancc.ir.graph.shape.SymInt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Evaluates constant subgraphs, shape computations and Reshape targets at compile time. */
public final class FoldConstants implements Pass {
  /** Default limit on the elements a folded node may produce (all outputs together). */
  public static final long DEFAULT_MAX_ELEMENTS = 1L << 20;

  private final long maxElements;

  public FoldConstants() {
    this(DEFAULT_MAX_ELEMENTS);
  }

  /** A folder that leaves nodes producing more than {@code maxElements} elements alone. */
  public FoldConstants(long maxElements) {
    if (maxElements < 0) {
      throw new IllegalArgumentException("negative element limit " + maxElements);
    }
    this.maxElements = maxElements;
  }

  @Override
  public String name() {
    return "fold-constants";
  }

  @Override
  public String summary() {
    return "evaluate nodes with constant inputs, fixed shape computations and Reshape targets";
  }

  @Override
  public Module run(Module m, PassContext ctx) {
    return new Run(m, ctx).sweep();
  }

  /** State of one run over one module. */
  private final class Run {
    private final Module m;
    private final PassContext ctx;
    private final PassContext.FreshNames names;
    private final Module.Builder out;
    private final Map<String, Tensor> consts = new HashMap<>();
    private final Map<String, List<SymInt>> shapeValues = new HashMap<>();
    private final Function<Value, Tensor> constOf = v -> v == null ? null : consts.get(v.name());
    private final Function<Value, List<SymInt>> shapeValueOf = v -> shapeValues.get(v.name());
    private final Rewriter rw = new Rewriter();
    /** Names of the node outputs that became constants in this run. */
    private final Set<String> folded = new HashSet<>();
    private boolean changed;

    Run(Module m, PassContext ctx) {
      this.m = m;
      this.ctx = ctx;
      this.names = ctx.freshNames(m);
      this.out = m.toBuilder();
      out.nodes().clear();
      m.constants().forEach((v, t) -> consts.put(v.name(), t));
    }

    Module sweep() {
      for (Node original : m.nodes()) {
        Node n = rw.apply(original);
        if (allInputsConstant(n) && foldByEvaluation(n)) {
          continue;
        }
        if (foldShapeValue(n)) {
          continue;
        }
        if (!n.inputs().equals(original.inputs()) || readsFolded(n) || readsShapeValue(n)) {
          n = refineTypes(n);
        }
        if (n.op() instanceof Op.Reshape r) {
          n = constantReshapeTarget(n, r);
        }
        changed |= !n.equals(original);
        out.node(n);
      }
      return changed ? rw.apply(out.build()) : m;
    }

    /**
     * True when an input of {@code n} is a shape value followed in this run: a Reshape whose target
     * is [batch, h / 7, w / 7, ...] computed from shapes (Swin's window reverse) learns its dims
     * from it although the target itself stays a node (its batch element is a symbol).
     */
    private boolean readsShapeValue(Node n) {
      for (Value v : n.inputs()) {
        if (v != null && shapeValues.containsKey(v.name())) {
          return true;
        }
      }
      return false;
    }

    /** True when an input of {@code n} became a constant in this run. */
    private boolean readsFolded(Node n) {
      for (Value v : n.inputs()) {
        if (v != null && folded.contains(v.name())) {
          return true;
        }
      }
      return false;
    }

    private boolean allInputsConstant(Node n) {
      for (Value v : n.inputs()) {
        if (v != null && !consts.containsKey(v.name())) {
          return false;
        }
      }
      return true;
    }

    /** Case 1: evaluates {@code n}; false (nothing done) when its results would be too large. */
    private boolean foldByEvaluation(Node n) {
      long declared = 0; // elements of the outputs whose types are static: a lower bound
      for (Value v : n.outputs()) {
        if (v.type().isStatic()) {
          declared += v.type().numel();
        }
      }
      if (declared > maxElements) {
        tooLarge(n, declared);
        return false;
      }
      List<Tensor> ins = new ArrayList<>(n.inputs().size());
      for (Value v : n.inputs()) {
        ins.add(constOf.apply(v));
      }
      List<Tensor> results = NodeEvaluator.evaluate(n, ins);
      long total = 0;
      for (Tensor t : results) {
        total += t.size();
      }
      if (total > maxElements) {
        tooLarge(n, total);
        return false;
      }
      for (int k = 0; k < n.outputs().size(); k++) {
        Value v = n.outputs().get(k);
        Tensor t = results.get(k);
        // As the interpreter does: f16/bf16/f64 results come in f32 storage, labelled as declared.
        if (t.dtype() != v.type().dtype() && t.isFloating() == v.type().dtype().isFloating()) {
          t = t.withDtype(v.type().dtype());
        }
        define(v, t);
      }
      return true;
    }

    private void tooLarge(Node n, long elements) {
      ctx.remark(name(), "not folding " + n.describe() + ": its results have " + elements
          + " elements, more than the limit of " + maxElements);
    }

    /** Case 2: a small integer result whose every element is known becomes a constant. */
    private boolean foldShapeValue(Node n) {
      List<SymInt> elems = ShapeValues.propagate(n, constOf, shapeValueOf);
      if (elems == null) {
        return false;
      }
      Tensor t = n.outputs().size() == 1 ? ShapeValues.toTensor(elems, n.output().type()) : null;
      if (t == null) {
        shapeValues.put(n.output().name(), elems);
        return false;
      }
      define(n.output(), t);
      return true;
    }

    /** {@code v} becomes a constant holding {@code t}, keeping its name (its type may become more precise). */
    private void define(Value v, Tensor t) {
      Value c = new Value(v.name(), t.type());
      out.constant(c, t);
      consts.put(c.name(), t);
      folded.add(c.name());
      rw.replace(v, c);
      changed = true;
    }

    /** Case 4: output types re-inferred from the (changed) inputs; only unknown dims are refined. */
    private Node refineTypes(Node n) {
      List<TensorType> inferred = ShapeInference.infer(n, constOf, shapeValueOf);
      List<Value> outs = new ArrayList<>(n.outputs().size());
      boolean refined = false;
      for (int k = 0; k < n.outputs().size(); k++) {
        Value v = n.outputs().get(k);
        TensorType t = k < inferred.size() ? refine(v.type(), inferred.get(k)) : v.type();
        if (!t.equals(v.type())) {
          Value nv = new Value(v.name(), t);
          rw.replace(v, nv);
          outs.add(nv);
          refined = true;
        } else {
          outs.add(v);
        }
      }
      return refined ? n.withOutputs(outs) : n;
    }

    /** Case 3: the Reshape with a constant shape input derived from its output type, or n itself. */
    private Node constantReshapeTarget(Node n, Op.Reshape r) {
      if (consts.containsKey(n.input(1).name())) {
        return n;
      }
      long[] target = reshapeTarget(n.input(0).type(), n.output().type(), r.allowzero());
      if (target == null) {
        return n;
      }
      Tensor t = Tensor.vector(target);
      Value shape = new Value(names.fresh(n.output().name() + "_shape"), t.type());
      out.constant(shape, t);
      consts.put(shape.name(), t);
      return n.withInputs(List.of(n.input(0), shape));
    }
  }

  /** {@code declared} with each unknown dim replaced by the inferred one (same dtype and rank only). */
  static TensorType refine(TensorType declared, TensorType inferred) {
    if (declared.dtype() != inferred.dtype() || declared.rank() != inferred.rank()) {
      return declared;
    }
    List<Dim> dims = new ArrayList<>(declared.dims());
    for (int i = 0; i < dims.size(); i++) {
      if (dims.get(i) instanceof Dim.Unknown) {
        dims.set(i, inferred.dim(i));
      }
    }
    return declared.withDims(dims);
  }

  /**
   * A constant Reshape shape producing {@code out} from {@code in}, or null: every fixed dim as
   * itself, at most one other dim as 0 (same symbol at the same index of the input, copied) or -1
   * (inferred). Null when two or more dims are not fixed, or when a zero-size dim would be
   * misread (a 0 without allowzero copies the input dim; -1 is ambiguous next to a 0).
   */
  static long[] reshapeTarget(TensorType in, TensorType out, boolean allowzero) {
    long[] target = new long[out.rank()];
    int open = 0;
    boolean zero = false;
    for (int i = 0; i < target.length; i++) {
      Dim d = out.dim(i);
      Dim src = i < in.rank() ? in.dim(i) : null;
      if (d.isFixed()) {
        target[i] = d.size();
        zero |= d.size() == 0;
        if (d.size() == 0 && !allowzero && !d.equals(src)) {
          return null;
        }
      } else if (++open > 1) {
        return null;
      } else {
        target[i] = !allowzero && d instanceof Dim.Sym && d.equals(src) ? 0 : -1;
      }
    }
    for (long t : target) {
      if (t == -1 && zero) {
        return null;
      }
    }
    return target;
  }
}
