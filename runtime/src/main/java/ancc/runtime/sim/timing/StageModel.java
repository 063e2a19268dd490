package ancc.runtime.sim.timing;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.SpillMemory;
import ancc.ir.graph.Op;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline ({@link Work}) of each instruction, derived from the chip (docs/energy-model.md,
 * "Timing"). Row-wise instructions (mvm, shift_add, quantize, dequantize) stream their P rows
 * through buffer read port, unit and buffer write port; all others are one item. Operands spilled
 * to the global buffer or DRAM are read and written there instead, in stages of their own on that
 * memory (one resource per memory, shared by every tile): before the tile's read port and after
 * its write port ({@link #spillCycles}).
 */
public final class StageModel {
  /** The work of an instruction that occupies no resource (a view, a barrier). */
  private static final Work NONE = new Work(0, List.of());

  private final Program program;
  private final Chip chip;
  private final Shapes shapes;
  private final Widths widths;
  private final Map<String, Instr.Im2col> im2cols = new HashMap<>();
  private final Set<String> registers = new HashSet<>();
  private final Map<String, Buffer.Space> spaces = new HashMap<>();
  private final Works works = new Works();

  public StageModel(Program program, Chip chip, Shapes shapes) {
    this.program = program;
    this.chip = chip;
    this.shapes = shapes;
    this.widths = new Widths(program, chip);
    for (Buffer b : program.buffers()) {
      if (b.spilled()) {
        spaces.put(b.name(), b.space());
      }
    }
    for (TileProgram tp : program.tiles()) {
      for (Instr in : tp.instrs()) {
        if (in instanceof Instr.Im2col c) {
          im2cols.put(c.dst(), c);
        } else if (in instanceof Instr.ShiftAdd sa) {
          registers.add(sa.src());
        }
      }
    }
  }

  /** The physical widths of the program's buffers on the chip. */
  public Widths widths() {
    return widths;
  }

  /** Where buffer {@code name} lives ({@code LOCAL} also for constants and unknown names). */
  public Buffer.Space space(String name) {
    return spaces.getOrDefault(name, Buffer.Space.LOCAL);
  }

  /** The memory buffer {@code name} was spilled to; empty when it is in its tile's buffer. */
  public Optional<SpillMemory> spilledTo(String name) {
    return memory(chip, space(name));
  }

  /** The chip's memory of {@code space}; empty for {@code LOCAL} and for a space the chip lacks. */
  public static Optional<SpillMemory> memory(Chip chip, Buffer.Space space) {
    return switch (space) {
      case LOCAL -> Optional.empty();
      case GLOBAL -> chip.globalBuffer().map(SpillMemory.class::cast);
      case DRAM -> chip.dram().map(SpillMemory.class::cast);
    };
  }

  /** The resource of a spill memory: one per memory, shared by every tile. */
  static Resource resource(SpillMemory m) {
    return Resource.shared(m instanceof ancc.ir.chip.DramSpec ? Resource.DRAM : Resource.GLOBAL_BUFFER);
  }

  /**
   * Cycles per item of moving {@code bytesPerItem} bytes of each of {@code items} items to or from
   * {@code m}: the access latency once per instruction (its accesses are pipelined) plus the bytes
   * at the memory's bandwidth, spread over the items (rounded up).
   */
  public long spillCycles(SpillMemory m, long bytesPerItem, long items) {
    double period = chip.clock().period().seconds();
    long n = Math.max(1, items);
    long total = TileUnits.cycles(m.latency().seconds(), period)
        + TileUnits.cycles(m.bandwidth().seconds(bytesPerItem * n), period);
    return TileUnits.ceilDiv(total, n);
  }

  /** Physical bytes per element of buffer or constant {@code name}. */
  public long elementBytes(String name) {
    return widths.elementBytes(name);
  }

  /** Physical bytes of buffer or constant {@code name} at the batch. */
  public long bytes(String name) {
    return shapes.numel(name) * widths.elementBytes(name);
  }

  /**
   * The im2col writing {@code name}, if {@code name} is an im2col matrix. The matrix is a view: the
   * DACs read each window from the buffer holding the source, so im2col moves no data, and the
   * quantize of the matrix quantizes each source element once.
   */
  public Instr.Im2col im2colOf(String name) {
    return im2cols.get(name);
  }

  /**
   * Whether {@code name} holds an mvm's per-column partial sums that a shift_add consumes: they
   * stay in the shift-and-add unit's registers (the ADC feeds the unit directly), so neither the
   * mvm's write nor the shift_add's read of them touches the buffer.
   */
  public boolean inRegisters(String name) {
    return registers.contains(name);
  }

  /**
   * Bytes {@code in} reads of its operand {@code name}: the whole operand, except the data input of
   * a slice, of which only the selected elements are read.
   */
  public long readBytes(Instr in, String name) {
    if (in instanceof Instr.Digital d && d.op() instanceof Op.Slice && !d.inputs().isEmpty()
        && name.equals(d.inputs().get(0))) {
      long selected = 0;
      for (String o : d.outputs()) {
        selected += shapes.numel(o);
      }
      return Math.min(bytes(name), selected * elementBytes(name));
    }
    return bytes(name);
  }

  /** Whether {@code in} is a view (im2col, or a digital reshape-like op): no data moves, no cycles. */
  public static boolean isView(Instr in) {
    return in instanceof Instr.Im2col || in instanceof Instr.Digital d && Widths.isView(d.op());
  }

  /** Input planes (array reads per vector) of an mvm: B (bit-serial) or ceil(B / DAC bits). */
  public static long planes(Instr.Mvm m, TileUnits u) {
    if (m.mode() == Instr.InputMode.BIT_SERIAL) {
      return m.inputBits();
    }
    return TileUnits.ceilDiv(m.inputBits(), u.dacBits());
  }

  /** The array an mvm or shift_add names (the verifier guarantees it exists). */
  public ArrayImage array(long id) {
    ArrayImage a = program.array(id);
    if (a == null) {
      throw new InvalidInputException("program @" + program.name() + ": undefined array #" + id);
    }
    return a;
  }

  /** Cycles of one mesh transfer of {@code bytes} over {@code hops} hops: hops x hop + flits - 1. */
  public long transferCycles(long bytes, long hops) {
    return transferCycles(chip, bytes, hops);
  }

  /** Cycles of one mesh transfer of {@code bytes} over {@code hops} hops on {@code chip}: hops x hop + flits - 1. */
  public static long transferCycles(Chip chip, long bytes, long hops) {
    long flits = Math.max(1, chip.mesh().flits(bytes));
    return hops * TileUnits.cycles(chip.mesh().hopLatency().seconds(), chip.clock().period().seconds()) + flits - 1;
  }

  public Work work(Instr in, TileUnits u) {
    if (isView(in)) {
      return NONE;
    }
    return in.accept(works, u);
  }

  /**
   * The buffer traffic of one instruction per item: bytes read and written in the tile's buffer,
   * and in each spill memory; {@link #around} puts the stages of the reads before and those of the
   * writes after the instruction's own stages.
   */
  private final class Ports {
    private final TileUnits u;
    private final long items;
    private long localRead;
    private long localWrite;
    private final Map<SpillMemory, Long> spillRead = new java.util.LinkedHashMap<>();
    private final Map<SpillMemory, Long> spillWrite = new java.util.LinkedHashMap<>();

    Ports(TileUnits u, long items) {
      this.u = u;
      this.items = items;
    }

    Ports read(String name, long bytesPerItem) {
      return add(name, bytesPerItem, false);
    }

    Ports write(String name, long bytesPerItem) {
      return add(name, bytesPerItem, true);
    }

    private Ports add(String name, long bytesPerItem, boolean write) {
      Optional<SpillMemory> m = spilledTo(name);
      if (m.isPresent()) {
        (write ? spillWrite : spillRead).merge(m.get(), bytesPerItem, Long::sum);
      } else if (write) {
        localWrite += bytesPerItem;
      } else {
        localRead += bytesPerItem;
      }
      return this;
    }

    Work around(Stage... middle) {
      List<Stage> st = new ArrayList<>();
      spillRead.forEach((m, b) -> st.add(Stage.of(resource(m), spillCycles(m, b, items))));
      st.add(Stage.of(new Resource(u.tile(), Resource.BUFFER_READ), u.bufferCycles(localRead)));
      st.addAll(List.of(middle));
      st.add(Stage.of(new Resource(u.tile(), Resource.BUFFER_WRITE), u.bufferCycles(localWrite)));
      spillWrite.forEach((m, b) -> st.add(Stage.of(resource(m), spillCycles(m, b, items))));
      return new Work(items, st);
    }
  }

  /** The pipeline of each instruction that is not a view (views are {@link #NONE}). */
  private final class Works implements Instr.Visitor<Work, TileUnits> {
    public Work visit(Instr.Load l, TileUnits u) {
      return new Ports(u, 1).write(l.dst(), bytes(l.dst())).around();
    }

    public Work visit(Instr.Store s, TileUnits u) {
      return new Ports(u, 1).read(s.src(), bytes(s.src())).around();
    }

    public Work visit(Instr.Send s, TileUnits u) {
      int t = u.tile();
      List<Resource> net = new ArrayList<>();
      net.add(new Resource(t, Resource.MESH_PORT));
      for (int i = 0; i + 1 < s.route().size(); i++) {
        net.add(Resource.link(s.route().get(i), s.route().get(i + 1)));
      }
      long hops = s.route().size() - 1L;
      return new Ports(u, 1).read(s.src(), bytes(s.src()))
          .around(new Stage(net, transferCycles(bytes(s.src()), hops)));
    }

    public Work visit(Instr.Recv r, TileUnits u) {
      return new Ports(u, 1).write(r.dst(), bytes(r.dst())).around();
    }

    /** An im2col is a view: {@link #work} never gets here. */
    public Work visit(Instr.Im2col c, TileUnits u) {
      return NONE;
    }

    public Work visit(Instr.Quantize q, TileUnits u) {
      Instr.Im2col c = im2colOf(q.src());
      if (c != null) {
        long n = shapes.numel(c.src());
        return new Ports(u, 1).read(c.src(), bytes(c.src())).write(q.dst(), n * elementBytes(q.dst()))
            .around(Stage.of(u.elementUnit(), u.elementCycles(n)));
      }
      long rows = shapes.rows(q.src());
      long k = shapes.lastDim(q.src());
      return new Ports(u, rows).read(q.src(), k * elementBytes(q.src())).write(q.dst(), k * elementBytes(q.dst()))
          .around(Stage.of(u.elementUnit(), u.elementCycles(k)));
    }

    public Work visit(Instr.Mvm m, TileUnits u) {
      return mvm(m, u);
    }

    public Work visit(Instr.ShiftAdd s, TileUnits u) {
      return shiftAdd(s, u);
    }

    public Work visit(Instr.Dequantize d, TileUnits u) {
      long rows = shapes.rows(d.src());
      long m = shapes.lastDim(d.src());
      long ops = m * (d.bias() == null ? 1 : 2);
      return new Ports(u, rows).read(d.src(), m * elementBytes(d.src())).write(d.dst(), m * elementBytes(d.dst()))
          .around(Stage.of(u.elementUnit(), u.elementCycles(ops)));
    }

    public Work visit(Instr.Digital d, TileUnits u) {
      Ports io = new Ports(u, 1);
      for (String r : d.reads()) {
        io.read(r, readBytes(d, r));
      }
      for (String w : d.outputs()) {
        io.write(w, bytes(w));
      }
      boolean mac = OpWork.isMacOp(d.op());
      long elements = OpWork.elementOps(d, shapes);
      List<Stage> units = new ArrayList<>();
      if (mac) {
        units.add(Stage.of(new Resource(u.tile(), Resource.MAC), u.macCycles(OpWork.macs(d, shapes))));
      }
      if (!mac || elements > 0) {
        // a recurrent layer's gates follow its MACs on the element unit
        units.add(Stage.of(u.elementUnit(), u.elementCycles(elements)));
      }
      return io.around(units.toArray(Stage[]::new));
    }

    /** A barrier only synchronizes (the scheduler waits for every tile); it occupies nothing. */
    public Work visit(Instr.Barrier b, TileUnits u) {
      return NONE;
    }
  }

  private Work mvm(Instr.Mvm m, TileUnits u) {
    ArrayLayout l = array(m.array()).layout();
    long p = shapes.rows(m.src());
    long planes = planes(m, u);
    long cols = l.columnsUsed();
    long adcCycles = 0;
    AdcSpec adc = u.adc().orElse(null);
    if (adc != null && m.adcBits() > 0) {
      long busiest = adc.conversions(Math.min(adc.columnsPerAdc(), cols));
      adcCycles = planes * busiest * u.cycles(adc.cost().latency());
    }
    long shiftAdd = planes > 1 ? planes * u.elementCycles(cols) : 0;
    Ports io = new Ports(u, p).read(m.src(), (long) l.inCount() * elementBytes(m.src()));
    if (!inRegisters(m.dst())) {
      io.write(m.dst(), cols * elementBytes(m.dst()));
    }
    return io.around(
        Stage.of(Resource.array(u.tile(), m.array()), planes * u.readCycles()),
        Stage.of(Resource.adc(u.tile(), m.array()), adcCycles),
        Stage.of(u.elementUnit(), shiftAdd));
  }

  private Work shiftAdd(Instr.ShiftAdd s, TileUnits u) {
    ArrayLayout l = array(s.array()).layout();
    long p = shapes.rows(s.src());
    long cols = l.columnsUsed();
    Ports io = new Ports(u, p);
    if (!inRegisters(s.src())) {
      io.read(s.src(), cols * elementBytes(s.src()));
    }
    long ops = cols;
    if (s.inputs() != null) {
      io.read(s.inputs(), (long) l.inCount() * elementBytes(s.inputs()));
      ops += l.inCount() + l.outCount();
    }
    if (s.accumulate()) {
      io.read(s.dst(), (long) l.outCount() * elementBytes(s.dst()));
    }
    return io.write(s.dst(), (long) l.outCount() * elementBytes(s.dst()))
        .around(Stage.of(u.elementUnit(), u.elementCycles(ops)));
  }
}
