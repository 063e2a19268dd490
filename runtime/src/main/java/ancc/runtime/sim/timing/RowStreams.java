package ancc.runtime.sim.timing;

import ancc.ir.graph.Op;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which buffers of a program stream by rows, and what part of them a tile holds at a time
 * (docs/mapping.md, "Streaming convolutions"). An {@code im2col} with a row tile R > 0 streams its
 * convolution: its matrix and every buffer the conv chain derives from it (quantize, mvm,
 * shift_add, dequantize, the slices, sums and concatenations that combine column blocks across
 * tiles, copies of them received from another tile, the reshape and transpose back to the map)
 * hold R output rows of the first spatial axis (R x W_out matrix rows) instead of all H_out. The
 * im2col's source is a line buffer of {@link Instr.Im2col#lineRows} input rows when it is
 * received or loaded and only row-tiled im2cols read it on its tile. A chain buffer stays whole
 * when some instruction on its tile that is not a row consumer reads it (a row consumer is a send,
 * an instruction of the chain, or a row-tiled im2col); so a conv's output map streams to the tiles
 * it is sent to, and is held whole where a whole-tensor op reads it. Buffers of other tiles and
 * other layers (digital ops, fully connected layers, global pooling) are whole.
 *
 * <p>Sizes are per sample (batch 1); {@link #fraction} is the part of the buffer held at a time,
 * the same at every batch (each sample's rows stream in turn).
 */
public final class RowStreams {
  /** A streamed buffer: it holds {@code rows} of its {@code total} rows along the streamed axis. */
  private record Slab(long rows, long total) {}

  private final Shapes shapes;
  private final Map<String, Slab> slabs = new HashMap<>();

  private RowStreams(Program p) {
    this.shapes = new Shapes(p, 1);
    Map<String, List<Instr>> readers = new HashMap<>();
    Map<String, Instr.Send> sentBy = new HashMap<>();
    Map<String, Instr> writer = new HashMap<>();
    for (TileProgram tp : p.tiles()) {
      for (Instr in : tp.instrs()) {
        for (String r : in.reads()) {
          if (r != null && p.buffer(r) != null) {
            readers.computeIfAbsent(r, k -> new ArrayList<>()).add(in);
          }
        }
        for (String w : in.writes()) {
          writer.putIfAbsent(w, in);
        }
        if (in instanceof Instr.Send s) {
          sentBy.putIfAbsent(s.dst(), s);
        }
      }
    }
    Map<String, Slab> chain = new HashMap<>();
    Map<String, Long> lineRows = new HashMap<>();
    for (TileProgram tp : p.tiles()) {
      for (Instr in : tp.instrs()) {
        if (in instanceof Instr.Im2col c && c.rowTile() > 0 && shapes.sized(c.src())) {
          long hOut = outputRows(c, shapes.shape(c.src()));
          if (hOut >= 1) {
            chain.put(c.dst(), new Slab(Math.min(c.rowTile(), hOut), hOut));
            lineRows.merge(c.src(), c.lineRows(Math.min(c.rowTile(), hOut)), Math::max);
          }
        }
      }
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (TileProgram tp : p.tiles()) {
        for (Instr in : tp.instrs()) {
          String from = chainSource(in, sentBy);
          if (from == null || !chain.containsKey(from)) {
            continue;
          }
          for (String w : in.writes()) {
            if (!chain.containsKey(w)) {
              chain.put(w, chain.get(from));
              grew = true;
            }
          }
        }
      }
    }
    for (Map.Entry<String, Slab> e : chain.entrySet()) {
      String b = e.getKey();
      if (readers.getOrDefault(b, List.of()).stream().allMatch(r -> rowConsumer(r, sentBy)) && shapes.sized(b)) {
        slabs.put(b, e.getValue());
      }
    }
    for (Map.Entry<String, Long> e : lineRows.entrySet()) {
      String src = e.getKey();
      Instr w = writer.get(src);
      boolean arrives = w instanceof Instr.Recv || w instanceof Instr.Load;
      boolean onlyIm2col = readers.getOrDefault(src, List.of()).stream()
          .allMatch(r -> r instanceof Instr.Im2col c && c.rowTile() > 0);
      long[] shape = shapes.shape(src);
      if (arrives && onlyIm2col && !slabs.containsKey(src) && shape.length >= 3 && e.getValue() < shape[2]) {
        slabs.put(src, new Slab(e.getValue(), shape[2]));
      }
    }
  }

  /** The streams of {@code p}. */
  public static RowStreams of(Program p) {
    return new RowStreams(p);
  }

  /** Whether buffer {@code name} streams by rows (a tile holds only a slab of it at a time). */
  public boolean streamed(String name) {
    return slabs.containsKey(name);
  }

  /** The part of buffer {@code name} held at a time: slab rows / all rows (1 when not streamed). */
  public double fraction(String name) {
    Slab s = slabs.get(name);
    return s == null ? 1.0 : (double) s.rows / s.total;
  }

  /**
   * Elements of buffer {@code name} a tile holds at a time for one sample: the slab of a streamed
   * buffer, else the whole buffer at batch 1 ({@code ?} dimensions resolved as {@link Shapes} does).
   * The buffer must be {@link #sized}.
   */
  public long heldElements(String name) {
    long n = shapes.numel(name);
    Slab s = slabs.get(name);
    if (s == null) {
      return n;
    }
    return Math.multiplyExact(ceilDiv(n, s.total), s.rows);
  }

  /** Elements of buffer {@code name} for one whole sample (batch 1). */
  public long elements(String name) {
    return shapes.numel(name);
  }

  /** Whether the sizes of buffer {@code name} are known at batch 1. */
  public boolean sized(String name) {
    return shapes.sized(name);
  }

  /**
   * The chain buffer whose rows {@code in} turns into the rows of what it writes: the source of a
   * quantize, mvm, shift_add or dequantize, the first input of a digital slice, sum, concatenation
   * or layout op, or the sent source of a recv. Null for every other instruction.
   */
  private static String chainSource(Instr in, Map<String, Instr.Send> sentBy) {
    if (in instanceof Instr.Quantize q) {
      return q.src();
    } else if (in instanceof Instr.Mvm m) {
      return m.src();
    } else if (in instanceof Instr.ShiftAdd a) {
      return a.src();
    } else if (in instanceof Instr.Dequantize d) {
      return d.src();
    } else if (in instanceof Instr.Digital d && chainOp(d.op()) && !d.inputs().isEmpty()) {
      return d.inputs().get(0);
    } else if (in instanceof Instr.Recv r) {
      Instr.Send s = sentBy.get(r.dst());
      return s == null ? null : s.src();
    }
    return null;
  }

  /** The digital ops the CIM conv chain emits between its accumulator and its output map. */
  private static boolean chainOp(Op op) {
    return op instanceof Op.Slice || op instanceof Op.Concat || op instanceof Op.Reshape || op instanceof Op.Transpose
        || op instanceof Op.Binary b && (b.kind() == Op.BinaryOp.ADD || b.kind() == Op.BinaryOp.MUL);
  }

  /** Whether {@code in} consumes its operands row by row: a send, an instruction of the chain, a row-tiled im2col. */
  private static boolean rowConsumer(Instr in, Map<String, Instr.Send> sentBy) {
    return in instanceof Instr.Send || in instanceof Instr.Im2col c && c.rowTile() > 0
        || chainSource(in, sentBy) != null && !(in instanceof Instr.Recv);
  }

  /** Output rows along the first spatial axis of an im2col over a source of shape {@code x}. */
  static long outputRows(Instr.Im2col c, long[] x) {
    if (x.length != c.kernelShape().size() + 2) {
      return 0;
    }
    long span = (c.kernelShape().get(0) - 1) * c.dilations().get(0) + 1;
    long in = x[2] + c.pads().get(0) + c.pads().get(c.kernelShape().size());
    return Math.max(0, (in - span) / c.strides().get(0) + 1);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

}
