package ancc.compiler.report;

import ancc.compiler.driver.CompiledModel;

import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.EnergyReport;
import ancc.runtime.sim.energy.ReprogramCharge;
import ancc.runtime.sim.timing.InstrTiming;
import ancc.runtime.sim.timing.TileTiming;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The timing and energy of a compiled model at a batch size (the chip's timing model and energy
 * ledger; both depend only on the program, the chip and the batch, never on the data or the
 * seed), and the report built from them. Per-layer figures attribute each instruction to the
 * layer it works for ({@link ProgramLayers#keyOf}); layers carry dynamic energy only, leakage and
 * the host's input loads appear in the totals. With {@code reprogramming} (a time-multiplexed chip,
 * {@code --reprogram}) the timing and ledger are those of the program on its virtual chip, and
 * every whole-inference figure adds the charge of rewriting the arrays between layer groups; the
 * report then states the physical chip.
 *
 * @param reprogramming the per-inference charge of a time-multiplexed chip, or null
 */
public record CostReport(CompiledModel model, long batch, Timing timing, EnergyReport energy,
    ReprogramCharge reprogramming) {

  /** Runs the timing model and the energy ledger at {@code batch}. */
  public static CostReport of(CompiledModel model, long batch) {
    return of(model, batch, null);
  }

  /** Runs the timing model and the energy ledger at {@code batch}, adding {@code reprogramming}'s charge (may be null). */
  public static CostReport of(CompiledModel model, long batch, ReprogramCharge reprogramming) {
    Timing timing = TimingModel.simulate(model.program(), model.chip(), batch);
    EnergyReport energy = EnergyModel.estimate(model.program(), model.chip(), timing);
    return new CostReport(model, batch, timing, energy, reprogramming);
  }

  /** Energy of one inference: the ledger's, plus the reprogramming charge, pJ. */
  public double energyPerInferencePj() {
    return energy.perInferencePj() + (reprogramming == null ? 0 : reprogramming.perInferencePj());
  }

  public double energyPerInferenceUj() {
    return energyPerInferencePj() * 1e-6;
  }

  /** Latency of one inference: the timing model's, plus the reprogramming time (groups run serially), s. */
  public double latencySeconds() {
    return timing.latencySeconds() + reprogrammingSeconds();
  }

  public double latencyUs() {
    return latencySeconds() * 1e6;
  }

  /** The batch's run time: the timing model's, plus the reprogramming time of every inference, s. */
  public double batchSeconds() {
    return timing.seconds() + batch * reprogrammingSeconds();
  }

  private double reprogrammingSeconds() {
    return reprogramming == null ? 0 : reprogramming.seconds();
  }

  /** Whether a reprogramming charge applies (two or more groups). */
  private boolean charged() {
    return reprogramming != null && reprogramming.charged();
  }

  /** The report of {@code command}; {@code simulation} and {@code accuracy} may be null. */
  public Report report(String command, SimulationInfo simulation, Accuracy accuracy) {
    Program p = model.program();
    List<ProgramLayers.Layer> layers = ProgramLayers.of(model.module(), p);
    Set<String> keys = new LinkedHashSet<>();
    layers.forEach(l -> keys.add(l.key()));
    Map<String, Map<String, Double>> layerEnergy = layerEnergy(keys);
    Map<String, Double> layerCycles = layerCycles(p, keys);
    List<LayerEntry> entries = new ArrayList<>();
    for (ProgramLayers.Layer l : layers) {
      Double cycles = layerCycles.get(l.key());
      entries.add(l.entry().withCost(layerEnergy.getOrDefault(l.key(), Map.of()),
          Math.round(cycles == null ? 0 : cycles / batch)));
    }
    List<TileEntry> tiles = new ArrayList<>();
    for (TileProgram tp : p.tiles()) {
      TileTiming tt = timing.tile(tp.tile());
      Map<String, Double> e = new LinkedHashMap<>();
      e.put("total", energy.tilePerInferencePj(tp.tile()));
      tiles.add(new TileEntry(tp.tile(), tp.kind().text(), tt == null ? 0 : tt.utilization(), e));
    }
    Map<String, Double> byComponent = new LinkedHashMap<>();
    for (Map.Entry<Action, Double> e : energy.byComponentPj().entrySet()) {
      byComponent.put(e.getKey().text(), e.getValue() / batch);
    }
    int instructions = p.tiles().stream().mapToInt(t -> t.instrs().size()).sum();
    long cycles = timing.latencyCycles();
    double throughput = timing.throughput();
    double topsPerWatt = energy.topsPerWatt();
    double powerW = energy.averagePowerW();
    if (charged()) { // arrays rewritten within every inference: no overlap of consecutive inferences
      byComponent.put(ReprogrammingInfo.COMPONENT, reprogramming.perInferencePj());
      cycles += Math.round(reprogramming.seconds() * model.chip().clock().hertz());
      throughput = 1 / latencySeconds();
      topsPerWatt = 2.0 * energy.macs() / batch / energyPerInferencePj();
      powerW = energyPerInferencePj() * 1e-12 / latencySeconds();
    }
    Totals totals = new Totals(energyPerInferenceUj(), latencyUs(), cycles, throughput, topsPerWatt, powerW * 1e3,
        byComponent, p.arrays().size(), p.tiles().size(), instructions, ProgrammingInfo.of(energy.programming()),
        SpillInfo.of(p, model.chip(), energy));
    ModelInfo info = model.info();
    long macs = Math.round((double) energy.macs() / batch);
    ModelInfo withMacs = new ModelInfo(info.name(), info.file(), info.format(), info.sha256(), macs);
    ChipInfo chip = ChipInfo.of(reprogramming == null ? model.chip() : reprogramming.physical());
    Report r = Report.of(command, withMacs, chip, model.placement(), simulation, entries, tiles, totals, accuracy);
    return reprogramming == null ? r : r.withReprogramming(ReprogrammingInfo.of(reprogramming, model.chip()));
  }

  /** Dynamic energy per inference by layer key and component (pJ), from the ledger's buffer-named layers. */
  private Map<String, Map<String, Double>> layerEnergy(Set<String> keys) {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (Map.Entry<String, Map<Action, Double>> e : energy.byLayerPj().entrySet()) {
      String key = ProgramLayers.layerKey(e.getKey(), keys);
      if (key == null) {
        continue;
      }
      Map<String, Double> m = out.computeIfAbsent(key, k -> new LinkedHashMap<>());
      e.getValue().forEach((a, pj) -> m.merge(a.text(), pj / batch, Double::sum));
    }
    // keep the ledger's component order in every layer
    Map<String, Map<String, Double>> ordered = new HashMap<>();
    out.forEach((k, m) -> {
      Map<String, Double> o = new LinkedHashMap<>();
      for (Action a : Action.values()) {
        Double v = m.get(a.text());
        if (v != null) {
          o.put(a.text(), v);
        }
      }
      ordered.put(k, o);
    });
    return ordered;
  }

  /** Busy cycles of the batch run by layer key (the sum over the layer's instructions). */
  private Map<String, Double> layerCycles(Program p, Set<String> keys) {
    Map<Integer, TileProgram> byTile = new HashMap<>();
    p.tiles().forEach(t -> byTile.put(t.tile(), t));
    Map<String, Double> out = new HashMap<>();
    for (InstrTiming it : timing.instrs()) {
      TileProgram tp = byTile.get(it.tile());
      if (tp == null || it.index() >= tp.instrs().size()) {
        continue;
      }
      Instr in = tp.instrs().get(it.index());
      String key = ProgramLayers.keyOf(p, in, keys);
      if (key != null) {
        out.merge(key, (double) it.cycles(), Double::sum);
      }
    }
    return out;
  }
}
