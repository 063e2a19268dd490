package ancc.runtime.sim.timing;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Op;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline ({@link Work}) of each instruction, derived from the chip (docs/energy-model.md,
 * "Timing"). Row-wise instructions (mvm, shift_add, quantize, dequantize) stream their P rows
 * through buffer read port, unit and buffer write port; all others are one item.
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
  private final Works works = new Works();

  public StageModel(Program program, Chip chip, Shapes shapes) {
    this.program = program;
    this.chip = chip;
    this.shapes = shapes;
    this.widths = new Widths(program, chip);
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

  /** The pipeline of each instruction that is not a view (views are {@link #NONE}). */
  private final class Works implements Instr.Visitor<Work, TileUnits> {
    private Resource rd(TileUnits u) {
      return new Resource(u.tile(), Resource.BUFFER_READ);
    }

    private Resource wr(TileUnits u) {
      return new Resource(u.tile(), Resource.BUFFER_WRITE);
    }

    public Work visit(Instr.Load l, TileUnits u) {
      return new Work(1, List.of(Stage.of(wr(u), u.bufferCycles(bytes(l.dst())))));
    }

    public Work visit(Instr.Store s, TileUnits u) {
      return new Work(1, List.of(Stage.of(rd(u), u.bufferCycles(bytes(s.src())))));
    }

    public Work visit(Instr.Send s, TileUnits u) {
      int t = u.tile();
      List<Resource> net = new ArrayList<>();
      net.add(new Resource(t, Resource.MESH_PORT));
      for (int i = 0; i + 1 < s.route().size(); i++) {
        net.add(Resource.link(s.route().get(i), s.route().get(i + 1)));
      }
      long hops = s.route().size() - 1L;
      return new Work(1, List.of(Stage.of(rd(u), u.bufferCycles(bytes(s.src()))),
          new Stage(net, transferCycles(bytes(s.src()), hops))));
    }

    public Work visit(Instr.Recv r, TileUnits u) {
      return new Work(1, List.of(Stage.of(wr(u), u.bufferCycles(bytes(r.dst())))));
    }

    /** An im2col is a view: {@link #work} never gets here. */
    public Work visit(Instr.Im2col c, TileUnits u) {
      return NONE;
    }

    public Work visit(Instr.Quantize q, TileUnits u) {
      Instr.Im2col c = im2colOf(q.src());
      if (c != null) {
        long n = shapes.numel(c.src());
        return new Work(1, List.of(Stage.of(rd(u), u.bufferCycles(bytes(c.src()))),
            Stage.of(u.elementUnit(), u.elementCycles(n)),
            Stage.of(wr(u), u.bufferCycles(n * elementBytes(q.dst())))));
      }
      long rows = shapes.rows(q.src());
      long k = shapes.lastDim(q.src());
      return new Work(rows, List.of(Stage.of(rd(u), u.bufferCycles(k * elementBytes(q.src()))),
          Stage.of(u.elementUnit(), u.elementCycles(k)),
          Stage.of(wr(u), u.bufferCycles(k * elementBytes(q.dst())))));
    }

    public Work visit(Instr.Mvm m, TileUnits u) {
      return mvm(m, u, rd(u), wr(u));
    }

    public Work visit(Instr.ShiftAdd s, TileUnits u) {
      return shiftAdd(s, u, rd(u), wr(u));
    }

    public Work visit(Instr.Dequantize d, TileUnits u) {
      long rows = shapes.rows(d.src());
      long m = shapes.lastDim(d.src());
      long ops = m * (d.bias() == null ? 1 : 2);
      return new Work(rows, List.of(Stage.of(rd(u), u.bufferCycles(m * elementBytes(d.src()))),
          Stage.of(u.elementUnit(), u.elementCycles(ops)),
          Stage.of(wr(u), u.bufferCycles(m * elementBytes(d.dst())))));
    }

    public Work visit(Instr.Digital d, TileUnits u) {
      long readBytes = 0;
      for (String r : d.reads()) {
        readBytes += readBytes(d, r);
      }
      long writeBytes = 0;
      for (String w : d.outputs()) {
        writeBytes += bytes(w);
      }
      boolean mac = OpWork.isMacOp(d.op());
      long elements = OpWork.elementOps(d, shapes);
      List<Stage> stages = new ArrayList<>();
      stages.add(Stage.of(rd(u), u.bufferCycles(readBytes)));
      if (mac) {
        stages.add(Stage.of(new Resource(u.tile(), Resource.MAC), u.macCycles(OpWork.macs(d, shapes))));
      }
      if (!mac || elements > 0) {
        // a recurrent layer's gates follow its MACs on the element unit
        stages.add(Stage.of(u.elementUnit(), u.elementCycles(elements)));
      }
      stages.add(Stage.of(wr(u), u.bufferCycles(writeBytes)));
      return new Work(1, stages);
    }

    /** A barrier only synchronizes (the scheduler waits for every tile); it occupies nothing. */
    public Work visit(Instr.Barrier b, TileUnits u) {
      return NONE;
    }
  }

  private Work mvm(Instr.Mvm m, TileUnits u, Resource rd, Resource wr) {
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
    return new Work(p, List.of(
        Stage.of(rd, u.bufferCycles((long) l.inCount() * elementBytes(m.src()))),
        Stage.of(Resource.array(u.tile(), m.array()), planes * u.readCycles()),
        Stage.of(Resource.adc(u.tile(), m.array()), adcCycles),
        Stage.of(u.elementUnit(), shiftAdd),
        Stage.of(wr, inRegisters(m.dst()) ? 0 : u.bufferCycles(cols * elementBytes(m.dst())))));
  }

  private Work shiftAdd(Instr.ShiftAdd s, TileUnits u, Resource rd, Resource wr) {
    ArrayLayout l = array(s.array()).layout();
    long p = shapes.rows(s.src());
    long cols = l.columnsUsed();
    long readBytes = inRegisters(s.src()) ? 0 : cols * elementBytes(s.src());
    long ops = cols;
    if (s.inputs() != null) {
      readBytes += (long) l.inCount() * elementBytes(s.inputs());
      ops += l.inCount() + l.outCount();
    }
    if (s.accumulate()) {
      readBytes += (long) l.outCount() * elementBytes(s.dst());
    }
    return new Work(p, List.of(Stage.of(rd, u.bufferCycles(readBytes)),
        Stage.of(u.elementUnit(), u.elementCycles(ops)),
        Stage.of(wr, u.bufferCycles((long) l.outCount() * elementBytes(s.dst())))));
  }
}
