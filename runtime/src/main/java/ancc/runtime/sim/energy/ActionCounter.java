package ancc.runtime.sim.energy;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
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
  /** The actions of one instruction, the layer they are booked to and the model MACs it computes. */
  record Counts(String layer, Map<Action, Long> actions, long macs) {}

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
    Action element = u.kind() == TileKind.DIGITAL ? Action.VECTOR_OP : Action.SHIFT_ADD_OP;
    if (in instanceof Instr.Mvm m) {
      return mvm(m, u, a);
    } else if (in instanceof Instr.ShiftAdd s) {
      ArrayLayout l = stages.array(s.array()).layout();
      long p = shapes.rows(s.src());
      read(a, u, p * l.columnsUsed() * shapes.elementBytes(s.src()));
      long ops = l.columnsUsed();
      if (s.inputs() != null) {
        read(a, u, p * l.inCount() * shapes.elementBytes(s.inputs()));
        ops += l.inCount() + l.outCount();
      }
      if (s.accumulate()) {
        read(a, u, p * l.outCount() * shapes.elementBytes(s.dst()));
      }
      add(a, Action.SHIFT_ADD_OP, p * ops);
      write(a, u, p * l.outCount() * shapes.elementBytes(s.dst()));
      return new Counts(l.layer(), a, 0);
    }
    long macs = 0;
    String layer;
    if (in instanceof Instr.Quantize q) {
      add(a, element, shapes.numel(q.src()));
      layer = q.dst();
    } else if (in instanceof Instr.Dequantize d) {
      add(a, element, shapes.numel(d.src()) * (d.bias() == null ? 1 : 2));
      layer = d.dst();
    } else if (in instanceof Instr.Digital d) {
      macs = OpWork.macs(d, shapes);
      add(a, Action.MAC_OP, macs);
      add(a, element, OpWork.elementOps(d, shapes));
      layer = d.outputs().get(0);
    } else if (in instanceof Instr.Send s) {
      long flits = chip.mesh().flits(shapes.bytes(s.src()));
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
      read(a, u, shapes.bytes(r));
    }
    for (String w : in.writes()) {
      write(a, u, shapes.bytes(w));
    }
    return new Counts(layer, a, macs);
  }

  private Counts mvm(Instr.Mvm m, TileUnits u, EnumMap<Action, Long> a) {
    ArrayLayout l = stages.array(m.array()).layout();
    long p = shapes.rows(m.src());
    long planes = StageModel.planes(m, u);
    long cols = l.columnsUsed();
    read(a, u, p * l.inCount() * shapes.elementBytes(m.src()));
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
    write(a, u, p * cols * shapes.elementBytes(m.dst()));
    return new Counts(l.layer(), a, p * l.inCount() * l.outCount());
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
