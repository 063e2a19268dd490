package ancc.ir.program;

import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.program.text.ProgramPrinter;
import java.util.List;
import java.util.Locale;

/**
 * The {@link ProgramVerifier}'s checks of one instruction, one visit per instruction kind. Problems
 * go to the verifier, each naming the tile, the instruction's index and its text.
 */
final class InstrCheck implements Instr.Visitor<Void, Void> {
  private final ProgramVerifier v;
  private final TileProgram tile;
  private final Instr instr;
  private final int index;

  InstrCheck(ProgramVerifier v, TileProgram tile, int index) {
    this.v = v;
    this.tile = tile;
    this.instr = tile.instrs().get(index);
    this.index = index;
  }

  void run() {
    instr.accept(this, null);
  }

  private void fail(String message) {
    // printed only on failure: printing needs the program's buffer names (quadratic over a large program)
    String where = "tile " + tile.tile() + " instr " + index + " (" + ProgramPrinter.instr(instr, v.p) + ")";
    v.problem(where + ": " + message);
  }

  private void buffer(String name, int onTile) {
    Buffer b = name == null ? null : v.buffers.get(name);
    if (b == null) {
      fail("undefined buffer %" + name);
    } else if (b.tile() != onTile) {
      fail("buffer %" + name + " is on tile " + b.tile() + ", not tile " + onTile);
    }
  }

  private void local(String... names) {
    for (String n : names) {
      buffer(n, tile.tile());
    }
  }

  private Tensor constant(String name, String role) {
    Tensor t = name == null ? null : v.p.constants().get(name);
    if (t == null) {
      fail("undefined constant @" + name + " (" + role + ")");
    }
    return t;
  }

  private void otherTile(int other, String role) {
    if (other == tile.tile()) {
      fail(role + " tile is this tile");
    } else if (!v.tiles.containsKey(other)) {
      fail(role + " tile " + other + " has no tile program");
    }
  }

  private ArrayImage array(long id) {
    ArrayImage a = v.arrays.get(id);
    if (a == null) {
      fail("undefined array #" + id);
    } else if (tile.kind() == TileKind.DIGITAL) {
      fail(instr.name() + " needs a memristor or sram tile, tile " + tile.tile() + " is digital");
      return null;
    } else if (a.tile() != tile.tile()) {
      fail("array #" + id + " is on tile " + a.tile());
      return null;
    }
    return a;
  }

  public Void visit(Instr.Load i, Void c) {
    local(i.dst());
    if (!v.inputs.contains(i.input())) {
      fail("%" + i.input() + " is not a program input");
    }
    return null;
  }

  public Void visit(Instr.Store i, Void c) {
    local(i.src());
    if (!v.outputs.contains(i.output())) {
      fail("%" + i.output() + " is not a program output");
    }
    v.stores.merge(i.output(), 1, Integer::sum);
    return null;
  }

  public Void visit(Instr.Send i, Void c) {
    local(i.src());
    otherTile(i.toTile(), "target");
    buffer(i.dst(), i.toTile());
    List<Long> r = i.route();
    if (r.isEmpty() || r.get(0) != tile.tile() || r.get(r.size() - 1) != i.toTile()) {
      fail("route " + r + " must start at tile " + tile.tile() + " and end at tile " + i.toTile());
    }
    v.transfers.merge(List.of(tile.tile(), i.toTile(), i.dst()), 1, Integer::sum);
    return null;
  }

  public Void visit(Instr.Recv i, Void c) {
    local(i.dst());
    otherTile(i.fromTile(), "source");
    v.transfers.merge(List.of(i.fromTile(), tile.tile(), i.dst()), -1, Integer::sum);
    return null;
  }

  public Void visit(Instr.Im2col i, Void c) {
    local(i.src(), i.dst());
    int rank = i.kernelShape().size();
    if (rank == 0 || i.strides().size() != rank || i.dilations().size() != rank || i.pads().size() != 2 * rank) {
      fail("kernel_shape, strides and dilations need one entry per spatial axis and pads two, got "
          + rank + ", " + i.strides().size() + ", " + i.dilations().size() + " and " + i.pads().size());
      return null;
    }
    for (int k = 0; k < rank; k++) {
      if (i.kernelShape().get(k) < 1 || i.strides().get(k) < 1 || i.dilations().get(k) < 1) {
        fail("kernel_shape, strides and dilations must be positive");
        return null;
      }
    }
    if (i.pads().stream().anyMatch(x -> x < 0)) {
      fail("pads must be >= 0");
      return null;
    }
    rowTile(i);
    return null;
  }

  /** A row tile is 0 (whole tensor) or 1 .. the output rows of the first spatial axis, when the source fixes them. */
  private void rowTile(Instr.Im2col i) {
    if (i.rowTile() < 0) {
      fail("row_tile must be >= 0 (0: the whole tensor), got " + i.rowTile());
      return;
    }
    Buffer src = v.buffers.get(i.src());
    if (i.rowTile() == 0 || src == null || src.type().rank() != i.kernelShape().size() + 2
        || !src.type().dim(2).isFixed()) {
      return;
    }
    long span = (i.kernelShape().get(0) - 1) * i.dilations().get(0) + 1;
    long rows = (src.type().dim(2).size() + i.pads().get(0) + i.pads().get(i.kernelShape().size()) - span)
        / i.strides().get(0) + 1;
    if (rows >= 1 && i.rowTile() > rows) {
      fail("row_tile " + i.rowTile() + " exceeds the " + rows + " output rows");
    }
  }

  public Void visit(Instr.Quantize i, Void c) {
    local(i.src(), i.dst());
    if (i.bits() < (i.signed() ? 2 : 1) || i.bits() > 32) {
      fail("bits " + i.bits() + " out of range (" + (i.signed() ? 2 : 1) + "..32)");
    }
    positive(i.scale(), "scale");
    return null;
  }

  public Void visit(Instr.Mvm i, Void c) {
    local(i.src(), i.dst());
    array(i.array());
    if (tile.kind() == TileKind.SRAM && i.mode() != Instr.InputMode.BIT_SERIAL) {
      fail("SRAM macros are bit-serial: use bit_serial");
    }
    if (i.inputBits() < 1 || i.inputBits() > 32) {
      fail("input_bits " + i.inputBits() + " out of range (1..32)");
    }
    if (i.adcBits() != 0 && (i.adcBits() < 2 || i.adcBits() > 32)) {
      fail("adc_bits " + i.adcBits() + " out of range (0 for exact readout, else 2..32)");
    } else if (i.adcBits() != 0) {
      positive(i.adcFullScale(), "full_scale");
    }
    return null;
  }

  public Void visit(Instr.ShiftAdd i, Void c) {
    local(i.src(), i.dst());
    ArrayImage a = array(i.array());
    if (i.inputs() != null) {
      local(i.inputs());
    }
    if (a != null) {
      boolean offset = a.layout().encoding() == WeightEncoding.OFFSET;
      if (offset && i.inputs() == null) {
        fail("array #" + a.id() + " uses offset encoding: name the mvm's input codes with 'inputs'");
      } else if (!offset && i.inputs() != null) {
        fail("'inputs' is only for offset-encoded arrays; array #" + a.id() + " is "
            + a.layout().encoding().name().toLowerCase(Locale.ROOT));
      }
    }
    return null;
  }

  public Void visit(Instr.Dequantize i, Void c) {
    local(i.src(), i.dst());
    Tensor scale = constant(i.scale(), "scale");
    if (scale != null && (scale.rank() != 1 || !scale.isFloating())) {
      fail("scale @" + i.scale() + " must be a rank-1 float constant, got " + scale.type());
    }
    if (i.bias() != null) {
      Tensor bias = constant(i.bias(), "bias");
      if (bias != null && scale != null && (!bias.isFloating() || !bias.type().dims().equals(scale.type().dims()))) {
        fail("bias @" + i.bias() + " must be a float constant shaped like scale, got " + bias.type());
      }
    }
    if (!Float.isFinite(i.inputScale())) {
      fail("input_scale must be finite, got " + i.inputScale());
    }
    return null;
  }

  public Void visit(Instr.Digital i, Void c) {
    if (tile.kind() != TileKind.DIGITAL && DigitalWork.of(i.op()).usesMacArray()) {
      fail(i.op().name() + " needs a MAC array: run it on a digital tile, or map it onto arrays");
    }
    Op.Arity ar = i.op().arity();
    int nIn = i.inputs().size();
    int nOut = i.outputs().size();
    if (nIn < ar.minIn() || nIn > ar.maxIn()) {
      fail(i.op().name() + " takes " + range(ar.minIn(), ar.maxIn()) + " inputs, got " + nIn);
    }
    if (nOut < ar.minOut() || nOut > ar.maxOut()) {
      fail(i.op().name() + " has " + range(ar.minOut(), ar.maxOut()) + " outputs, got " + nOut);
    }
    for (int k = 0; k < nIn; k++) {
      String in = i.inputs().get(k);
      if (in == null) {
        if (k < ar.minIn()) {
          fail(i.op().name() + " input " + k + " is required");
        }
      } else if (!v.buffers.containsKey(in) && v.p.constants().containsKey(in)) {
        continue;
      } else {
        buffer(in, tile.tile());
      }
    }
    i.outputs().forEach(o -> buffer(o, tile.tile()));
    return null;
  }

  /** A barrier has no operands; the verifier checks that every tile passes the same barriers. */
  public Void visit(Instr.Barrier i, Void c) {
    return null;
  }

  private void positive(float value, String what) {
    if (!(value > 0) || Float.isInfinite(value)) {
      fail(what + " must be positive and finite, got " + value);
    }
  }

  private static String range(int lo, int hi) {
    return lo == hi ? String.valueOf(lo) : hi == Integer.MAX_VALUE ? lo + " or more" : lo + ".." + hi;
  }
}
