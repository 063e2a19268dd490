package ancc.backends.cim;

import ancc.backends.Fragment;
import ancc.backends.FragmentBuilder;
import ancc.backends.LoweringContext;
import ancc.backends.Placer.Slot;
import ancc.backends.mapping.InputQuant;
import ancc.backends.mapping.QuantizedWeights;
import ancc.backends.target.CimParams;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.Instr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Emits a recurrent layer on CIM arrays, step by step (docs/mapping.md, "Recurrent layers"). Per
 * direction, W and R are programmed once on arrays of the layer's kind. For each step t (reversed
 * for the reverse direction) x_t W^T is a product on W's arrays (quantize, mvm, shift_add,
 * dequantize with Wb + Rb) and h_{t-1} R^T one on R's arrays (none at the first step of a zero
 * initial state), so only one step's vectors are live in the tile's buffer; the gates (sigmoid, tanh, the element-wise state
 * update, clip and peepholes) run as {@code digital} element ops on the home tile's digital
 * periphery. The hidden states are stacked into Y, the last ones into Y_h (and the cell state into
 * Y_c), in the op's layout.
 */
final class RecurrentLowerer {
  private final RecurrentNode rn;
  private final CimParams p;
  private final LoweringContext ctx;
  private final FragmentBuilder fb;
  private final String layer;
  private final Dim batch;
  private final int h;
  private int home;

  private RecurrentLowerer(RecurrentNode rn, CimParams p, LoweringContext ctx) {
    this.rn = rn;
    this.p = p;
    this.ctx = ctx;
    this.fb = new FragmentBuilder(ctx);
    this.layer = rn.node().output().name();
    this.batch = rn.x().type().dim(rn.op().batchFirst() ? 0 : 1);
    this.h = rn.hidden();
  }

  static Fragment lower(RecurrentNode rn, CimParams p, LoweringContext ctx) {
    return new RecurrentLowerer(rn, p, ctx).run();
  }

  /** Arrays the node needs on arrays of p's size and format: each direction's W and R matrices. */
  static int arrays(RecurrentNode rn, CimParams p) {
    int n = 0;
    for (int d = 0; d < rn.dirs(); d++) {
      n += blocks(rn.inputMatrix(d), p).blocks().size();
      for (RecurrentNode.Matrix m : rn.recurrentMatrices(d)) {
        n += blocks(m, p).blocks().size();
      }
    }
    return n;
  }

  private static Blocks blocks(RecurrentNode.Matrix m, CimParams p) {
    return Blocks.of(m.outputs(), m.inputs(), 1, p.rows(), p.cols(), p.format().columnsPerOutput());
  }

  /** A matrix on its arrays with its dequantize constants. */
  private record Mapped(CimLowerer.OnArrays arrays, String scale, String bias, int outputs) {}

  private Fragment run() {
    List<Slot> slots = ctx.placer().placeArrays(p.kind(), arrays(rn, p), layer);
    home = slots.get(0).tile();
    InputQuant xq = CimLowerer.inputQuant(ctx.calibration().range(rn.x()), p);
    InputQuant hq = CimLowerer.inputQuant(stateRange(), p);
    float[][] xRows = CalibrationRows.rows(ctx.calibration().sample(rn.x()), rn.input(), false);
    float[][] hRows = CalibrationRows.rows(ctx.calibration().sample(rn.node().output()), h, false);
    int next = 0;
    List<Mapped> w = new ArrayList<>();
    List<List<Mapped>> r = new ArrayList<>();
    for (int d = 0; d < rn.dirs(); d++) {
      RecurrentNode.Matrix wm = rn.inputMatrix(d);
      int n = blocks(wm, p).blocks().size();
      w.add(map(wm, rn.inputBias(d), slots.subList(next, next + n), xq, xRows));
      next += n;
      List<Mapped> rs = new ArrayList<>();
      for (RecurrentNode.Matrix rm : rn.recurrentMatrices(d)) {
        int k = blocks(rm, p).blocks().size();
        rs.add(map(rm, rn.splitR() ? null : rn.recurrentBias(d), slots.subList(next, next + k), hq, hRows));
        next += k;
      }
      r.add(rs);
    }
    String x = fb.fetch(rn.x(), home);
    List<List<String>> ys = new ArrayList<>();
    List<String> lastH = new ArrayList<>();
    List<String> lastC = new ArrayList<>();
    for (int d = 0; d < rn.dirs(); d++) {
      Direction dir = new Direction(d, w.get(d), r.get(d));
      ys.add(dir.run(x));
      lastH.add(dir.hState);
      lastC.add(dir.cState);
    }
    outputs(ys, lastH, lastC);
    return fb.build();
  }

  /** {min, max} of the hidden state: Y's calibrated range with initial_h's and the zero state. */
  private double[] stateRange() {
    double[] y = ctx.calibration().range(rn.node().output());
    double lo = Math.min(0, y[0]);
    double hi = Math.max(0, y[1]);
    if (rn.initialH() != null) {
      double[] h0 = ctx.calibration().range(rn.initialH());
      lo = Math.min(lo, h0[0]);
      hi = Math.max(hi, h0[1]);
    }
    return new double[] {lo, hi};
  }

  private Mapped map(RecurrentNode.Matrix m, float[] bias, List<Slot> slots, InputQuant iq, float[][] rows) {
    QuantizedWeights qw = QuantizedWeights.quantize(m.weights(), m.outputs(), m.inputs(), 1, p.format().weightBits());
    CimLowerer.OnArrays on = CimLowerer.OnArrays.program(fb, p, ctx, layer, home, slots, blocks(m, p), qw, iq, rows);
    String scale = fb.constant(layer + "." + m.name() + ".w_scale",
        Tensor.ofFloats(new long[] {m.outputs()}, qw.scales().clone()));
    String b = bias == null ? null : fb.constant(layer + "." + m.name() + ".bias",
        Tensor.ofFloats(new long[] {m.outputs()}, bias.clone()));
    return new Mapped(on, scale, b, m.outputs());
  }

  /** src [rows, K] times the mapped matrix, dequantized: [rows, M] on the home tile. */
  private String product(Mapped m, String src, String prefix, Dim rows) {
    String acc = m.arrays().apply(src, prefix, rows);
    String deq = fb.buffer(prefix + ".deq", home, new TensorType(DType.F32, List.of(rows, Dim.of(m.outputs()))));
    fb.emit(home, new Instr.Dequantize(acc, deq, m.arrays().iq().scale(), m.scale(), m.bias()));
    return deq;
  }

  private TensorType state(int n) {
    return new TensorType(DType.F32, List.of(batch, Dim.of(n)));
  }

  /** One direction: the input product, then the steps. */
  private final class Direction {
    private final int d;
    private final Mapped w;
    private final List<Mapped> r;
    private final String pre;
    private String hState;
    private String cState;
    private String step;

    Direction(int d, Mapped w, List<Mapped> r) {
      this.d = d;
      this.w = w;
      this.r = r;
      this.pre = layer + ".d" + d;
    }

    /** The hidden states of every step, in time order. */
    List<String> run(String x) {
      int g = rn.gates() * h;
      boolean bf = rn.op().batchFirst();
      TensorType xsType = new TensorType(DType.F32,
          bf ? List.of(batch, Dim.of(1), Dim.of(rn.input())) : List.of(Dim.of(1), batch, Dim.of(rn.input())));
      String axis = fb.constant(layer + ".seq_axis", Tensor.vector(bf ? 1 : 0));
      String rowShape = fb.constant(layer + ".x_shape", Tensor.vector(-1, rn.input()));
      hState = initial(rn.initialH(), "h0");
      cState = initial(rn.initialC(), "c0");
      String[] hs = new String[rn.seq()];
      boolean reverse = rn.op().direction() == Op.RnnDirection.REVERSE || d == 1;
      for (int s = 0; s < rn.seq(); s++) {
        int t = reverse ? rn.seq() - 1 - s : s;
        step = pre + ".t" + t;
        String xs = digital(new Op.Slice(), step + ".xs", xsType, x, fb.constant(layer + ".t" + t + ".start",
            Tensor.vector(t)), fb.constant(layer + ".t" + t + ".end", Tensor.vector(t + 1)), axis);
        String xin = digital(new Op.Reshape(false), step + ".xin", state(rn.input()), xs, rowShape);
        String xt = product(w, xin, step + ".w", batch);
        switch (rn.op().kind()) {
          case LSTM -> lstm(xt);
          case GRU -> gru(xt);
          case RNN -> rnn(xt);
        }
        hs[t] = hState;
      }
      return Arrays.asList(hs);
    }

    /** This direction's [batch, H] slice of initial_h or initial_c, or null (zero state). */
    private String initial(Value v, String name) {
      if (v == null) {
        return null;
      }
      String all = fb.fetch(v, home);
      String part = all;
      if (rn.dirs() > 1) {
        boolean bf = rn.op().batchFirst();
        TensorType pt = new TensorType(DType.F32, bf ? List.of(batch, Dim.of(1), Dim.of(h)) : List.of(Dim.of(1), batch,
            Dim.of(h)));
        part = digital(new Op.Slice(), pre + "." + name + "_slice", pt, all, fb.constant(pre + ".dir_start",
            Tensor.vector(d)), fb.constant(pre + ".dir_end", Tensor.vector(d + 1)),
            fb.constant(pre + ".dir_axis", Tensor.vector(bf ? 1 : 0)));
      }
      return digital(new Op.Reshape(false), pre + "." + name, state(h), part,
          fb.constant(pre + ".state_shape", Tensor.vector(-1, h)));
    }

    /** h_{t-1} R^T on R's arrays ([batch, M]), or null at a zero state. */
    private String recurrent(Mapped m, String hPrev, String name) {
      return hPrev == null ? null : product(m, hPrev, step + "." + name, batch);
    }

    private void lstm(String xt) {
      String hr = recurrent(r.get(0), hState, "r");
      String z = hr == null ? xt : add(xt, hr, "pre", 4 * h);
      String[] gate = split(z, 4, "gate");
      String cPrev = cState;
      String i = gate[0];
      String f = gate[2];
      if (cPrev != null && rn.peep() != null) {
        i = add(i, mul(cPrev, peephole(0), "pi"), "ip", h);
        f = add(f, mul(cPrev, peephole(2), "pf"), "fp", h);
      }
      i = unary(Op.UnaryOp.SIGMOID, clip(i, "ic"), "i");
      f = rn.op().inputForget() ? sub(one(), i, "f") : unary(Op.UnaryOp.SIGMOID, clip(f, "fc"), "f");
      String g = unary(Op.UnaryOp.TANH, clip(gate[3], "gc"), "g");
      String ig = mul(i, g, "ig");
      String c = cPrev == null ? ig : add(mul(f, cPrev, "fcp"), ig, "c", h);
      String o = gate[1];
      if (rn.peep() != null) {
        o = add(o, mul(c, peephole(1), "po"), "op", h);
      }
      o = unary(Op.UnaryOp.SIGMOID, clip(o, "oc"), "o");
      hState = mul(o, unary(Op.UnaryOp.TANH, c, "tc"), "h");
      cState = c;
    }

    private void gru(String xt) {
      String hPrev = hState;
      String[] x = split(xt, 3, "xg");
      String hz = null;
      String hr = null;
      String hh;
      if (rn.splitR()) {
        String zr = recurrent(r.get(0), hPrev, "rzr");
        if (zr != null) {
          String[] parts = split(zr, 2, "hg");
          hz = parts[0];
          hr = parts[1];
        }
        hh = null;
      } else {
        String all = recurrent(r.get(0), hPrev, "r");
        if (all != null) {
          String[] parts = split(all, 3, "hg");
          hz = parts[0];
          hr = parts[1];
          hh = parts[2];
        } else {
          float[] rb = rn.hiddenGateBias(d);
          hh = rb == null ? null : fb.constant(pre + ".rb_h", Tensor.ofFloats(new long[] {h}, rb));
        }
      }
      String z = unary(Op.UnaryOp.SIGMOID, clip(hz == null ? x[0] : add(x[0], hz, "zp", h), "zc"), "z");
      String rg = unary(Op.UnaryOp.SIGMOID, clip(hr == null ? x[1] : add(x[1], hr, "rp", h), "rc"), "rg");
      String cand;
      if (rn.splitR()) {
        String hidden = hPrev == null ? null : recurrent(r.get(1), mul(rg, hPrev, "rh"), "rh");
        cand = hidden == null ? x[2] : add(x[2], hidden, "hp", h);
      } else {
        cand = hh == null ? x[2] : add(x[2], mul(rg, hh, "rhh"), "hp", h);
      }
      cand = unary(Op.UnaryOp.TANH, clip(cand, "hc"), "cand");
      // h = (1 - z) cand + z h_{t-1} = cand + z (h_{t-1} - cand); a zero state leaves (1 - z) cand.
      hState = hPrev == null ? mul(sub(one(), z, "nz"), cand, "h")
          : add(cand, mul(z, sub(hPrev, cand, "dh"), "zdh"), "h", h);
    }

    private void rnn(String xt) {
      String hr = recurrent(r.get(0), hState, "r");
      String z = hr == null ? xt : add(xt, hr, "pre", h);
      hState = unary(Op.UnaryOp.TANH, clip(z, "pc"), "h");
    }

    private String[] split(String src, int parts, String name) {
      List<String> outs = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        outs.add(fb.buffer(step + "." + name + k, home, state(h)));
      }
      fb.emit(home, new Instr.Digital(new Op.Split(1), List.of(src), outs));
      return outs.toArray(new String[0]);
    }

    private String clip(String v, String name) {
      float c = rn.op().clip();
      if (c <= 0) {
        return v;
      }
      return digital(new Op.Clip(), step + "." + name, state(h), v, fb.constant(layer + ".clip_min", Tensor.scalar(-c)),
          fb.constant(layer + ".clip_max", Tensor.scalar(c)));
    }

    private String peephole(int k) {
      return fb.constant(pre + ".p" + "iof".charAt(k), Tensor.ofFloats(new long[] {h}, rn.peephole(d, k)));
    }

    private String one() {
      return fb.constant(layer + ".one", Tensor.scalar(1f));
    }

    private String unary(Op.UnaryOp kind, String v, String name) {
      return digital(new Op.Unary(kind), step + "." + name, state(h), v);
    }

    private String add(String a, String b, String name, int n) {
      return digital(new Op.Binary(Op.BinaryOp.ADD), step + "." + name, state(n), a, b);
    }

    private String sub(String a, String b, String name) {
      return digital(new Op.Binary(Op.BinaryOp.SUB), step + "." + name, state(h), a, b);
    }

    private String mul(String a, String b, String name) {
      return digital(new Op.Binary(Op.BinaryOp.MUL), step + "." + name, state(h), a, b);
    }
  }

  /** Y (the steps' hidden states stacked in the op's layout), Y_h and, for an LSTM, Y_c. */
  private void outputs(List<List<String>> ys, List<String> lastH, List<String> lastC) {
    boolean bf = rn.op().batchFirst();
    List<Value> outs = rn.node().outputs();
    // Y: [seq, dirs, batch, H] (batch-first [batch, seq, dirs, H]); a step is [1, 1, batch, H] ([batch, 1, 1, H]).
    long[] stepShape = bf ? new long[] {-1, 1, 1, h} : new long[] {1, 1, -1, h};
    List<String> dirs = new ArrayList<>();
    for (int d = 0; d < rn.dirs(); d++) {
      List<Dim> dims = bf ? List.of(batch, Dim.of(rn.seq()), Dim.of(1), Dim.of(h))
          : List.of(Dim.of(rn.seq()), Dim.of(1), batch, Dim.of(h));
      boolean whole = rn.dirs() == 1;
      String name = whole ? outs.get(0).name() : layer + ".d" + d + ".y";
      TensorType type = whole ? outs.get(0).type() : new TensorType(DType.F32, dims);
      dirs.add(stack(ys.get(d), stepShape, bf ? 1 : 0, name, type, layer + ".d" + d + ".y"));
    }
    if (rn.dirs() > 1) {
      digital(new Op.Concat(bf ? 2 : 1), outs.get(0).name(), outs.get(0).type(), dirs.toArray(new String[0]));
    }
    // Y_h, Y_c: [dirs, batch, H] (batch-first [batch, dirs, H]); a direction's state is [1, batch, H] ([batch, 1, H]).
    long[] stateShape = bf ? new long[] {-1, 1, h} : new long[] {1, -1, h};
    stack(lastH, stateShape, bf ? 1 : 0, outs.get(1).name(), outs.get(1).type(), layer + ".yh");
    if (outs.size() > 2) {
      stack(lastC, stateShape, bf ? 1 : 0, outs.get(2).name(), outs.get(2).type(), layer + ".yc");
    }
    for (Value v : outs) {
      fb.define(v, home, v.name());
    }
  }

  /** Reshapes each [batch, H] part to {@code shape} and concatenates them along {@code axis} into {@code dst}. */
  private String stack(List<String> parts, long[] shape, int axis, String dst, TensorType dstType, String prefix) {
    String shapeConst = fb.constant(prefix + ".part_shape", Tensor.vector(shape));
    if (parts.size() == 1) {
      return digital(new Op.Reshape(false), dst, dstType, parts.get(0), shapeConst);
    }
    List<Dim> partDims = new ArrayList<>();
    for (long s : shape) {
      partDims.add(s < 0 ? batch : Dim.of(s));
    }
    TensorType partType = new TensorType(DType.F32, partDims);
    String[] viewed = new String[parts.size()];
    for (int k = 0; k < parts.size(); k++) {
      viewed[k] = digital(new Op.Reshape(false), prefix + ".part" + k, partType, parts.get(k), shapeConst);
    }
    return digital(new Op.Concat(axis), dst, dstType, viewed);
  }

  private String digital(Op op, String dst, TensorType type, String... ins) {
    return CimLowerer.digitalOn(fb, home, op, dst, type, ins);
  }
}
