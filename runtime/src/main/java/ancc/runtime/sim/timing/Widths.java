package ancc.runtime.sim.timing;

import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
import ancc.ir.program.DigitalWork;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.HashMap;
import java.util.Map;

/**
 * Physical bytes per element of a program's buffers and constants on a chip (docs/energy-model.md,
 * "Physical widths"). The program declares wide types for the simulator's convenience (i64 input
 * codes, f32 partial sums and activations); the chip holds narrower values, and buffer traffic,
 * buffer cycles and mesh flits are counted at these widths: input codes at the quantizer's bits,
 * an mvm's per-column partial sums at the converter width plus the shift-add growth of its planes,
 * accumulators as declared (32 bits), float activations at their tile's buffer activation width
 * (the digital tiles' precision unless the chip file gives {@code activation_bits}), constants at
 * the digital tiles' precision, and copies (im2col, recv, non-MAC digital ops) at their source's width. Never wider
 * than declared. Data-independent.
 */
public final class Widths {
  private record Writer(Instr instr, int tile) {}

  private final Program program;
  private final Chip chip;
  private final Map<String, Writer> writers = new HashMap<>();
  private final Map<String, String> sentFrom = new HashMap<>();
  private final Map<String, Integer> memo = new HashMap<>();
  private final ByWriter byWriter = new ByWriter();

  public Widths(Program program, Chip chip) {
    this.program = program;
    this.chip = chip;
    for (TileProgram tp : program.tiles()) {
      for (Instr in : tp.instrs()) {
        for (String w : in.writes()) {
          writers.putIfAbsent(w, new Writer(in, tp.tile()));
        }
        if (in instanceof Instr.Send s) {
          sentFrom.putIfAbsent(s.dst(), s.src());
        }
      }
    }
  }

  /** Whether a digital op only relabels its input's elements (no data moves on chip: {@link DigitalWork#VIEW}). */
  public static boolean isView(Op op) {
    return DigitalWork.of(op) == DigitalWork.VIEW;
  }

  /** Bytes of one element of float activations on this chip: the digital tiles' precision (4 without digital tiles). */
  public int activationBytes() {
    return chip.digital().map(DigitalTile::precision).map(DigitalTile.Precision::bytes).orElse(4);
  }

  /**
   * Bytes of one float activation held in the buffer of {@code tile}: its buffer's
   * {@code activation_bits} in whole bytes when the chip file gives them, else {@link #activationBytes()}.
   */
  public int activationBytes(int tile) {
    if (tile < 0 || tile >= chip.tileCount()) {
      return activationBytes();
    }
    int bits = chip.groupOf(tile).spec().buffer().activationBits();
    return bits > 0 ? bytesOf(bits) : activationBytes();
  }

  /** Physical bytes per element of buffer or constant {@code name}. */
  public int elementBytes(String name) {
    Integer w = memo.get(name);
    if (w != null) {
      return w;
    }
    Tensor c = program.constants().get(name);
    if (c != null) {
      int declared = c.dtype().byteSize();
      int v = c.dtype().isFloating() ? Math.min(declared, activationBytes()) : declared;
      memo.put(name, v);
      return v;
    }
    Buffer b = program.buffer(name);
    if (b == null) {
      return new Shapes(program, 1).elementBytes(name);
    }
    DType dt = b.type().dtype();
    int declared = dt.byteSize();
    memo.put(name, declared);
    int v = Math.max(1, Math.min(declared, physical(name, dt, declared, b.tile())));
    memo.put(name, v);
    return v;
  }

  private int physical(String name, DType dt, int declared, int tile) {
    Writer wr = writers.get(name);
    if (wr == null) {
      return dt.isFloating() ? activationBytes(tile) : declared;
    }
    return wr.instr().accept(byWriter, new Written(name, dt, declared, wr.tile()));
  }

  /** A buffer, its declared element type and bytes, and the tile of the instruction that writes it. */
  private record Written(String name, DType dt, int declared, int tile) {}

  /** The physical width of a buffer by the instruction that writes it. */
  private final class ByWriter implements Instr.Visitor<Integer, Written> {
    /** Written by an instruction that keeps no narrower form: floats at the activation width. */
    private int asDeclared(Written b) {
      return b.dt.isFloating() ? activationBytes(b.tile) : b.declared;
    }

    public Integer visit(Instr.Load in, Written b) { return asDeclared(b); }

    public Integer visit(Instr.Store in, Written b) { return asDeclared(b); }

    public Integer visit(Instr.Send in, Written b) { return asDeclared(b); }

    public Integer visit(Instr.Recv in, Written b) {
      String src = sentFrom.get(b.name);
      return src == null ? b.declared : elementBytes(src);
    }

    public Integer visit(Instr.Im2col in, Written b) { return elementBytes(in.src()); }

    public Integer visit(Instr.Quantize in, Written b) { return bytesOf(in.bits()); }

    public Integer visit(Instr.Mvm in, Written b) { return bytesOf(mvmBits(in, b.tile)); }

    public Integer visit(Instr.ShiftAdd in, Written b) { return b.declared; }

    public Integer visit(Instr.Dequantize in, Written b) { return asDeclared(b); }

    public Integer visit(Instr.Digital d, Written b) {
      if (!b.dt.isFloating()) {
        return b.declared;
      }
      if (OpWork.isMacOp(d.op())) {
        return activationBytes(b.tile);
      }
      int widest = 0;
      for (String i : d.inputs()) {
        if (i != null && program.constants().get(i) == null) {
          Buffer ib = program.buffer(i);
          if (ib != null && ib.type().dtype().isFloating()) {
            widest = Math.max(widest, elementBytes(i));
          }
        }
      }
      return widest == 0 ? activationBytes(b.tile) : widest;
    }

    public Integer visit(Instr.Barrier in, Written b) { return asDeclared(b); }
  }

  /**
   * Bits of one partial sum an mvm writes per column: the ADC's bits (or, without ADC, the exact
   * column sum's bits) plus the growth of shift-adding its planes.
   */
  private long mvmBits(Instr.Mvm m, int tile) {
    ArrayImage image = program.array(m.array());
    TileUnits u = TileUnits.of(chip, tile);
    long shift = m.mode() == Instr.InputMode.BIT_SERIAL ? 1 : u.dacBits();
    long planes = StageModel.planes(m, u);
    long colBits;
    if (m.adcBits() > 0 || image == null) {
      colBits = m.adcBits() > 0 ? m.adcBits() : 32;
    } else {
      ArrayLayout l = image.layout();
      double max = (double) l.inCount() * ((1L << l.sliceBits()) - 1) * ((1L << shift) - 1);
      colBits = 64 - Long.numberOfLeadingZeros((long) max);
    }
    return colBits + (planes - 1) * shift;
  }

  private static int bytesOf(long bits) {
    return (int) Math.max(1, (bits + 7) / 8);
  }
}
