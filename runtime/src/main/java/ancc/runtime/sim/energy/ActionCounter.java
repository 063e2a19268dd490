package ancc.runtime.sim.energy;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.SramTile;
import ancc.ir.program.ArrayLayout;
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

  ActionCounter(Program program, Chip chip, Shapes shapes) {
    this.program = program;
    this.chip = chip;
    this.shapes = shapes;
    this.stages = new StageModel(program, chip, shapes);
  }

  Counts count(Instr in, TileUnits u) {
    EnumMap<Action, Long> a = new EnumMap<>(Action.class);
    if (StageModel.isView(in)) {
      String layer = in instanceof Instr.Im2col c ? c.dst() : ((Instr.Digital) in).outputs().get(0);
      return new Counts(layer, a, 0);
    }
    Action element = u.kind() == TileKind.DIGITAL ? Action.VECTOR_OP : Action.SHIFT_ADD_OP;
    if (in instanceof Instr.Mvm m) {
      return mvm(m, u, a);
    } else if (in instanceof Instr.ShiftAdd s) {
      ArrayLayout l = stages.array(s.array()).layout();
      long p = shapes.rows(s.src());
      if (!stages.inRegisters(s.src())) {
        read(a, u, p * l.columnsUsed() * stages.elementBytes(s.src()));
      }
      long ops = l.columnsUsed();
      if (s.inputs() != null) {
        read(a, u, p * l.inCount() * stages.elementBytes(s.inputs()));
        ops += l.inCount() + l.outCount();
      }
      if (s.accumulate()) {
        read(a, u, p * l.outCount() * stages.elementBytes(s.dst()));
      }
      add(a, Action.SHIFT_ADD_OP, p * ops);
      write(a, u, p * l.outCount() * stages.elementBytes(s.dst()));
      return new Counts(l.layer(), a, 0);
    }
    long macs = 0;
    String layer;
    if (in instanceof Instr.Quantize q) {
      Instr.Im2col c = stages.im2colOf(q.src());
      layer = q.dst();
      if (c != null) {
        long n = shapes.numel(c.src());
        add(a, element, n);
        read(a, u, stages.bytes(c.src()));
        write(a, u, n * stages.elementBytes(q.dst()));
        return new Counts(layer, a, 0);
      }
      add(a, element, shapes.numel(q.src()));
    } else if (in instanceof Instr.Dequantize d) {
      add(a, element, shapes.numel(d.src()) * (d.bias() == null ? 1 : 2));
      layer = d.dst();
    } else if (in instanceof Instr.Digital d) {
      macs = OpWork.macs(d, shapes);
      add(a, Action.MAC_OP, macs);
      add(a, element, OpWork.elementOps(d, shapes));
      layer = d.outputs().get(0);
    } else if (in instanceof Instr.Send s) {
      long flits = chip.mesh().flits(stages.bytes(s.src()));
      add(a, Action.MESH_FLIT_HOP, flits * (s.route().size() - 1L));
      layer = s.src();
    } else if (in instanceof Instr.Store s) {
      layer = s.src();
    } else if (in instanceof Instr.Load l) {
      layer = l.dst();
    } else if (in instanceof Instr.Recv r) {
      layer = r.dst();
    } else if (in instanceof Instr.Im2col c) {
      layer = c.dst();
    } else {
      layer = "barrier";
    }
    for (String r : in.reads()) {
      read(a, u, stages.readBytes(in, r));
    }
    for (String w : in.writes()) {
      write(a, u, stages.bytes(w));
    }
    return new Counts(layer, a, macs);
  }

  private Counts mvm(Instr.Mvm m, TileUnits u, EnumMap<Action, Long> a) {
    ArrayLayout l = stages.array(m.array()).layout();
    long p = shapes.rows(m.src());
    long planes = StageModel.planes(m, u);
    long cols = l.columnsUsed();
    read(a, u, p * l.inCount() * stages.elementBytes(m.src()));
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
      write(a, u, p * cols * stages.elementBytes(m.dst()));
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

  private static void read(EnumMap<Action, Long> a, TileUnits u, long bytes) {
    add(a, Action.BUFFER_READ, u.buffer().accesses(bytes));
  }

  private static void write(EnumMap<Action, Long> a, TileUnits u, long bytes) {
    add(a, Action.BUFFER_WRITE, u.buffer().accesses(bytes));
  }

  private static void add(EnumMap<Action, Long> a, Action k, long n) {
    if (n > 0) {
      a.merge(k, n, Long::sum);
    }
  }
}
