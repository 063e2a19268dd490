package ancc.runtime.sim.timing;

import ancc.ir.graph.Op;
import ancc.ir.program.DigitalWork;
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
 * convolution: its matrix and every buffer derived from it row by row hold R output rows of the
 * first spatial axis (R x W_out matrix rows) instead of all H_out. Derived row by row: the
 * quantize, mvm, shift_add and dequantize of the chain, the slices, sums and concatenations that
 * combine column blocks across tiles, the reshape and transpose back to the map, copies received
 * from another tile, element-wise digital ops (activations, residual adds) whose output has the
 * shape of their streamed input, and 2-D max and average pooling (its output streams one row at a
 * time of its own height; its input holds the window's rows). A global average pool consumes a
 * stream row by row (a running sum), its small output whole. The im2col's source is a line buffer of
 * {@link Instr.Im2col#lineRows} input rows when it is received or loaded and only row-tiled
 * im2cols read it on its tile, or when it is itself a stream (then it holds the larger of its
 * slab and the line).
 *
 * <p>A derived buffer stays whole when some instruction on its tile reads it without consuming it
 * row by row (a store, a reduction, a flatten to a fully connected layer), or when
 * another stream is received between its write and its last read (a residual branch's input waits
 * for the branch: it is held whole, not as a FIFO of the branch's delay). Buffers of no stream are
 * whole.
 *
 * <p>Sizes are per sample (batch 1); {@link #fraction} is the part of the buffer held at a time,
 * the same at every batch (each sample's rows stream in turn).
 */
public final class RowStreams {
  /** A stream's slab: {@code rows} of {@code total} rows along the streamed axis, from the im2col writing {@code origin}. */
  private record Slab(long rows, long total, String origin) {}

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
            chain.put(c.dst(), new Slab(Math.min(c.rowTile(), hOut), hOut, c.dst()));
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
          String from = streamedSource(in, sentBy, chain);
          if (from == null) {
            continue;
          }
          Slab derived = chain.get(from);
          if (in instanceof Instr.Digital d && window(d.op()) != null) {
            // a pooling window turns input rows into output rows: its output streams one row at a
            // time of its own height, and its input needs the window's rows at a time
            derived = new Slab(1, shapes.shape(d.outputs().get(0))[2], derived.origin());
            lineRows.merge(from, window(d.op()), Math::max);
          }
          for (String w : in.writes()) {
            if (!chain.containsKey(w)) {
              chain.put(w, derived);
              grew = true;
            }
          }
        }
      }
    }
    for (TileProgram tp : p.tiles()) {
      List<Instr> instrs = tp.instrs();
      for (int i = 0; i < instrs.size(); i++) {
        for (String b : instrs.get(i).writes()) {
          Slab slab = chain.get(b);
          if (slab != null && !slabs.containsKey(b) && shapes.sized(b) && heldAsRows(instrs, i, b, slab, chain, sentBy)) {
            slabs.put(b, slab);
          }
        }
      }
    }
    for (Map.Entry<String, Long> e : lineRows.entrySet()) {
      String src = e.getKey();
      Instr w = writer.get(src);
      boolean arrives = w instanceof Instr.Recv || w instanceof Instr.Load;
      boolean onlyIm2col = readers.getOrDefault(src, List.of()).stream()
          .allMatch(r -> r instanceof Instr.Im2col c && c.rowTile() > 0);
      long[] shape = shapes.shape(src);
      if (shape.length < 3) {
        continue;
      }
      Slab streamed = slabs.get(src);
      long rows = Math.min(shape[2], e.getValue());
      if (streamed != null && streamed.total() == shape[2]) {
        slabs.put(src, new Slab(Math.max(rows, streamed.rows()), shape[2], streamed.origin()));
      } else if (streamed != null) {
        slabs.remove(src);
      } else if (arrives && onlyIm2col && rows < shape[2]) {
        slabs.put(src, new Slab(rows, shape[2], src));
      }
    }
  }

  /**
   * Whether buffer {@code b}, written by instruction {@code at} of a tile's stream, can be held as
   * its slab: every later reader of it on the tile consumes it row by row, and no other stream
   * is received between the write and the last read.
   */
  private boolean heldAsRows(List<Instr> instrs, int at, String b, Slab slab, Map<String, Slab> chain,
      Map<String, Instr.Send> sentBy) {
    int last = at;
    for (int j = at + 1; j < instrs.size(); j++) {
      Instr in = instrs.get(j);
      if (in.reads().contains(b)) {
        if (!rowConsumer(in, b, sentBy, chain)) {
          return false;
        }
        last = j;
      }
    }
    for (int j = at + 1; j < last; j++) {
      if (instrs.get(j) instanceof Instr.Recv r && chain.containsKey(r.dst())
          && !chain.get(r.dst()).origin().equals(slab.origin())) {
        return false;
      }
    }
    return true;
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
   * The streamed buffer whose rows {@code in} turns into the rows of what it writes, or null: the
   * source of a quantize, mvm, shift_add or dequantize, the sent source of a recv, the first
   * streamed input of a digital op that works row by row on it ({@link #rowLocal}).
   */
  private String streamedSource(Instr in, Map<String, Instr.Send> sentBy, Map<String, Slab> chain) {
    String src = null;
    if (in instanceof Instr.Quantize q) {
      src = q.src();
    } else if (in instanceof Instr.Mvm m) {
      src = m.src();
    } else if (in instanceof Instr.ShiftAdd a) {
      src = a.src();
    } else if (in instanceof Instr.Dequantize d) {
      src = d.src();
    } else if (in instanceof Instr.Recv r) {
      Instr.Send s = sentBy.get(r.dst());
      src = s == null ? null : s.src();
    } else if (in instanceof Instr.Digital d) {
      for (String i : d.inputs()) {
        if (i != null && chain.containsKey(i) && rowLocal(d, i)) {
          return i;
        }
      }
    }
    return src != null && chain.containsKey(src) ? src : null;
  }

  /**
   * Whether digital op {@code d} works row by row on its input {@code src}: an element-wise op whose
   * output has src's shape, a concatenation or slice along the columns of a [rows, columns]
   * matrix, the chain's reshape of such a matrix to NHWC, or its transpose from NHWC to NCHW.
   */
  private boolean rowLocal(Instr.Digital d, String src) {
    if (d.outputs().size() != 1 || !shapes.sized(src) || !shapes.sized(d.outputs().get(0))) {
      return false;
    }
    long[] in = shapes.shape(src);
    long[] out = shapes.shape(d.outputs().get(0));
    Op op = d.op();
    if (DigitalWork.of(op) == DigitalWork.PER_OUTPUT) {
      return java.util.Arrays.equals(in, out);
    } else if (op instanceof Op.Concat c) {
      return in.length == 2 && c.axis() == 1;
    } else if (op instanceof Op.Slice) {
      return in.length == 2 && out.length == 2 && in[0] == out[0];
    } else if (op instanceof Op.Reshape) {
      return in.length == 2 && out.length >= 3 && out[out.length - 1] == in[1];
    } else if (op instanceof Op.Transpose t) {
      return in.length == 4 && t.perm().equals(List.of(0L, 3L, 1L, 2L));
    } else if (window(op) != null) {
      return in.length == 4 && out.length == 4 && in[0] == out[0] && in[1] == out[1];
    }
    return false;
  }

  /**
   * The input rows one output row of a 2-D pooling window needs ((k_h - 1) x dilation + 1), or
   * null when {@code op} is not a 2-D MaxPool or AveragePool.
   */
  private static Long window(Op op) {
    List<Long> k;
    List<Long> dil;
    if (op instanceof Op.MaxPool m) {
      k = m.kernelShape();
      dil = m.dilations();
    } else if (op instanceof Op.AveragePool a) {
      k = a.kernelShape();
      dil = a.dilations();
    } else {
      return null;
    }
    if (k.size() != 2) {
      return null;
    }
    long d = dil == null || dil.isEmpty() ? 1 : dil.get(0);
    return (k.get(0) - 1) * d + 1;
  }

  /** Whether {@code in} consumes {@code b} row by row: a send, a row-tiled im2col, or an instruction deriving a stream from it. */
  private boolean rowConsumer(Instr in, String b, Map<String, Instr.Send> sentBy, Map<String, Slab> chain) {
    if (in instanceof Instr.Send || in instanceof Instr.Im2col c && c.rowTile() > 0) {
      return true;
    }
    if (in instanceof Instr.Digital d) {
      return chain.containsKey(b) && (rowLocal(d, b) || d.op() instanceof Op.GlobalAveragePool);
    }
    return in instanceof Instr.Quantize || in instanceof Instr.Mvm || in instanceof Instr.ShiftAdd
        || in instanceof Instr.Dequantize;
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
