package ancc.runtime.sim.timing;

import ancc.ir.graph.Dim;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.List;
import java.util.Map;

/**
 * Element counts of buffers declared with one unknown dimension, from the instruction that
 * writes them: im2col (N x output positions rows of C x prod(kernel) columns), quantize (as its
 * source), mvm, shift_add and dequantize (the source's rows), recv (as the send's source),
 * element-wise and layout digital ops (the first input's dimension at the same position when the
 * ranks agree, e.g. the rows of a slice or a concat; else the first input's element count). Runs to a fixed point over all
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
    return b != null && b.type().dims().stream().filter(d -> d instanceof Dim.Unknown).count() == 1;
  }

  /** Elements written into {@code dst} by {@code in}, or null while its sources are unresolved. */
  private static Long produced(Program p, Shapes s, Instr in, String dst) {
    if (in instanceof Instr.Im2col c) {
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
    } else if (in instanceof Instr.Quantize q) {
      return s.known(q.src()) ? s.numel(q.src()) : null;
    } else if (in instanceof Instr.Mvm m) {
      return s.known(m.src()) ? s.rows(m.src()) * fixedLast(p, dst) : null;
    } else if (in instanceof Instr.ShiftAdd a) {
      return s.known(a.src()) ? s.rows(a.src()) * fixedLast(p, dst) : null;
    } else if (in instanceof Instr.Dequantize d) {
      return s.known(d.src()) ? s.rows(d.src()) * fixedLast(p, dst) : null;
    } else if (in instanceof Instr.Recv r) {
      for (TileProgram tp : p.tiles()) {
        if (tp.tile() == r.fromTile()) {
          for (Instr i : tp.instrs()) {
            if (i instanceof Instr.Send snd && snd.dst().equals(r.dst())) {
              return s.known(snd.src()) ? s.numel(snd.src()) : null;
            }
          }
        }
      }
      return null;
    } else if (in instanceof Instr.Digital d && !OpWork.isMacOp(d.op()) && !d.reads().isEmpty()) {
      String first = d.reads().get(0);
      if (!s.known(first)) {
        return null;
      }
      return sameRankDim(p, s, first, dst);
    }
    return null;
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
      } else if (d instanceof Dim.Sym) {
        n *= s.batch();
      } else {
        n *= in[i];
      }
    }
    return n;
  }

  private static long fixedLast(Program p, String name) {
    List<Dim> dims = p.buffer(name).type().dims();
    Dim last = dims.get(dims.size() - 1);
    return last.isFixed() ? last.size() : 1;
  }
}
