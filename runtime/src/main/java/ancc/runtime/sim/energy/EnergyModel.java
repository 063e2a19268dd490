package ancc.runtime.sim.energy;

import ancc.ir.chip.Chip;
import ancc.ir.chip.TileGroup;
import ancc.ir.chip.TileSpec;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import ancc.runtime.sim.timing.InstrTiming;
import ancc.runtime.sim.timing.Shapes;
import ancc.runtime.sim.timing.TileUnits;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The energy ledger of a program on a chip at a batch size: action counts of every instruction x
 * the chip's energy per action, plus each used tile's leakage power x the simulated duration of
 * the batch (docs/energy-model.md). Stateless.
 */
public final class EnergyModel {
  private EnergyModel() {}

  /** Simulates the timing of {@code p} at {@code batch} and books its energy. */
  public static EnergyReport estimate(Program p, Chip chip, long batch) {
    return estimate(p, chip, TimingModel.simulate(p, chip, batch));
  }

  /** Books the energy of {@code p} for the batch run described by {@code timing}. */
  public static EnergyReport estimate(Program p, Chip chip, Timing timing) {
    long batch = timing.batch();
    Map<Action, Long> counts = new EnumMap<>(Action.class);
    Map<Action, Double> byComponent = new EnumMap<>(Action.class);
    Map<String, Map<Action, Double>> byLayer = new LinkedHashMap<>();
    Map<Integer, Double> byTile = new TreeMap<>();
    Map<String, Long> layerCycles = new LinkedHashMap<>();
    Map<Long, Long> instrCycles = new HashMap<>();
    for (InstrTiming it : timing.instrs()) {
      instrCycles.put(key(it.tile(), it.index()), it.cycles());
    }
    long macs = 0;
    for (LedgerEntry c : entries(p, chip, batch)) {
      macs += c.macs();
      layerCycles.merge(c.layer(), instrCycles.getOrDefault(key(c.tile(), c.index()), 0L), Long::sum);
      for (Map.Entry<Action, Long> e : c.counts().entrySet()) {
        double pj = c.pj().get(e.getKey());
        counts.merge(e.getKey(), e.getValue(), Long::sum);
        byComponent.merge(e.getKey(), pj, Double::sum);
        byLayer.computeIfAbsent(c.layer(), k -> new EnumMap<>(Action.class)).merge(e.getKey(), pj, Double::sum);
        byTile.merge(c.tile(), pj, Double::sum);
      }
    }
    double usedArea = 0;
    for (TileProgram tp : p.tiles()) {
      TileSpec spec = chip.groupOf(tp.tile()).spec();
      usedArea += spec.area().m2();
      double leakPj = leakagePj(spec, timing.seconds());
      byComponent.merge(Action.LEAKAGE, leakPj, Double::sum);
      byTile.merge(tp.tile(), leakPj, Double::sum);
    }
    double chipArea = 0;
    for (TileGroup g : chip.tiles()) {
      chipArea += g.count() * g.spec().area().m2();
    }
    return new EnergyReport(batch, timing.seconds(), counts, byComponent, byLayer, byTile, layerCycles, macs, usedArea,
        chipArea, ProgrammingCost.of(p, chip));
  }

  /**
   * The ledger line of every instruction of {@code p} at {@code batch}, tile by tile in program
   * order: the counts {@link #estimate} sums (it adds leakage per used tile).
   */
  public static List<LedgerEntry> entries(Program p, Chip chip, long batch) {
    ActionCounter counter = new ActionCounter(p, chip, new Shapes(p, batch));
    List<LedgerEntry> out = new ArrayList<>();
    for (TileProgram tp : p.tiles()) {
      TileUnits u = TileUnits.of(chip, tp.tile());
      TileSpec spec = u.spec();
      for (int i = 0; i < tp.instrs().size(); i++) {
        Instr in = tp.instrs().get(i);
        ActionCounter.Counts c = counter.count(in, u);
        Map<Action, Double> pj = new EnumMap<>(Action.class);
        c.actions().forEach((a, n) -> pj.put(a, n * c.pj(a, a.pj(chip, spec))));
        out.add(new LedgerEntry(tp.tile(), i, in, c.layer(), c.actions(), pj, c.macs()));
      }
    }
    return out;
  }

  /** Leakage of one tile of {@code spec} over {@code seconds}, pJ: the ledger's rule for every tile with a program. */
  public static double leakagePj(TileSpec spec, double seconds) {
    return spec.leakage().watts() * seconds * 1e12;
  }

  private static long key(int tile, int index) {
    return ((long) tile << 32) | index;
  }
}
