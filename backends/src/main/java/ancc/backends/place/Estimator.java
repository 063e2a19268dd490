package ancc.backends.place;

import ancc.backends.Assignment;
import ancc.backends.Cost;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.LedgerEntry;
import ancc.runtime.sim.timing.InstrTiming;
import ancc.runtime.sim.timing.Shapes;
import ancc.runtime.sim.timing.StageModel;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backends' cost model (docs/energy-model.md, "Estimates"): a node's cost on a tile kind is
 * the energy ledger and timing model of the node lowered alone. The node becomes a one-node
 * module (its non-constant inputs graph inputs, its constants program constants, its outputs
 * graph outputs), is lowered on the chip as the compiler lowers a model ({@link MeshLowering}:
 * mesh placement on the empty chip, buffer allocation), and the program is timed and booked at
 * batch 1. The cost is every instruction's ledger line except the host loads and stores, which
 * become the {@link Cost.Port}s; so there is one place that counts actions
 * ({@code ancc.runtime.sim.energy}) and one that times them ({@code ancc.runtime.sim.timing}).
 */
public final class Estimator {
  private Estimator() {}

  /**
   * The cost of {@code node} of {@code m} on {@code kind} tiles of {@code chip}, quantizers set from
   * {@code cal} (whether the input codes carry a sign bit depends on it).
   *
   * @throws ancc.ir.InvalidInputException when {@code kind}'s backend cannot map the node
   * @throws ancc.backends.DoesNotFitException when the node alone does not fit the chip
   */
  public static Cost estimate(Node node, Module m, Chip chip, TileKind kind, Calibration cal) {
    Module one = alone(node, m);
    MeshLowering.Result lowered = MeshLowering.lower(one, chip, new Assignment(Map.of(node.output().name(), kind)),
        cal);
    Program p = lowered.program();
    Timing timing = TimingModel.simulate(p, chip, 1);
    StageModel stages = new StageModel(p, chip, new Shapes(p, 1));
    Map<Long, InstrTiming> times = new HashMap<>();
    timing.instrs().forEach(t -> times.put(key(t.tile(), t.index()), t));
    Map<Action, Long> counts = new EnumMap<>(Action.class);
    Map<Action, Double> pj = new EnumMap<>(Action.class);
    List<Cost.Port> inputs = new ArrayList<>();
    List<Cost.Port> outputs = new ArrayList<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (LedgerEntry e : EnergyModel.entries(p, chip, 1)) {
      InstrTiming t = times.get(key(e.tile(), e.index()));
      if (e.instr() instanceof Instr.Load l) {
        inputs.add(new Cost.Port(l.input(), stages.bytes(l.dst()), e.counts(), e.totalPj(), t.cycles()));
      } else if (e.instr() instanceof Instr.Store s) {
        outputs.add(new Cost.Port(s.output(), stages.bytes(s.src()), e.counts(), e.totalPj(), t.cycles()));
      } else {
        e.counts().forEach((a, n) -> counts.merge(a, n, Long::sum));
        e.pj().forEach((a, v) -> pj.merge(a, v, Double::sum));
        start = Math.min(start, t.start());
        end = Math.max(end, t.end());
      }
    }
    double energy = pj.values().stream().mapToDouble(Double::doubleValue).sum();
    return new Cost(kind, p.arrays().size(), counts, pj, energy, end < start ? 0 : end - start, inputs, outputs);
  }

  /** {@code node} alone: its non-constant inputs as graph inputs, its constants, its outputs as graph outputs. */
  public static Module alone(Node node, Module m) {
    Module.Builder b = Module.builder(m.name());
    Set<Value> seen = new LinkedHashSet<>();
    for (Value v : node.inputs()) {
      if (v == null || !seen.add(v)) {
        continue;
      }
      if (m.constant(v) != null) {
        b.constant(v, m.constant(v));
      } else {
        b.input(v);
      }
    }
    b.node(node);
    node.outputs().forEach(b::output);
    return b.build();
  }

  private static long key(int tile, int index) {
    return ((long) tile << 32) | index;
  }
}
