package ancc.backends.digital;

import ancc.backends.Cost;
import ancc.backends.Cost.Action;
import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The digital cost model, per inference at batch 1. MACs: conv = out elements x C/group x
 * kernel taps; linear, gemm, matmul = out elements x K. Vector ops: pooling = out elements x
 * kernel taps, global pooling = input elements, softmax / normalization = 4 x elements, data
 * movement that is a view (reshape, flatten, squeeze, unsqueeze, identity, dropout, shape) = 0,
 * everything else = output elements. Buffer bytes: inputs read plus outputs written at the
 * tile's precision. Latency: ceil(MACs / MAC units) MAC cycles + ceil(vector ops / width)
 * vector operations + buffer accesses, converted to clock cycles.
 */
public final class DigitalCost {
  private DigitalCost() {}

  public static Cost estimate(Node node, Module m, Chip chip) {
    DigitalTile d = chip.digital().orElseThrow(
        () -> new IllegalArgumentException("chip " + chip.name() + " has no digital tile"));
    long macs = macs(node, m);
    long vec = macs > 0 ? 0 : vectorOps(node);
    long elems = 0;
    for (Value v : node.inputs()) {
      if (v != null && m.constant(v) == null) {
        elems += batchOneNumel(v.type());
      }
    }
    for (Value v : node.outputs()) {
      elems += batchOneNumel(v.type());
    }
    long bytes = elems * d.precision().bytes();
    Map<String, Long> actions = new LinkedHashMap<>();
    actions.put(Action.MAC, macs);
    actions.put(Action.VECTOR_OP, vec);
    actions.put(Action.BUFFER_BYTE, bytes);
    double pj = macs * d.mac().energy().pj() + vec * d.vector().energy().pj() + bufferPj(d.buffer(), bytes);
    double seconds = ceilDiv(macs, d.macUnits()) * d.mac().latency().seconds()
        + ceilDiv(vec, d.vectorWidth()) * d.vector().latency().seconds()
        + d.buffer().accesses(bytes) * d.buffer().latency().seconds();
    return new Cost(TileKind.DIGITAL, 0, actions, pj, cycles(chip, seconds));
  }

  /** Energy of moving {@code bytes} through a buffer: half reads, half writes. */
  public static double bufferPj(BufferSpec b, long bytes) {
    return b.accesses(bytes) * (b.readEnergy().pj() + b.writeEnergy().pj()) / 2;
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
    Op op = node.op();
    long out = batchOneNumel(node.output().type());
    if (op instanceof Op.Conv c) {
      TensorType w = node.input(1).type();
      long taps = 1;
      for (int i = 1; i < w.rank(); i++) {
        taps *= w.dim(i).isFixed() ? w.dim(i).size() : 1;
      }
      return out * taps;
    }
    if (op instanceof Op.ConvTranspose) {
      TensorType w = node.input(1).type();
      long taps = 1;
      for (int i = 1; i < w.rank(); i++) {
        taps *= w.dim(i).isFixed() ? w.dim(i).size() : 1;
      }
      return batchOneNumel(node.input(0).type()) * taps;
    }
    if (op instanceof Op.Linear || op instanceof Op.MatMul || op instanceof Op.Gemm) {
      TensorType a = node.input(0).type();
      long k = 1;
      if (op instanceof Op.Gemm g && g.transA()) {
        k = a.dim(0).isFixed() ? a.dim(0).size() : 1;
      } else if (a.rank() > 0) {
        Dim last = a.dim(a.rank() - 1);
        k = last.isFixed() ? last.size() : 1;
      }
      return out * k;
    }
    return 0;
  }

  static long vectorOps(Node node) {
    Op op = node.op();
    long out = batchOneNumel(node.output().type());
    if (op instanceof Op.Reshape || op instanceof Op.Flatten || op instanceof Op.Squeeze || op instanceof Op.Unsqueeze
        || op instanceof Op.Identity || op instanceof Op.Dropout || op instanceof Op.Shape) {
      return 0;
    }
    if (op instanceof Op.MaxPool p) {
      return out * product(p.kernelShape());
    }
    if (op instanceof Op.AveragePool p) {
      return out * product(p.kernelShape());
    }
    if (op instanceof Op.GlobalAveragePool || op instanceof Op.GlobalMaxPool || op instanceof Op.Reduce) {
      return batchOneNumel(node.input(0).type());
    }
    if (op instanceof Op.Softmax || op instanceof Op.LogSoftmax || op instanceof Op.LayerNormalization
        || op instanceof Op.BatchNormalization) {
      return 4 * out;
    }
    return out;
  }

  private static long product(List<Long> xs) {
    long p = 1;
    for (long x : xs) {
      p *= x;
    }
    return p;
  }
}
