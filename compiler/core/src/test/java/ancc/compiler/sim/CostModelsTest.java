package ancc.compiler.sim;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.backends.Backends;
import ancc.backends.Cost;
import ancc.backends.mapping.Calibration;
import ancc.backends.place.Estimator;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.EnergyReport;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timing and energy models on every testdata model: each uniform placement on the
 * {@code default} chip and all-memristor on {@code hermes-pcm}, compiled by the driver. Prints
 * one {@code cost:} line per case and checks sanity: positive figures, no array energy when all
 * layers are digital, ADC conversions for memristor placements (ADC energy on {@code default};
 * {@code hermes-pcm} books its converters inside the crossbar read), dynamic energy linear in the
 * batch, and batch throughput at least as high as 1 / latency.
 *
 * <p>And the backends' estimates (the partitioner's cost model) against the ledger of each node
 * compiled alone.
 */
class CostModelsTest {

  private static Path repoRoot() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void costsAreSane(String model) {
    Module m = TestCompile.load(repoRoot().resolve("testdata/models/" + model + ".onnx"));
    for (String placement : TestCompile.UNIFORM) {
      check(model, m, Chips.preset("default"), placement);
    }
    check(model, m, Chips.preset("hermes-pcm"), "all-memristor");
  }

  private static void check(String model, Module m, Chip chip, String placement) {
    Compilation c = TestCompile.compile(m, chip, placement);
    Program p = c.program();
    Timing t1 = TimingModel.simulate(p, chip, 1);
    EnergyReport e1 = EnergyModel.estimate(p, chip, t1);
    Timing t8 = TimingModel.simulate(p, chip, 8);
    EnergyReport e8 = EnergyModel.estimate(p, chip, t8);
    String what = model + " " + placement + " " + chip.name();
    System.out.println(String.format(Locale.ROOT,
        "cost: %s: latency %.3f us, %.1f inf/s, %.4f uJ/inference, %.3f mW, %.3f TOPS/W", what,
        t1.latencySeconds() * 1e6, t8.throughput(), e8.perInferencePj() * 1e-6, e8.averagePowerW() * 1e3,
        e8.topsPerWatt()));

    assertTrue(t1.latencyCycles() > 0 && t1.totalCycles() == t1.latencyCycles(), what);
    assertEquals(t1.latencyCycles(), t8.latencyCycles(), what);
    assertTrue(t8.totalCycles() >= t1.totalCycles(), what + ": batch 8 is not faster than batch 1");
    assertTrue(t8.throughput() * t1.latencySeconds() >= 1 - 1e-9, what + ": throughput below 1 / latency");
    assertTrue(e1.perInferencePj() > 0 && e1.averagePowerW() > 0 && e1.topsPerWatt() > 0, what);
    assertTrue(e1.macs() > 0, what + ": no MACs counted");
    assertEquals(e1.macs() * 8, e8.macs(), what + ": MACs are per weight use, linear in the batch");

    long arrayReads = e1.count(Action.CROSSBAR_READ) + e1.count(Action.MACRO_CYCLE);
    if (placement.equals("all-digital")) {
      assertEquals(0, arrayReads, what);
      assertEquals(0.0, e1.componentPj(Action.CROSSBAR_READ) + e1.componentPj(Action.MACRO_CYCLE)
          + e1.componentPj(Action.ADC_CONVERSION) + e1.componentPj(Action.DAC_DRIVE), what);
      assertTrue(e1.count(Action.MAC_OP) > 0, what);
    } else {
      assertTrue(arrayReads > 0, what);
    }
    if (placement.equals("all-memristor")) {
      assertTrue(e1.count(Action.ADC_CONVERSION) > 0 && e1.count(Action.DAC_DRIVE) > 0, what);
      if (chip.name().equals("default")) {
        assertTrue(e1.componentPj(Action.ADC_CONVERSION) > 0, what);
      }
    }
    // compute actions are exactly linear in the batch; buffer accesses and flits round each
    // region up to whole accesses or flits, and constants (weights, scales) are read once per
    // instruction whatever the batch, so they grow at most linearly
    for (Action a : List.of(Action.values())) {
      if (a == Action.BUFFER_READ || a == Action.BUFFER_WRITE || a == Action.MESH_FLIT_HOP) {
        assertTrue(e8.count(a) <= 8 * e1.count(a) && e8.count(a) >= e1.count(a), what + " " + a.text());
      } else if (a != Action.LEAKAGE) {
        assertEquals(8 * e1.count(a), e8.count(a), what + " " + a.text());
      }
    }
    // so the whole-batch energy grows about linearly: more than 2x, at most 8x (+1% for leakage)
    assertTrue(e8.totalPj() > 2 * e1.totalPj() && e8.totalPj() <= 8.08 * e1.totalPj(),
        what + ": " + e1.totalPj() + " pJ at batch 1, " + e8.totalPj() + " pJ at batch 8");
  }

  /**
   * Every node of every testdata model, on every tile kind of {@code default} and {@code hermes-pcm}
   * that maps it: the backends' estimate ({@link Estimator}) is the ledger of the node compiled alone
   * by the driver (a one-node model placed on that kind): the same action counts once the load of
   * each input and the store of each output (the estimate's ports) are added, the same energy once
   * those and the leakage of the used tiles are added, and the node's latency plus the ports' cycles
   * is the program's latency (two inputs: at most).
   */
  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void estimatesAreTheLedgerOfTheNodeAlone(String model) {
    Module m = TestCompile.load(repoRoot().resolve("testdata/models/" + model + ".onnx"));
    Calibration cal = Calibration.synthetic(m, 8, 1);
    for (String chipName : List.of("default", "hermes-pcm")) {
      Chip chip = Chips.preset(chipName);
      Map<String, Integer> checked = new TreeMap<>();
      double worst = 0;
      for (Node n : m.nodes()) {
        for (TileKind kind : TileKind.values()) {
          if (!chip.has(kind) || !Backends.of(kind).supports(n, m, chip).supported()) {
            continue;
          }
          String what = model + " " + chipName + " " + kind.text() + " " + n.describe();
          Cost c = Estimator.estimate(n, m, chip, kind, cal);
          Compilation alone = Compiler.compile(Estimator.alone(n, m), chip,
              new Assignment(Map.of(n.output().name(), kind)), "alone", cal);
          Timing t = TimingModel.simulate(alone.program(), chip, 1);
          EnergyReport ledger = EnergyModel.estimate(alone.program(), chip, t);
          Map<Action, Long> counts = new EnumMap<>(Action.class);
          counts.putAll(c.actions());
          double ports = 0;
          long portCycles = 0;
          for (Cost.Port port : c.inputs()) {
            port.actions().forEach((a, k) -> counts.merge(a, k, Long::sum));
            ports += port.pj();
            portCycles += port.cycles();
          }
          for (Cost.Port port : c.outputs()) {
            port.actions().forEach((a, k) -> counts.merge(a, k, Long::sum));
            ports += port.pj();
            portCycles += port.cycles();
          }
          assertEquals(ledger.counts(), counts, what + ": action counts");
          double dynamic = ledger.totalPj() - ledger.componentPj(Action.LEAKAGE);
          assertEquals(dynamic, c.energyPj() + ports, 1e-9 * dynamic, what + ": dynamic energy");
          worst = Math.max(worst, Math.abs(dynamic - c.energyPj() - ports) / dynamic);
          double leak = alone.program().tiles().stream()
              .mapToDouble(tp -> EnergyModel.leakagePj(chip.groupOf(tp.tile()).spec(), t.seconds())).sum();
          assertEquals(leak, ledger.componentPj(Action.LEAKAGE), 1e-9 * leak, what + ": leakage");
          // a convolution streamed by row tiles overlaps its input's load (its line buffer fills as it runs)
          boolean streams = alone.program().tiles().stream().flatMap(tp -> tp.instrs().stream())
              .anyMatch(i -> i instanceof ancc.ir.program.Instr.Im2col im && im.rowTile() > 0);
          if (c.inputs().size() == 1 && !streams) {
            assertEquals(t.latencyCycles(), c.cycles() + portCycles, what + ": latency");
          } else {
            assertTrue(t.latencyCycles() <= c.cycles() + portCycles, what + ": latency");
          }
          checked.merge(kind.text() + " " + n.op().name(), 1, Integer::sum);
        }
      }
      System.out.println(String.format(Locale.ROOT, "estimate = ledger alone: %s on %s: %s; largest relative energy"
          + " difference %.1e", model, chipName, checked, worst));
      assertTrue(checked.keySet().stream().anyMatch(k -> k.startsWith("memristor ")), model + " " + chipName);
    }
  }
}
