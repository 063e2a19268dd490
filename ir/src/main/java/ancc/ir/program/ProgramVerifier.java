package ancc.ir.program;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.text.ProgramPrinter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a crossbar mapping program is well formed and executable: declarations unique,
 * arrays on tiles of their kind, every operand declared on the tile that uses it, instruction
 * parameters in range, sends and receives paired, barriers consistent, every output stored once.
 * docs/isa.md lists the rules. Mesh geometry is the chip's, so routes are checked only at their
 * endpoints.
 */
public final class ProgramVerifier {
  private final Program p;
  private final List<String> problems = new ArrayList<>();
  private final Map<Integer, TileProgram> tiles = new LinkedHashMap<>();
  private final Map<String, Buffer> buffers = new HashMap<>();
  private final Map<Long, ArrayImage> arrays = new HashMap<>();
  private final Set<String> inputs = new HashSet<>();
  private final Set<String> outputs = new HashSet<>();
  /** (from tile, to tile, dst buffer) -> sends minus receives. */
  private final Map<List<Object>, Integer> transfers = new LinkedHashMap<>();
  private final Map<String, Integer> stores = new HashMap<>();

  private ProgramVerifier(Program p) {
    this.p = p;
  }

  /** Throws {@link InvalidInputException} naming the first problem. */
  public static void verify(Program p) {
    List<String> all = check(p);
    if (!all.isEmpty()) {
      throw new InvalidInputException(all.get(0));
    }
  }

  /** Every problem found, each a one-line message starting {@code program @NAME: }; empty when the program is sound. */
  public static List<String> check(Program p) {
    ProgramVerifier v = new ProgramVerifier(p);
    v.run();
    return List.copyOf(v.problems);
  }

  private void problem(String message) {
    problems.add("program @" + p.name() + ": " + message);
  }

  private void run() {
    for (TileProgram t : p.tiles()) {
      if (t.tile() < 0) {
        problem("tile id " + t.tile() + " is negative");
      }
      if (tiles.putIfAbsent(t.tile(), t) != null) {
        problem("tile " + t.tile() + " has two tile programs");
      }
    }
    names("input", p.inputs(), inputs);
    names("output", p.outputs(), outputs);
    arrays();
    for (Buffer b : p.buffers()) {
      if (buffers.putIfAbsent(b.name(), b) != null) {
        problem("buffer %" + b.name() + " is declared twice");
      } else if (!tiles.containsKey(b.tile())) {
        problem("buffer %" + b.name() + " is on tile " + b.tile() + ", which has no tile program");
      }
    }
    for (TileProgram t : tiles.values()) {
      for (int i = 0; i < t.instrs().size(); i++) {
        new InstrCheck(t, i).run();
      }
    }
    transfers.forEach((k, n) -> {
      if (n > 0) {
        problem("tile " + k.get(0) + " sends %" + k.get(2) + " to tile " + k.get(1) + " " + n
            + " more time(s) than tile " + k.get(1) + " receives it");
      } else if (n < 0) {
        problem("tile " + k.get(1) + " receives %" + k.get(2) + " from tile " + k.get(0) + " " + (-n)
            + " more time(s) than tile " + k.get(0) + " sends it");
      }
    });
    for (Value out : p.outputs()) {
      int n = stores.getOrDefault(out.name(), 0);
      if (n != 1) {
        problem("output %" + out.name() + " is stored " + n + " times (must be exactly once)");
      }
    }
    barriers();
  }

  private void names(String what, List<Value> values, Set<String> into) {
    for (Value v : values) {
      if (!into.add(v.name())) {
        problem(what + " %" + v.name() + " is declared twice");
      }
    }
  }

  private void arrays() {
    Map<List<Integer>, Integer> slots = new HashMap<>();
    for (ArrayImage a : p.arrays()) {
      String what = "array #" + a.id();
      if (a.id() < 0 || a.slot() < 0) {
        problem(what + ": id and slot must be >= 0, slot is " + a.slot());
      }
      if (arrays.putIfAbsent((long) a.id(), a) != null) {
        problem(what + " is declared twice");
        continue;
      }
      Integer other = slots.putIfAbsent(List.of(a.tile(), a.slot()), a.id());
      if (other != null) {
        problem(what + " uses tile " + a.tile() + " slot " + a.slot() + ", as does array #" + other);
      }
      TileProgram t = tiles.get(a.tile());
      if (t == null) {
        problem(what + " is on tile " + a.tile() + ", which has no tile program");
      } else if (t.kind() != a.kind()) {
        problem(what + " is a " + a.kind().text() + " array on " + t.kind().text() + " tile " + a.tile());
      }
      layout(what, a);
    }
  }

  private void layout(String what, ArrayImage a) {
    ArrayLayout l = a.layout();
    int magnitudeBits = l.weightBits() - (l.encoding() == WeightEncoding.DIFFERENTIAL ? 1 : 0);
    if ((long) l.slices() * l.sliceBits() < magnitudeBits) {
      problem(what + ": " + l.slices() + " slice(s) of " + l.sliceBits() + " bit(s) cannot hold " + magnitudeBits
          + " bits of " + l.weightBits() + "-bit " + l.encoding().name().toLowerCase(Locale.ROOT) + " weights");
    }
    if (a.kind() == TileKind.MEMRISTOR && l.encoding() == WeightEncoding.TWOS_COMPLEMENT) {
      problem(what + ": twos_complement encoding is for SRAM bit cells, not memristor arrays");
    }
    if (a.kind() == TileKind.SRAM && l.sliceBits() != 1) {
      problem(what + ": SRAM cells hold one bit, but slice_bits is " + l.sliceBits());
    }
    long max = a.kind() == TileKind.SRAM ? 1 : Long.MAX_VALUE;
    long[] cells = a.cells().longs();
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] < 0 || cells[i] > max) {
        problem(what + ": cell (" + i / a.cols() + ", " + i % a.cols() + ") is " + cells[i] + ", expected "
            + (a.kind() == TileKind.SRAM ? "a bit (0 or 1)" : "a level >= 0"));
        break;
      }
    }
  }

  private void barriers() {
    List<Long> first = null;
    int firstTile = -1;
    for (TileProgram t : tiles.values()) {
      List<Long> ids = new ArrayList<>();
      for (Instr i : t.instrs()) {
        if (i instanceof Instr.Barrier b) {
          ids.add(b.id());
        }
      }
      if (first == null) {
        first = ids;
        firstTile = t.tile();
      } else if (!first.equals(ids)) {
        problem("tile " + t.tile() + " passes barriers " + ids + " but tile " + firstTile + " passes " + first
            + " (every tile must pass the same barriers in the same order)");
      }
    }
  }

  /** The checks of one instruction. */
  private final class InstrCheck {
    private final TileProgram tile;
    private final Instr instr;
    private final String where;

    InstrCheck(TileProgram tile, int index) {
      this.tile = tile;
      this.instr = tile.instrs().get(index);
      this.where = "tile " + tile.tile() + " instr " + index + " (" + ProgramPrinter.instr(instr, p) + ")";
    }

    private void fail(String message) {
      problem(where + ": " + message);
    }

    private void buffer(String name, int onTile) {
      Buffer b = name == null ? null : buffers.get(name);
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
      Tensor t = name == null ? null : p.constants().get(name);
      if (t == null) {
        fail("undefined constant @" + name + " (" + role + ")");
      }
      return t;
    }

    private void otherTile(int other, String role) {
      if (other == tile.tile()) {
        fail(role + " tile is this tile");
      } else if (!tiles.containsKey(other)) {
        fail(role + " tile " + other + " has no tile program");
      }
    }

    private ArrayImage array(long id) {
      ArrayImage a = arrays.get(id);
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

    void run() {
      if (instr instanceof Instr.Load i) {
        local(i.dst());
        if (!inputs.contains(i.input())) {
          fail("%" + i.input() + " is not a program input");
        }
      } else if (instr instanceof Instr.Store i) {
        local(i.src());
        if (!outputs.contains(i.output())) {
          fail("%" + i.output() + " is not a program output");
        }
        stores.merge(i.output(), 1, Integer::sum);
      } else if (instr instanceof Instr.Send i) {
        send(i);
      } else if (instr instanceof Instr.Recv i) {
        local(i.dst());
        otherTile(i.fromTile(), "source");
        transfers.merge(List.of(i.fromTile(), tile.tile(), i.dst()), -1, Integer::sum);
      } else if (instr instanceof Instr.Im2col i) {
        local(i.src(), i.dst());
        im2col(i);
      } else if (instr instanceof Instr.Quantize i) {
        local(i.src(), i.dst());
        if (i.bits() < (i.signed() ? 2 : 1) || i.bits() > 32) {
          fail("bits " + i.bits() + " out of range (" + (i.signed() ? 2 : 1) + "..32)");
        }
        positive(i.scale(), "scale");
      } else if (instr instanceof Instr.Mvm i) {
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
      } else if (instr instanceof Instr.ShiftAdd i) {
        shiftAdd(i);
      } else if (instr instanceof Instr.Dequantize i) {
        dequantize(i);
      } else if (instr instanceof Instr.Digital i) {
        digital(i);
      } else if (!(instr instanceof Instr.Barrier)) {
        throw new IllegalStateException("unhandled instruction " + instr);
      }
    }

    private void positive(float v, String what) {
      if (!(v > 0) || Float.isInfinite(v)) {
        fail(what + " must be positive and finite, got " + v);
      }
    }

    private void send(Instr.Send i) {
      local(i.src());
      otherTile(i.toTile(), "target");
      buffer(i.dst(), i.toTile());
      List<Long> r = i.route();
      if (r.isEmpty() || r.get(0) != tile.tile() || r.get(r.size() - 1) != i.toTile()) {
        fail("route " + r + " must start at tile " + tile.tile() + " and end at tile " + i.toTile());
      }
      transfers.merge(List.of(tile.tile(), i.toTile(), i.dst()), 1, Integer::sum);
    }

    private void im2col(Instr.Im2col i) {
      int rank = i.kernelShape().size();
      if (rank == 0 || i.strides().size() != rank || i.dilations().size() != rank || i.pads().size() != 2 * rank) {
        fail("kernel_shape, strides and dilations need one entry per spatial axis and pads two, got "
            + rank + ", " + i.strides().size() + ", " + i.dilations().size() + " and " + i.pads().size());
        return;
      }
      for (int k = 0; k < rank; k++) {
        if (i.kernelShape().get(k) < 1 || i.strides().get(k) < 1 || i.dilations().get(k) < 1) {
          fail("kernel_shape, strides and dilations must be positive");
          return;
        }
      }
      if (i.pads().stream().anyMatch(x -> x < 0)) {
        fail("pads must be >= 0");
      }
    }

    private void shiftAdd(Instr.ShiftAdd i) {
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
    }

    private void dequantize(Instr.Dequantize i) {
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
    }

    private void digital(Instr.Digital i) {
      if (tile.kind() != TileKind.DIGITAL && usesMacArray(i.op())) {
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
        } else if (!buffers.containsKey(in) && p.constants().containsKey(in)) {
          continue;
        } else {
          buffer(in, tile.tile());
        }
      }
      i.outputs().forEach(o -> buffer(o, tile.tile()));
    }

    private boolean usesMacArray(Op op) {
      return op instanceof Op.Conv || op instanceof Op.ConvTranspose || op instanceof Op.Gemm
          || op instanceof Op.MatMul || op instanceof Op.Linear;
    }

    private String range(int lo, int hi) {
      return lo == hi ? String.valueOf(lo) : hi == Integer.MAX_VALUE ? lo + " or more" : lo + ".." + hi;
    }
  }
}
