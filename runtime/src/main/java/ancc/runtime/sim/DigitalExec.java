package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.DigitalTile;
import ancc.ir.graph.DType;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import ancc.runtime.interp.Interpreter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code digital} instruction: builds a graph IR node from the instruction and runs it with
 * the reference interpreter ({@link Interpreter#evaluate}). Operands are buffers (converted to
 * their declared element types) or program constants.
 *
 * <p>Precision: in ANALOG mode a digital tile whose chip precision is fp16 stores values in fp16:
 * float operands and results are rounded to fp16 (round half to even), the op itself computing
 * in float32 as the interpreter does (fp32 accumulation). In IDEAL mode, and for fp32 tiles and
 * the digital periphery of CIM tiles, the op is the interpreter's fp32 exactly. int8 digital
 * tiles are computed in fp32 (their quantization is not modelled). The rounding is skipped where
 * it cannot change a bit: on operands that are the fp16 results of a recent digital op ({@link
 * SimState#isHalf}) and on the results of ops that only select or move such values ({@link
 * #selects}).
 */
final class DigitalExec {
  private DigitalExec() {}

  static void run(Instr.Digital d, SimState state, TileProgram tp, String where) {
    boolean fp16 = tp.kind() == TileKind.DIGITAL && !state.options().isIdeal()
        && state.chip().digital().map(DigitalTile::precision).orElse(DigitalTile.Precision.FP32)
            == DigitalTile.Precision.FP16;
    List<Tensor> args = new ArrayList<>();
    boolean rounded = true;
    List<Value> ins = new ArrayList<>();
    for (String name : d.inputs()) {
      if (name == null) {
        args.add(null);
        ins.add(null);
        continue;
      }
      Tensor t = state.operand(name, where);
      if (fp16 && !state.isHalf(t)) {
        t = toHalf(t);
      }
      rounded &= !t.isFloating() || t.dtype() == DType.F32;
      args.add(t);
      ins.add(new Value(name, t.type()));
    }
    List<Value> outs = new ArrayList<>();
    for (String name : d.outputs()) {
      Buffer b = state.declared(name);
      if (b == null) {
        throw new InvalidInputException(where + ": output %" + name + " is not a declared buffer");
      }
      outs.add(new Value(name, b.type()));
    }
    Node node = new Node(d.op(), ins, outs, "tile " + tp.tile() + " " + d.op().name());
    List<Tensor> results = Interpreter.evaluate(node, args);
    for (int i = 0; i < outs.size(); i++) {
      Tensor r = results.get(i);
      DType want = outs.get(i).type().dtype();
      if (r.isFloating() == want.isFloating() && r.dtype() != want) {
        r = r.withDtype(want);
      }
      if (fp16) {
        // an op that only selects or moves its (already fp16) input values, or writes 0, yields fp16 values
        r = rounded && selects(d.op()) ? r : toHalf(r);
        state.markHalf(r);
      }
      state.write(outs.get(i).name(), r);
    }
  }

  /**
   * Whether every output value of {@code op} is one of its float inputs' values, +0 or -infinity
   * (all exact in fp16), so that rounding its output to fp16 changes nothing when its float inputs
   * were (all float32, hence rounded).
   */
  static boolean selects(Op op) {
    return op instanceof Op.Unary u && u.kind() == Op.UnaryOp.RELU || op instanceof Op.MaxPool
        || op instanceof Op.Reshape || op instanceof Op.Flatten || op instanceof Op.Transpose
        || op instanceof Op.Identity;
  }

  /** A float32 tensor's values rounded to fp16 (kept as f32); other tensors unchanged. */
  private static Tensor toHalf(Tensor t) {
    if (t.dtype() != DType.F32) {
      return t;
    }
    float[] a = t.floats();
    float[] y = new float[a.length];
    Blocks.range(a.length, Arith.GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) {
        y[i] = half(a[i]);
      }
    });
    return Tensor.ofFloats(t.shape(), y);
  }

  private static final float ROUNDER = 0x1.8p23f;

  /**
   * v rounded to the nearest fp16 value, ties to even, as a float: beyond the largest half
   * (from 65520 on) to infinity, below the smallest normal half (2^-14) on the subnormal quantum
   * 2^-24; NaN and infinities unchanged.
   */
  static float half(float v) {
    float a = Math.abs(v);
    if (a < 0x1p-14f) {
      // a x 2^24 < 2^10: adding and subtracting 1.5 x 2^23 rounds it to an integer, ties to even
      return Math.copySign(((a * 0x1p24f + ROUNDER) - ROUNDER) * 0x1p-24f, v);
    }
    if (a < 65520f) {
      int bits = Float.floatToRawIntBits(v);
      bits += 0xFFF + ((bits >>> 13) & 1);
      return Float.intBitsToFloat(bits & ~0x1FFF);
    }
    return a == a ? Math.copySign(Float.POSITIVE_INFINITY, v) : v;
  }
}
