package ancc.runtime.sim.timing;

import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
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
 * accumulators as declared (32 bits), float activations and constants at the digital tiles'
 * precision, and copies (im2col, recv, non-MAC digital ops) at their source's width. Never wider
 * than declared. Data-independent.
 */
public final class Widths {
  private record Writer(Instr instr, int tile) {}

  private final Program program;
  private final Chip chip;
  private final Map<String, Writer> writers = new HashMap<>();
  private final Map<String, String> sentFrom = new HashMap<>();
  private final Map<String, Integer> memo = new HashMap<>();

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

  /** Whether a digital op only relabels its input's elements (no data moves on chip). */
  public static boolean isView(Op op) {
    return op instanceof Op.Reshape || op instanceof Op.Flatten || op instanceof Op.Squeeze
        || op instanceof Op.Unsqueeze || op instanceof Op.Identity || op instanceof Op.Dropout;
  }

  /** Bytes of one element of float activations on this chip: the digital tiles' precision (4 without digital tiles). */
  public int activationBytes() {
    return chip.digital().map(DigitalTile::precision).map(DigitalTile.Precision::bytes).orElse(4);
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
    int v = Math.max(1, Math.min(declared, physical(name, dt, declared)));
    memo.put(name, v);
    return v;
  }

  private int physical(String name, DType dt, int declared) {
    Writer wr = writers.get(name);
    if (wr == null) {
      return dt.isFloating() ? activationBytes() : declared;
    }
    Instr in = wr.instr();
    if (in instanceof Instr.Quantize q) {
      return bytesOf(q.bits());
    } else if (in instanceof Instr.Mvm m) {
      return bytesOf(mvmBits(m, wr.tile()));
    } else if (in instanceof Instr.ShiftAdd) {
      return declared;
    } else if (in instanceof Instr.Im2col c) {
      return elementBytes(c.src());
    } else if (in instanceof Instr.Recv) {
      String src = sentFrom.get(name);
      return src == null ? declared : elementBytes(src);
    } else if (in instanceof Instr.Digital d && dt.isFloating()) {
      if (OpWork.isMacOp(d.op())) {
        return activationBytes();
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
      return widest == 0 ? activationBytes() : widest;
    }
    return dt.isFloating() ? activationBytes() : declared;
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
