package ancc.runtime.sim.timing;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Node;
import ancc.ir.graph.ShapeInference;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Element counts of buffers declared with one unknown dimension, from the instruction that
 * writes them: im2col (N x output positions rows of C x prod(kernel) columns), quantize (as its
 * source), mvm, shift_add and dequantize (the source's rows), recv (as the send's source),
 * digital ops (the graph's shape rules on the concrete shapes of their inputs, e.g. an attention
 * product [N,H,S,D] x [N,H,D,S]; when those leave a dimension unknown, an element-wise or layout
 * op's first input's dimension at the same position when the ranks agree, e.g. the rows of a slice
 * or a concat, else the first input's element count). Runs to a fixed point over all
 * tiles, so a recv may be resolved after its sender.
 */
final class UnknownDims {
  private UnknownDims() {}

  static void infer(Program p, Shapes s, Map<String, Long> numel) {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (TileProgram tp : p.tiles()) {
        for (Instr in : tp.instrs()) {
          for (String w : in.writes()) {
            if (in instanceof Instr.Digital d && !s.shapeValues.containsKey(w) && evaluate(p, s, d)) {
              progress = true;
            }
            if (unknown(p, w) && !numel.containsKey(w)) {
              Long n = produced(p, s, in, w);
              if (n != null) {
                numel.put(w, n);
                progress = true;
              }
            }
          }
        }
      }
    }
  }

  private static boolean unknown(Program p, String name) {
    Buffer b = p.buffer(name);
    return b != null && b.type().dims().stream().anyMatch(d -> d instanceof Dim.Unknown);
  }

  /** Elements written into {@code dst} by {@code in}, or null while its sources are unresolved. */
  private static Long produced(Program p, Shapes s, Instr in, String dst) {
    return in.accept(Produced.INSTANCE, new Target(p, s, dst));
  }

  /** The buffer {@code dst} an instruction writes, in program {@code p} with shapes {@code s}. */
  private record Target(Program p, Shapes s, String dst) {}

  /** Elements each instruction kind writes (null: not derivable, or sources unresolved). */
  private static final class Produced implements Instr.Visitor<Long, Target> {
    static final Produced INSTANCE = new Produced();

    public Long visit(Instr.Load in, Target t) { return null; }

    public Long visit(Instr.Store in, Target t) { return null; }

    public Long visit(Instr.Send in, Target t) { return null; }

    public Long visit(Instr.Recv r, Target t) {
      Shapes s = t.s;
      for (TileProgram tp : t.p.tiles()) {
        if (tp.tile() == r.fromTile()) {
          for (Instr i : tp.instrs()) {
            if (i instanceof Instr.Send snd && snd.dst().equals(r.dst())) {
              return s.known(snd.src()) ? s.numel(snd.src()) : null;
            }
          }
        }
      }
      return null;
    }

    public Long visit(Instr.Im2col c, Target t) {
      Shapes s = t.s;
      if (!s.known(c.src())) {
        return null;
      }
      long[] x = s.shape(c.src());
      List<Long> k = c.kernelShape();
      int sp = k.size();
      long positions = 1;
      long cols = x[1];
      for (int i = 0; i < sp; i++) {
        long span = c.dilations().get(i) * (k.get(i) - 1) + 1;
        long in2 = x[2 + i] + c.pads().get(i) + c.pads().get(sp + i);
        positions *= Math.max(0, (in2 - span) / c.strides().get(i) + 1);
        cols *= k.get(i);
      }
      return x[0] * positions * cols;
    }

    public Long visit(Instr.Quantize q, Target t) {
      return t.s.known(q.src()) ? t.s.numel(q.src()) : null;
    }

    public Long visit(Instr.Mvm m, Target t) {
      return t.s.known(m.src()) ? t.s.rows(m.src()) * fixedLast(t.p, t.dst) : null;
    }

    public Long visit(Instr.ShiftAdd a, Target t) {
      return t.s.known(a.src()) ? t.s.rows(a.src()) * fixedLast(t.p, t.dst) : null;
    }

    public Long visit(Instr.Dequantize d, Target t) {
      return t.s.known(d.src()) ? t.s.rows(d.src()) * fixedLast(t.p, t.dst) : null;
    }

    public Long visit(Instr.Digital d, Target t) {
      if (d.reads().isEmpty() || !d.reads().stream().allMatch(t.s::known)) {
        return null;
      }
      Long inferred = inferred(t.p, t.s, d, t.dst);
      if (inferred != null || OpWork.isMacOp(d.op())) {
        return inferred;
      }
      return sameRankDim(t.p, t.s, d.reads().get(0), t.dst);
    }

    public Long visit(Instr.Barrier in, Target t) { return null; }
  }

  /**
   * The elements of {@code dst} when it has the rank of {@code src}: its unknown dimension is
   * {@code src}'s at the same position (a slice, an element-wise op or a concat along another
   * axis keeps the rows), times its fixed dimensions; otherwise {@code src}'s element count.
   */
  private static long sameRankDim(Program p, Shapes s, String src, String dst) {
    List<Dim> dims = p.buffer(dst).type().dims();
    long[] in = s.shape(src);
    if (in.length != dims.size()) {
      return s.numel(src);
    }
    long n = 1;
    for (int i = 0; i < dims.size(); i++) {
      Dim d = dims.get(i);
      if (d.isFixed()) {
        n *= d.size();
      } else if (d instanceof Dim.Sym sym) {
        n *= s.symbol(sym.name());
      } else {
        n *= in[i];
      }
    }
    return n;
  }

  /**
   * The elements of output {@code dst} of {@code d} by the graph's shape rules applied to the
   * concrete shapes of its inputs (constants as constants, so a Reshape to a constant shape
   * resolves), or null when the rules leave a dimension unknown (a shape computed at run time).
   */
  private static Long inferred(Program p, Shapes s, Instr.Digital d, String dst) {
    List<Value> ins = new ArrayList<>();
    Map<Value, Tensor> consts = new HashMap<>();
    for (String name : d.inputs()) {
      if (name == null) {
        ins.add(null);
        continue;
      }
      Tensor c = value(p, s, name);
      DType dtype = c != null ? c.dtype() : p.buffer(name).type().dtype();
      Value v = new Value(name, TensorType.of(dtype, s.shape(name)));
      if (c != null) {
        consts.put(v, c);
      }
      ins.add(v);
    }
    List<Value> outs = d.outputs().stream().map(o -> new Value(o, p.buffer(o).type())).toList();
    List<TensorType> types;
    try {
      types = ShapeInference.infer(new Node(d.op(), ins, outs, "timing"), consts::get);
    } catch (RuntimeException e) {
      return null;
    }
    TensorType out = types.get(d.outputs().indexOf(dst));
    long n = 1;
    long[] shape = new long[out.rank()];
    for (int i = 0; i < shape.length; i++) {
      Dim dim = out.dim(i);
      if (!dim.isFixed()) {
        return null;
      }
      shape[i] = dim.size();
      n *= dim.size();
    }
    s.inferredShapes.put(dst, shape);
    return n;
  }

  /** The value of {@code name} when known before running: a program constant or an evaluated shape value. */
  private static Tensor value(Program p, Shapes s, String name) {
    Tensor c = p.constants().get(name);
    return c != null ? c : s.shapeValues.get(name);
  }

  /** Integer outputs of at most this many elements are evaluated (shape arithmetic). */
  private static final long SHAPE_VALUE_LIMIT = 64;

  /**
   * Evaluates a digital op of shape arithmetic ({@code shape}, and integer ops whose inputs are
   * constants or evaluated values: gather, concat, unsqueeze, slice, cast...) on the concrete
   * shapes, so a reshape or expand to a shape computed at run time resolves. Returns whether its
   * outputs' values became known.
   */
  private static boolean evaluate(Program p, Shapes s, Instr.Digital d) {
    for (String o : d.outputs()) {
      Buffer b = p.buffer(o);
      if (b == null || b.type().dtype().isFloating() || b.type().rank() > 1) {
        return false;
      }
    }
    if (d.op() instanceof ancc.ir.graph.Op.Shape sh) {
      String src = d.inputs().get(0);
      if (!s.known(src)) {
        return false;
      }
      long[] shape = s.shape(src);
      int r = shape.length;
      int start = (int) Math.max(0, Math.min(r, sh.start() < 0 ? sh.start() + r : sh.start()));
      int end = (int) Math.max(0, Math.min(r, sh.end() < 0 ? sh.end() + r : sh.end()));
      long[] dims = java.util.Arrays.copyOfRange(shape, start, Math.max(start, end));
      s.shapeValues.put(d.outputs().get(0), Tensor.vector(dims));
      return true;
    }
    List<Tensor> args = new ArrayList<>();
    for (String name : d.inputs()) {
      if (name == null) {
        args.add(null);
        continue;
      }
      Tensor c = value(p, s, name);
      if (c == null || c.size() > SHAPE_VALUE_LIMIT) {
        return false;
      }
      args.add(c);
    }
    List<Value> ins = new ArrayList<>();
    for (int i = 0; i < d.inputs().size(); i++) {
      ins.add(args.get(i) == null ? null : new Value("in" + i, args.get(i).type()));
    }
    List<Value> outs = d.outputs().stream().map(o -> new Value(o, p.buffer(o).type())).toList();
    List<Tensor> results;
    try {
      results = ancc.runtime.interp.Interpreter.evaluate(new Node(d.op(), ins, outs, "timing"), args);
    } catch (RuntimeException e) {
      return false;
    }
    for (int i = 0; i < outs.size(); i++) {
      if (results.get(i).size() > SHAPE_VALUE_LIMIT) {
        return false;
      }
    }
    for (int i = 0; i < outs.size(); i++) {
      s.shapeValues.put(d.outputs().get(i), results.get(i));
    }
    return true;
  }

  private static long fixedLast(Program p, String name) {
    List<Dim> dims = p.buffer(name).type().dims();
    Dim last = dims.get(dims.size() - 1);
    return last.isFixed() ? last.size() : 1;
  }
}
