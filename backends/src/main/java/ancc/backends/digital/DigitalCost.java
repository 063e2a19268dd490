package ancc.backends.digital;

import ancc.backends.Cost;
import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.DigitalWork;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.timing.OpWork;
import ancc.runtime.sim.timing.Widths;

/**
 * The digital cost model, per inference at batch 1, by the ledger's rules for the one
 * {@code digital} instruction a node lowers to (docs/energy-model.md): MACs (conv = out elements x
 * C/group x kernel taps, conv_transpose = in elements x M/group x taps, linear, gemm, matmul = out
 * elements x K) at the MAC energy; element ops (none for MAC and layout ops, one per element of
 * the first input for pooling, reductions, softmax and normalizations, one per output element
 * otherwise) at the vector energy; buffer traffic: every operand (constants included) read and
 * every output written once, in whole accesses per operand, floats at the digital precision. A
 * view (reshape, flatten, squeeze, unsqueeze, identity, dropout) costs nothing. Latency:
 * buffer reads + ceil(MACs / MAC units) MAC cycles or ceil(element ops / width) vector
 * operations + buffer writes, in clock cycles.
 */
public final class DigitalCost {
  private DigitalCost() {}

  public static Cost estimate(Node node, Module m, Chip chip) {
    DigitalTile d = chip.digital().orElseThrow(
        () -> new IllegalArgumentException("chip " + chip.name() + " has no digital tile"));
    Tally t = new Tally();
    if (Widths.isView(node.op())) {
      return t.cost(TileKind.DIGITAL, 0, 0);
    }
    long macs = macs(node, m);
    long vec = OpWork.isMacOp(node.op()) || OpWork.isLayout(node.op()) ? 0
        : OpWork.readsEveryInput(node.op()) ? batchOneNumel(node.input(0).type()) : outputElements(node);
    t.add(Cost.Action.MAC, macs, d.mac().energy().pj());
    t.add(Cost.Action.VECTOR_OP, vec, d.vector().energy().pj());
    BufferSpec b = d.buffer();
    int act = Tally.activationBytes(chip);
    long readCycles = 0;
    for (Value v : node.inputs()) {
      if (v != null) {
        long bytes = batchOneNumel(v.type()) * width(v.type(), act);
        t.read(b, bytes);
        readCycles += b.accesses(bytes);
      }
    }
    long writeCycles = 0;
    for (Value v : node.outputs()) {
      long bytes = batchOneNumel(v.type()) * width(v.type(), act);
      t.write(b, bytes);
      writeCycles += b.accesses(bytes);
    }
    double seconds = (readCycles + writeCycles) * b.latency().seconds()
        + ceilDiv(macs, d.macUnits()) * d.mac().latency().seconds()
        + ceilDiv(vec, d.vectorWidth()) * d.vector().latency().seconds();
    return t.cost(TileKind.DIGITAL, 0, cycles(chip, seconds));
  }

  /** Physical bytes of one element of type {@code t}: floats at the activation width, others as declared. */
  static int width(TensorType t, int act) {
    int declared = t.dtype().byteSize();
    return t.dtype().isFloating() ? Math.min(declared, act) : declared;
  }

  private static long outputElements(Node node) {
    long n = 0;
    for (Value v : node.outputs()) {
      n += batchOneNumel(v.type());
    }
    return n;
  }

  /** Seconds to whole clock cycles (rounded up). */
  public static long cycles(Chip chip, double seconds) {
    double c = seconds * chip.clock().hertz();
    return (long) Math.ceil(c - 1e-9);
  }

  static long ceilDiv(long a, long b) {
    return b <= 0 ? a : (a + b - 1) / b;
  }

  /** Elements of a type per inference: fixed dims count their size, symbolic ones (the batch N) count 1. */
  public static long batchOneNumel(TensorType t) {
    long n = 1;
    for (Dim d : t.dims()) {
      n *= d.isFixed() ? d.size() : 1;
    }
    return n;
  }

  static long macs(Node node, Module m) {
    long out = batchOneNumel(node.output().type());
    return switch (DigitalWork.of(node.op())) {
      case CONV -> out * taps(node.input(1).type());
      case CONV_TRANSPOSE -> batchOneNumel(node.input(0).type()) * taps(node.input(1).type());
      case LINEAR -> out * fixedOrOne(lastDim(node.input(1).type()));
      case MATMUL, GEMM -> node.input(0).type().rank() > 0 ? out * fixedOrOne(lastDim(node.input(0).type())) : out;
      case GEMM_TRANSPOSED_A -> out * fixedOrOne(node.input(0).type().dim(0));
      case PER_INPUT, PER_OUTPUT, LAYOUT, VIEW -> 0;
    };
  }

  private static Dim lastDim(TensorType t) {
    return t.dim(t.rank() - 1);
  }

  private static long fixedOrOne(Dim d) {
    return d.isFixed() ? d.size() : 1;
  }

  /** Elements of a weight per output channel: prod(w.shape[1:]). */
  private static long taps(TensorType w) {
    long taps = 1;
    for (int i = 1; i < w.rank(); i++) {
      taps *= w.dim(i).isFixed() ? w.dim(i).size() : 1;
    }
    return taps;
  }
}
