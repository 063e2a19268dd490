package ancc.runtime.sim.energy;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.SramTile;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.timing.OpWork;
import ancc.runtime.sim.timing.Shapes;
import ancc.runtime.sim.timing.StageModel;
import ancc.runtime.sim.timing.TileUnits;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the actions of one instruction at a batch size (docs/energy-model.md, "Actions"): the
 * counts depend on the program and the batch only, never on data.
 */
final class ActionCounter {
  /**
   * The actions of one instruction, the layer they are booked to, the model MACs it computes, and
   * for each action the fraction of its chip-file energy one action costs here (1 unless listed:
   * array reads that use part of the array).
   */
  record Counts(String layer, Map<Action, Long> actions, long macs, Map<Action, Double> fraction) {
    Counts(String layer, Map<Action, Long> actions, long macs) {
      this(layer, actions, macs, Map.of());
    }

    /** Energy of action {@code a} per action, given its chip-file energy. */
    double pj(Action a, double chipPj) {
      return chipPj * fraction.getOrDefault(a, 1.0);
    }
  }

  private final Program program;
  private final Chip chip;
  private final Shapes shapes;
  private final StageModel stages;
  private final PerInstr perInstr = new PerInstr();

  ActionCounter(Program program, Chip chip, Shapes shapes) {
    this.program = program;
    this.chip = chip;
    this.shapes = shapes;
    this.stages = new StageModel(program, chip, shapes);
  }

  Counts count(Instr in, TileUnits u) {
    EnumMap<Action, Long> a = new EnumMap<>(Action.class);
    Action element = u.kind() == TileKind.DIGITAL ? Action.VECTOR_OP : Action.SHIFT_ADD_OP;
    return in.accept(perInstr, new Site(u, a, element));
  }

  /**
   * Where one instruction is counted: its tile's units, the counts so far, and the action of one
   * element operation on that tile (vector op on digital tiles, the periphery's shift-add op on CIM
   * tiles).
   */
  private record Site(TileUnits u, EnumMap<Action, Long> a, Action element) {}

  /** The actions of each instruction kind. */
  private final class PerInstr implements Instr.Visitor<Counts, Site> {
    public Counts visit(Instr.Mvm m, Site s) {
      return mvm(m, s.u, s.a);
    }

    public Counts visit(Instr.ShiftAdd sa, Site s) {
      TileUnits u = s.u;
      EnumMap<Action, Long> a = s.a;
      ArrayLayout l = stages.array(sa.array()).layout();
      long p = shapes.rows(sa.src());
      if (!stages.inRegisters(sa.src())) {
        read(a, u, sa.src(), p * l.columnsUsed() * stages.elementBytes(sa.src()));
      }
      long ops = l.columnsUsed();
      if (sa.inputs() != null) {
        read(a, u, sa.inputs(), p * l.inCount() * stages.elementBytes(sa.inputs()));
        ops += l.inCount() + l.outCount();
      }
      if (sa.accumulate()) {
        read(a, u, sa.dst(), p * l.outCount() * stages.elementBytes(sa.dst()));
      }
      add(a, Action.SHIFT_ADD_OP, p * ops);
      write(a, u, sa.dst(), p * l.outCount() * stages.elementBytes(sa.dst()));
      return new Counts(l.layer(), a, 0);
    }

    public Counts visit(Instr.Quantize q, Site s) {
      Instr.Im2col c = stages.im2colOf(q.src());
      if (c != null) {
        long n = shapes.numel(c.src());
        add(s.a, s.element, n);
        read(s.a, s.u, c.src(), stages.bytes(c.src()));
        write(s.a, s.u, q.dst(), n * stages.elementBytes(q.dst()));
        return new Counts(q.dst(), s.a, 0);
      }
      add(s.a, s.element, shapes.numel(q.src()));
      return traffic(q, s, q.dst(), 0);
    }

    public Counts visit(Instr.Dequantize d, Site s) {
      add(s.a, s.element, shapes.numel(d.src()) * (d.bias() == null ? 1 : 2));
      return traffic(d, s, d.dst(), 0);
    }

    /** A view (reshape-like op) moves no data and counts nothing. */
    public Counts visit(Instr.Digital d, Site s) {
      if (StageModel.isView(d)) {
        return new Counts(d.outputs().get(0), s.a, 0);
      }
      long macs = OpWork.macs(d, shapes);
      add(s.a, Action.MAC_OP, macs);
      add(s.a, s.element, OpWork.elementOps(d, shapes));
      return traffic(d, s, d.outputs().get(0), macs);
    }

    public Counts visit(Instr.Send sn, Site s) {
      long flits = chip.mesh().flits(stages.bytes(sn.src()));
      add(s.a, Action.MESH_FLIT_HOP, flits * (sn.route().size() - 1L));
      return traffic(sn, s, sn.src(), 0);
    }

    public Counts visit(Instr.Store st, Site s) {
      return traffic(st, s, st.src(), 0);
    }

    public Counts visit(Instr.Load l, Site s) {
      return traffic(l, s, l.dst(), 0);
    }

    public Counts visit(Instr.Recv r, Site s) {
      return traffic(r, s, r.dst(), 0);
    }

    /** An im2col is a view (the DACs read the windows from the source): it counts nothing. */
    public Counts visit(Instr.Im2col c, Site s) {
      return new Counts(c.dst(), s.a, 0);
    }

    public Counts visit(Instr.Barrier b, Site s) {
      return traffic(b, s, "barrier", 0);
    }
  }

  /** Adds the buffer reads and writes of {@code in}'s operands to its counts. */
  private Counts traffic(Instr in, Site s, String layer, long macs) {
    for (String r : in.reads()) {
      read(s.a, s.u, r, stages.readBytes(in, r));
    }
    for (String w : in.writes()) {
      write(s.a, s.u, w, stages.bytes(w));
    }
    return new Counts(layer, s.a, macs);
  }

  private Counts mvm(Instr.Mvm m, TileUnits u, EnumMap<Action, Long> a) {
    ArrayLayout l = stages.array(m.array()).layout();
    long p = shapes.rows(m.src());
    long planes = StageModel.planes(m, u);
    long cols = l.columnsUsed();
    read(a, u, m.src(), p * l.inCount() * stages.elementBytes(m.src()));
    if (u.kind() == TileKind.MEMRISTOR) {
      add(a, Action.DAC_DRIVE, p * l.inCount() * planes);
      add(a, Action.CROSSBAR_READ, p * planes);
    } else {
      add(a, Action.MACRO_CYCLE, p * planes);
    }
    AdcSpec adc = u.adc().orElse(null);
    if (adc != null && m.adcBits() > 0) {
      add(a, Action.ADC_CONVERSION, p * adc.conversions(cols) * planes);
    }
    if (planes > 1) {
      add(a, Action.SHIFT_ADD_OP, p * cols * planes);
    }
    if (!stages.inRegisters(m.dst())) {
      write(a, u, m.dst(), p * cols * stages.elementBytes(m.dst()));
    }
    Action read = u.kind() == TileKind.MEMRISTOR ? Action.CROSSBAR_READ : Action.MACRO_CYCLE;
    return new Counts(l.layer(), a, p * l.inCount() * l.outCount(), Map.of(read, usedFraction(l, u)));
  }

  /**
   * The fraction of an array read's energy an mvm of layout {@code l} costs: the cells on driven
   * rows and used columns over all cells (undriven rows carry no current; unused columns hold
   * cells at the lowest level and are not sensed).
   */
  static double usedFraction(ArrayLayout l, TileUnits u) {
    long rows;
    long cols;
    if (u.spec() instanceof MemristorTile mt) {
      rows = mt.crossbar().rows();
      cols = mt.crossbar().cols();
    } else {
      SramTile st = (SramTile) u.spec();
      rows = st.macro().rows();
      cols = st.macro().cols();
    }
    return Math.min(1.0, (double) l.inCount() / rows) * Math.min(1.0, (double) l.columnsUsed() / cols);
  }

  /** Reading {@code bytes} of buffer {@code name}: accesses of the tile's buffer, or of the memory it was spilled to. */
  private void read(EnumMap<Action, Long> a, TileUnits u, String name, long bytes) {
    access(a, u, name, bytes, Action.BUFFER_READ, Action.GLOBAL_READ, Action.DRAM_READ);
  }

  private void write(EnumMap<Action, Long> a, TileUnits u, String name, long bytes) {
    access(a, u, name, bytes, Action.BUFFER_WRITE, Action.GLOBAL_WRITE, Action.DRAM_WRITE);
  }

  private void access(EnumMap<Action, Long> a, TileUnits u, String name, long bytes, Action local, Action global,
      Action dram) {
    Buffer.Space space = stages.space(name);
    switch (space) {
      case LOCAL -> add(a, local, u.buffer().accesses(bytes));
      case GLOBAL -> add(a, global, chip.globalBuffer().orElseThrow().accesses(bytes));
      case DRAM -> add(a, dram, chip.dram().orElseThrow().accesses(bytes));
    }
  }

  private static void add(EnumMap<Action, Long> a, Action k, long n) {
    if (n > 0) {
      a.merge(k, n, Long::sum);
    }
  }
}
