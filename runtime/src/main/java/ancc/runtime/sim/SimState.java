package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import ancc.ir.program.text.ProgramPrinter;
import ancc.runtime.device.ArrayPhysics;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one simulation run: buffer contents (one tensor per buffer name, the whole batch),
 * messages in flight between tiles, the programmed arrays, and the stored outputs; and the
 * execution of one instruction on it.
 *
 * <p>Buffers hold float32 tensors for everything the CIM datapath computes: input codes are
 * integers in ANALOG mode and unrounded reals in IDEAL mode (ideal converters), so they are kept
 * as floats; when a {@code digital} op or a {@code store} reads a buffer declared with an integer
 * type, the content is converted to that type then.
 */
final class SimState {
  private final Program program;
  private final java.util.function.Function<Instr, String> printer;
  private final Chip chip;
  private final SimOptions options;
  private final PhysicsFactory physics;
  private final Map<String, Tensor> inputs;
  private final Map<String, Tensor> buffers = new HashMap<>();
  private final LastUses lastUses;
  private final Map<String, ArrayDeque<Tensor>> mail = new HashMap<>();
  private final ProgrammedArrays arrays = new ProgrammedArrays();
  private final Map<String, Tensor> outputs = new HashMap<>();
  /** Results of exact mvms not computed yet: a following shift_add fuses with them. */
  private final Map<String, Pending> pending = new HashMap<>();
  /**
   * Accumulators written by shift_add that no other instruction has read since: later shift_adds
   * may add into them in place. Reading one for anything else (send, digital, store) ends that.
   */
  private final Map<String, Tensor> owned = new HashMap<>();
  private final Map<String, Buffer> declared = new HashMap<>();
  /** The latest results of fp16 digital ops (their values are fp16 already), by identity. */
  private final Tensor[] halfResults = new Tensor[8];
  private final Tensor[] codeResults = new Tensor[16];
  private final int[] codeMagnitudeBits = new int[16];
  private int codeNext;
  private int halfNext;
  private final Exec exec = new Exec();

  SimState(Program program, Chip chip, SimOptions options, PhysicsFactory physics, Map<String, Tensor> inputs) {
    this.program = program;
    this.printer = ProgramPrinter.instrs(program);
    this.chip = chip;
    this.options = options;
    this.physics = physics;
    this.inputs = inputs;
    for (Buffer b : program.buffers()) {
      declared.put(b.name(), b);
    }
    lastUses = new LastUses(program, declared.keySet());
  }

  /** Drops the buffers instruction {@code index} of tile {@code tile} was the last to read or write. */
  private void release(int tile, int index) {
    for (String name : lastUses.after(tile, index)) {
      buffers.remove(name);
      pending.remove(name);
      owned.remove(name);
    }
  }

  boolean hasMessage(Instr.Recv r, int tile) {
    ArrayDeque<Tensor> q = mail.get(key(r.fromTile(), tile, r.dst()));
    return q != null && !q.isEmpty();
  }

  /** The outputs in declaration order; every output must have been stored. */
  Map<String, Tensor> outputs() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Value v : program.outputs()) {
      Tensor t = outputs.get(v.name());
      if (t == null) {
        throw new InvalidInputException("program @" + program.name() + ": output %" + v.name() + " is never stored");
      }
      out.put(v.name(), t);
    }
    return out;
  }

  void execute(TileProgram tp, int index, Instr in) {
    String where = "program @" + program.name() + ": tile " + tp.tile() + " instr " + index + " ("
        + printer.apply(in) + ")";
    try {
      run(tp, in, where);
      release(tp.tile(), index);
    } catch (InvalidInputException e) {
      throw e.getMessage() != null && e.getMessage().startsWith("program @") ? e : e.in(where);
    } catch (ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }

  private void run(TileProgram tp, Instr in, String where) {
    in.accept(exec, new Site(tp, where));
  }

  /** The tile program an instruction belongs to, and the prefix of its diagnostics. */
  private record Site(TileProgram tp, String where) {}

  /** The execution of each instruction kind on this state. */
  private final class Exec implements Instr.Visitor<Void, Site> {
    public Void visit(Instr.Load l, Site s) {
      Tensor t = inputs.get(l.input());
      if (t == null) {
        throw new InvalidInputException(s.where + ": no program input %" + l.input());
      }
      write(l.dst(), t);
      return null;
    }

    public Void visit(Instr.Store st, Site s) {
      Value out = program.outputs().stream().filter(v -> v.name().equals(st.output())).findFirst()
          .orElseThrow(() -> new InvalidInputException(s.where + ": no program output %" + st.output()));
      outputs.put(st.output(), coerce(read(st.src(), s.where), out.type().dtype()));
      return null;
    }

    public Void visit(Instr.Send sn, Site s) {
      checkRoute(sn.route(), s.where);
      mail.computeIfAbsent(key(s.tp.tile(), sn.toTile(), sn.dst()), k -> new ArrayDeque<>())
          .add(read(sn.src(), s.where));
      return null;
    }

    public Void visit(Instr.Recv r, Site s) {
      write(r.dst(), mail.get(key(r.fromTile(), s.tp.tile(), r.dst())).poll());
      return null;
    }

    public Void visit(Instr.Im2col i, Site s) {
      write(i.dst(), Im2col.apply(i, read(i.src(), s.where), s.where));
      return null;
    }

    public Void visit(Instr.Quantize q, Site s) {
      boolean ideal = options.isIdeal();
      Tensor codes = Arith.quantize(q, read(q.src(), s.where), ideal);
      if (!ideal) {
        markCodes(codes, q.signed() ? (int) q.bits() - 1 : (int) q.bits());
      }
      write(q.dst(), codes);
      return null;
    }

    public Void visit(Instr.Mvm m, Site s) {
      boolean ideal = options.isIdeal();
      String where = s.where;
      ProgrammedArray a = array(m.array(), where);
      Tensor x = read(m.src(), where);
      if (MvmKernel.exact(m, a, ideal) && x.rank() == 2 && a.image.layout().inStart() + a.rows <= x.dim(1)) {
        write(m.dst(), null);
        pending.put(m.dst(), new Pending(m, a, x, where));
      } else {
        write(m.dst(), MvmKernel.run(m, a, x, ideal, dacBits(a.image), codeBits(x) <= m.inputBits(), where));
      }
      return null;
    }

    public Void visit(Instr.ShiftAdd sa, Site s) {
      String where = s.where;
      ProgrammedArray a = array(sa.array(), where);
      Tensor codes = sa.inputs() == null ? null : read(sa.inputs(), where);
      Tensor mine = owned.get(sa.dst());
      Tensor old = sa.accumulate() || has(sa.dst()) ? read(sa.dst(), where) : null;
      if (mine != null) {
        owned.put(sa.dst(), mine);
      }
      boolean inPlace = old != null && old == owned.get(sa.dst()) && old.dtype() == DType.F32;
      Pending fuse = pending.get(sa.src());
      int width = width(sa.dst(), where);
      Tensor r = fuse != null && fuse.array == a
          ? Arith.shiftAddFused(sa, a, fuse.x, codes, old, inPlace, width, where)
          : Arith.shiftAdd(sa, a.image, read(sa.src(), where), codes, old, inPlace, width, where);
      write(sa.dst(), r);
      owned.put(sa.dst(), r);
      return null;
    }

    public Void visit(Instr.Dequantize d, Site s) {
      write(d.dst(), Arith.dequantize(d, read(d.src(), s.where), constant(d.scale(), s.where),
          d.bias() == null ? null : constant(d.bias(), s.where), s.where));
      return null;
    }

    public Void visit(Instr.Digital d, Site s) {
      DigitalExec.run(d, SimState.this, s.tp, s.where);
      return null;
    }

    /** The simulator's scheduler synchronizes the tiles at a barrier; executing it does nothing. */
    public Void visit(Instr.Barrier b, Site s) {
      return null;
    }
  }

  /** The content of a buffer, which must have been written. */
  Tensor read(String name, String where) {
    owned.remove(name);
    Pending p = pending.remove(name);
    if (p != null) {
      buffers.put(name, MvmKernel.run(p.mvm, p.array, p.x, options.isIdeal(), dacBits(p.array.image), p.where));
    }
    Tensor t = buffers.get(name);
    if (t == null) {
      throw new InvalidInputException(where + ": buffer %" + name + " is read before it is written");
    }
    return t;
  }

  /** A buffer's content converted to its declared element type, or a program constant. */
  Tensor operand(String name, String where) {
    if (has(name)) {
      Buffer b = declared.get(name);
      Tensor t = read(name, where);
      return b == null ? t : coerce(t, b.type().dtype());
    }
    Tensor c = program.constants().get(name);
    if (c == null) {
      throw new InvalidInputException(where + ": %" + name + " is neither a written buffer nor a constant");
    }
    return c;
  }

  /** Sets a buffer's content (null: none yet), dropping any pending product for it. */
  void write(String name, Tensor t) {
    pending.remove(name);
    owned.remove(name);
    if (t == null) {
      buffers.remove(name);
    } else {
      buffers.put(name, t);
    }
  }

  private boolean has(String name) {
    return buffers.containsKey(name) || pending.containsKey(name);
  }

  /**
   * Records that t holds integer codes of at most {@code magnitudeBits} magnitude bits (the
   * output of an ANALOG quantize, rounded and clamped); the latest few are remembered, by
   * identity. Buffers are never written in place except shift_add accumulators, so a marked
   * tensor keeps its codes wherever it is moved.
   */
  private void markCodes(Tensor t, int magnitudeBits) {
    codeResults[codeNext] = t;
    codeMagnitudeBits[codeNext] = magnitudeBits;
    codeNext = (codeNext + 1) % codeResults.length;
  }

  /** The magnitude bits of a tensor {@link #markCodes marked} as codes, else Integer.MAX_VALUE. */
  private int codeBits(Tensor t) {
    for (int i = 0; i < codeResults.length; i++) {
      if (codeResults[i] == t) {
        return codeMagnitudeBits[i];
      }
    }
    return Integer.MAX_VALUE;
  }

  /** Records that t holds fp16 values (the result of an fp16 digital op); a few are remembered. */
  void markHalf(Tensor t) {
    halfResults[halfNext] = t;
    halfNext = (halfNext + 1) % halfResults.length;
  }

  /** Whether t is one of the latest tensors {@link #markHalf marked} as holding fp16 values. */
  boolean isHalf(Tensor t) {
    for (Tensor h : halfResults) {
      if (h == t) {
        return true;
      }
    }
    return false;
  }

  Buffer declared(String name) {
    return declared.get(name);
  }

  SimOptions options() {
    return options;
  }

  Chip chip() {
    return chip;
  }

  private Tensor constant(String name, String where) {
    Tensor c = program.constants().get(name);
    if (c == null) {
      throw new InvalidInputException(where + ": no constant @" + name);
    }
    return c;
  }

  /** A route must step between mesh neighbours of the chip, on tiles the chip has. */
  private void checkRoute(java.util.List<Long> route, String where) {
    int tiles = Math.min(chip.tileCount(), chip.mesh().positions());
    for (int i = 0; i < route.size(); i++) {
      long t = route.get(i);
      if (t < 0 || t >= tiles) {
        throw new InvalidInputException(where + ": route visits tile " + t + ", chip '" + chip.name() + "' has tiles 0.."
            + (tiles - 1));
      }
      if (i > 0 && chip.mesh().hops(route.get(i - 1).intValue(), (int) t) != 1) {
        throw new InvalidInputException(where + ": route hop " + route.get(i - 1) + " -> " + t
            + " is not between mesh neighbours");
      }
    }
  }

  private int width(String dst, String where) {
    Buffer b = declared.get(dst);
    if (b == null || b.type().rank() != 2 || !b.type().dim(1).isFixed()) {
      throw new InvalidInputException(where + ": accumulator %" + dst + " must be declared [P, M] with a fixed M");
    }
    return (int) b.type().dim(1).size();
  }

  private ProgrammedArray array(long id, String where) {
    return arrays.get((int) id, i -> {
      ArrayImage image = program.array(i);
      if (image == null) {
        throw new InvalidInputException(where + ": no array #" + i);
      }
      ArrayPhysics ph = options.isIdeal() || image.kind() != TileKind.MEMRISTOR
          ? ArrayPhysics.IDEAL : physics.physics(image, chip, options);
      return ProgrammedArray.program(image, chip, ph, options.seed(), where);
    });
  }

  private int dacBits(ArrayImage image) {
    return image.kind() == TileKind.MEMRISTOR ? chip.memristor().map(m -> m.dac().bits()).orElse(1) : 1;
  }

  /** t with element type dt: integer types take floats rounded half to even, floats are relabelled. */
  static Tensor coerce(Tensor t, DType dt) {
    if (t.dtype() == dt) {
      return t;
    }
    if (dt.isFloating()) {
      if (t.isFloating()) {
        return t.withDtype(dt);
      }
      return Tensor.ofFloats(dt, t.shape(), Im2col.floats(t));
    }
    if (!t.isFloating()) {
      return t.withDtype(dt);
    }
    float[] f = t.floats();
    long[] l = new long[f.length];
    for (int i = 0; i < f.length; i++) {
      l[i] = (long) Math.rint(f[i]);
    }
    return Tensor.ofLongs(dt, t.shape(), l);
  }

  /** An exact mvm whose per-column product is computed only if something other than its shift_add reads it. */
  private record Pending(Instr.Mvm mvm, ProgrammedArray array, Tensor x, String where) {}

  private static String key(int from, int to, String dst) {
    return from + ">" + to + ":" + dst;
  }
}
