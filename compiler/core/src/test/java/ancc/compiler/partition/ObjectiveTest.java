package ancc.compiler.partition;

import ancc.compiler.driver.Strategy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.DoesNotFitException;
import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.EnergyReport;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partitioner's objective against the energy ledger of the compiled program, for every fixed
 * strategy that fits, on {@code default} and {@code hermes-pcm}: the tiles it places on are the
 * program's, and its energy per inference is within {@link #TOLERANCE} of the ledger's. Prints one line per case with the model's parts.
 */
class ObjectiveTest {
  /**
   * Measured (docs/partitioning.md, "Objective"): exact to rounding on chains whose layers fit one
   * tile; -3.1 % to +4.2 % where branches overlap in time (resnet_small: the model adds their
   * latencies) or a layer's arrays span tiles placed differently than alone.
   */
  private static final double TOLERANCE = 0.05;

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void objectiveTracksTheLedger(String model) {
    Module m = PartitionBench.model(model);
    Calibration cal = Calibration.synthetic(m, 8, 1);
    KernelSplit.Split split = KernelSplit.layers(m);
    Map<String, Map<TileKind, Score>> scores = new LinkedHashMap<>();
    split.units().forEach(u -> {
      Map<TileKind, Score> s = new EnumMap<>(TileKind.class);
      s.put(TileKind.MEMRISTOR, Score.EXACT);
      s.put(TileKind.SRAM, Score.EXACT);
      scores.put(u.key(), s);
    });
    for (String chipName : List.of("default", "hermes-pcm")) {
      Chip chip = Chips.preset(chipName);
      CostTable costs = new CostTable(chip);
      List<List<Choice>> choices = Choices.of(m, split.units(), scores, costs, cal);
      Objective objective = Objective.of(m, split.units(), choices, costs, cal);
      for (Strategy.Fixed fixed : Strategy.fixed()) {
        String strategy = fixed.text();
        int[] pick = Choices.fixed(fixed, split.units(), choices);
        Compilation c;
        try {
          c = Compiler.compile(m, chip, Choices.assignment(m, split.units(), choices, pick), strategy, cal);
        } catch (DoesNotFitException e) {
          continue;
        }
        Timing t = TimingModel.simulate(c.program(), chip, 1);
        EnergyReport ledger = EnergyModel.estimate(c.program(), chip, t);
        Objective.Breakdown b = objective.breakdown(pick);
        String what = model + " " + chipName + " " + strategy;
        double err = b.totalPj() / ledger.totalPj() - 1;
        System.out.println(String.format(Locale.ROOT, "objective: %-40s model %9.1f pJ (dynamic %.1f, moves %.1f,"
            + " host %.1f, leakage %.1f; %d cycles, %d tiles) ledger %9.1f pJ (leakage %.1f; %d cycles, %d tiles):"
            + " %+.2f%%", what, b.totalPj(), b.dynamicPj(), b.transferPj(), b.hostPj(), b.leakagePj(), b.cycles(),
            b.tiles(), ledger.totalPj(), ledger.componentPj(Action.LEAKAGE), t.latencyCycles(),
            c.program().tiles().size(), 100 * err));
        assertEquals(c.program().tiles().size(), b.tiles(), what + ": tiles");
        // the objective adds the layers' latencies; the ledger's layers overlap where convolutions
        // stream by row tiles (docs/energy-model.md, "Row pipelining"): its run is at most the
        // model's, and with its leakage charged over the model's cycles it matches the model
        double leakage = ledger.componentPj(Action.LEAKAGE);
        assertTrue(b.cycles() >= t.latencyCycles() * (1 - TOLERANCE), what + ": " + b.cycles() + " cycles < "
            + t.latencyCycles());
        double atModelCycles = ledger.totalPj() - leakage + leakage * b.cycles() / (double) t.latencyCycles();
        double err2 = b.totalPj() / atModelCycles - 1;
        assertTrue(Math.abs(err2) <= TOLERANCE, what + ": model " + b.totalPj() + " pJ, ledger " + ledger.totalPj()
            + " (" + atModelCycles + " at the model's cycles)");
      }
    }
  }
}
