package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.backends.Backends;
import ancc.backends.Cost;
import ancc.backends.TestNets;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.chip.MemristorTile;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.EnergyReport;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backends' estimates ({@link Estimator}): hand-derived counts on the default chip (buffer
 * accesses of 32 B at 20.45 pJ, fp16 activations, by the ledger's rules of docs/energy-model.md),
 * and for every backend and op kind the split against the ledger of the node lowered alone: the
 * ledger's counts are the estimate's plus its load and store ports, its energy the estimate's plus
 * the ports' plus leakage (the used tiles' leakage power over the run), its latency the node's
 * cycles plus the ports' (load, node, store run one after another; with two inputs the second load
 * may overlap the node, so at most that).
 */
class EstimatorTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final Module NET = TestNets.convNet(2);
  private static final Calibration CAL = Calibration.synthetic(NET, 16, 5);

  @Test
  void memristorLinear() {
    // fc: 10 outputs x 64 inputs (after a ReLU: unsigned 8-bit codes, 1 byte), one vector per
    // inference; 1 crossbar, 64 rows, 10 x 4 = 40 columns; bit-serial 8-bit inputs: 8 reads.
    //  quantize: read 64 x 2 B = 4, 64 ops, write 64 B = 2.
    //  mvm: read codes 64 B = 2; 8 reads x 12 pJ x (64/256 rows) x (40/256 columns); 512 DAC
    //    drives; 40 x 8 = 320 conversions; 320 shift-adds (the partial sums stay in registers).
    //  shift_add: 40 ops, write 10 x 4 B = 2.
    //  dequantize: read acc 40 B = 2, scales 20 B = 1, bias 20 B = 1; 20 ops; write 20 B = 1.
    //  ports: the input f loaded (128 B: 4 writes), the output y stored (20 B: 1 read).
    Node fc = NET.nodes().get(4);
    Cost c = Estimator.estimate(fc, NET, CHIP, TileKind.MEMRISTOR, CAL);
    assertEquals(1, c.arrays());
    assertEquals(8, c.count(Action.CROSSBAR_READ));
    assertEquals(64 * 8, c.count(Action.DAC_DRIVE));
    assertEquals(40 * 8, c.count(Action.ADC_CONVERSION));
    assertEquals(64 + 320 + 40 + 20, c.count(Action.SHIFT_ADD_OP));
    assertEquals(10, c.count(Action.BUFFER_READ));
    assertEquals(5, c.count(Action.BUFFER_WRITE));
    MemristorTile t = CHIP.memristor().orElseThrow();
    double access = t.buffer().readEnergy().pj();
    assertEquals(32, t.buffer().accessBytes());
    double pj = 8 * t.crossbar().cost().energy().pj() * (64.0 / 256) * (40.0 / 256) + 512 * t.dac().cost().energy().pj()
        + 320 * t.adc().cost().energy().pj() + 444 * t.shiftAdd().energy().pj() + 15 * access;
    assertEquals(pj, c.energyPj(), 1e-6);
    assertEquals(c.energyPj(), c.componentsPj().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    assertEquals(List.of("f"), c.inputs().stream().map(Cost.Port::value).toList());
    assertEquals(128, c.input("f").bytes());
    assertEquals(Map.of(Action.BUFFER_WRITE, 4L), c.input("f").actions());
    assertEquals(20, c.output("y").bytes());
    assertEquals(Map.of(Action.BUFFER_READ, 1L), c.output("y").actions());
  }

  @Test
  void sramConv() {
    // conv: 4 outputs x 9 inputs on a 64x64 macro (8 bit columns per output: 32 columns); 64
    // output positions, 8 bit planes, exact digital readout (no ADC). Its input is the model's,
    // calibrated on standard-normal data, so the codes are signed: 9 bits, 2 bytes.
    //  quantize: read 64 x 2 B = 4, 64 ops, write 128 B = 4.
    //  mvm: read codes 64 x 9 x 2 B = 36; 512 macro cycles at (9/64 rows) x (32/64 columns);
    //    64 x 32 x 8 = 16384 shift-adds.
    //  shift_add: 2048 ops, write 64 x 4 x 4 B = 32.
    //  dequantize: read 32 + 1 + 1, 512 ops, write 16; conv output transpose: read 16, write 16.
    Node conv = NET.nodes().get(0);
    Cost c = Estimator.estimate(conv, NET, CHIP, TileKind.SRAM, CAL);
    assertEquals(1, c.arrays());
    assertEquals(64 * 8, c.count(Action.MACRO_CYCLE));
    assertEquals(0, c.count(Action.ADC_CONVERSION));
    assertEquals(0, c.count(Action.DAC_DRIVE));
    assertEquals(64 + 16384 + 2048 + 512, c.count(Action.SHIFT_ADD_OP));
    assertEquals(90, c.count(Action.BUFFER_READ));
    assertEquals(68, c.count(Action.BUFFER_WRITE));
    double macro = CHIP.sram().orElseThrow().macro().cost().energy().pj();
    assertEquals(512 * macro * (9.0 / 64) * (32.0 / 64), c.componentPj(Action.MACRO_CYCLE), 1e-9);
  }

  @Test
  void digitalOps() {
    Node conv = NET.nodes().get(0);
    Cost c = Estimator.estimate(conv, NET, CHIP, TileKind.DIGITAL, CAL);
    // 4 x 8 x 8 outputs x 9 taps; reads x 128 B = 4, w 72 B = 3, b 8 B = 1; writes 512 B = 16.
    assertEquals(2304, c.count(Action.MAC_OP));
    assertEquals(0, c.arrays());
    assertEquals(8, c.count(Action.BUFFER_READ));
    assertEquals(16, c.count(Action.BUFFER_WRITE));
    Node pool = NET.nodes().get(2);
    Cost p = Estimator.estimate(pool, NET, CHIP, TileKind.DIGITAL, CAL);
    // one element op per input element; fp16: 2 bytes per value, 256 in (16 reads) + 64 out (4 writes).
    assertEquals(4 * 8 * 8, p.count(Action.VECTOR_OP));
    assertEquals(16, p.count(Action.BUFFER_READ));
    assertEquals(4, p.count(Action.BUFFER_WRITE));
    Node flatten = NET.nodes().get(3);
    Cost f = Estimator.estimate(flatten, NET, CHIP, TileKind.DIGITAL, CAL);
    assertEquals(0.0, f.energyPj());
    assertEquals(0, f.cycles());
  }

  @Test
  void arraysOfAWideLayer() {
    Module m = TestNets.wideLinear(784, 256, 1);
    Calibration cal = Calibration.synthetic(m, 4, 1);
    // 256x256 crossbars, 8-bit weights in 2 slices of 4 bits, +/- pairs: 4 row blocks x 4 column blocks.
    Cost mem = Estimator.estimate(m.nodes().get(0), m, CHIP, TileKind.MEMRISTOR, cal);
    assertEquals(16, mem.arrays());
    assertSplit(m.nodes().get(0), m, CHIP, TileKind.MEMRISTOR, cal);
    // 64x64 SRAM macros, 8 bit columns per weight: 13 row blocks x 32 column blocks.
    assertEquals(13 * 32, Estimator.estimate(m.nodes().get(0), m, CHIP, TileKind.SRAM, cal).arrays());
  }

  /** Every op of {@link TestNets#opZoo} on every kind that maps it, on {@code default} and {@code hermes-pcm}. */
  @ParameterizedTest
  @ValueSource(strings = {"default", "hermes-pcm"})
  void estimateIsTheLedgerOfTheNodeAlone(String chipName) {
    Chip chip = Chips.preset(chipName);
    int checked = 0;
    for (Module m : TestNets.opZoo()) {
      Calibration cal = Calibration.synthetic(m, 8, 3);
      for (Node n : m.nodes()) {
        for (TileKind kind : TileKind.values()) {
          if (chip.has(kind) && Backends.of(kind).supports(n, m, chip).supported()) {
            assertSplit(n, m, chip, kind, cal);
            checked++;
          }
        }
      }
    }
    // 8 matrix nodes on each kind the chip has (3 on default, 2 on hermes-pcm), 8 digital-only nodes
    assertEquals(chipName.equals("default") ? 8 * 3 + 8 : 8 * 2 + 8, checked);
  }

  private static void assertSplit(Node n, Module m, Chip chip, TileKind kind, Calibration cal) {
    String what = chip.name() + " " + kind.text() + " " + n.describe();
    Cost c = Estimator.estimate(n, m, chip, kind, cal);
    Module one = Estimator.alone(n, m);
    Program p = MeshLowering.lower(one, chip, new Assignment(Map.of(n.output().name(), kind)), cal).program();
    Timing timing = TimingModel.simulate(p, chip, 1);
    EnergyReport ledger = EnergyModel.estimate(p, chip, timing);
    Map<Action, Long> counts = new EnumMap<>(Action.class);
    counts.putAll(c.actions());
    double ports = 0;
    long portCycles = 0;
    for (Cost.Port port : concat(c.inputs(), c.outputs())) {
      port.actions().forEach((a, k) -> counts.merge(a, k, Long::sum));
      ports += port.pj();
      portCycles += port.cycles();
    }
    assertEquals(ledger.counts(), counts, what + ": counts");
    assertEquals(ledger.totalPj(), c.energyPj() + ports + ledger.componentPj(Action.LEAKAGE),
        1e-9 * ledger.totalPj(), what + ": energy");
    for (Action a : Action.values()) {
      if (a != Action.LEAKAGE) {
        double portPj = concat(c.inputs(), c.outputs()).stream().mapToDouble(q -> q.actions().containsKey(a)
            ? q.actions().get(a) * a.pj(chip, chip.spec(kind).orElseThrow()) : 0).sum();
        assertEquals(ledger.componentPj(a), c.componentPj(a) + portPj, 1e-9 * (1 + ledger.componentPj(a)),
            what + ": " + a.text());
      }
    }
    double leak = 0;
    for (var tp : p.tiles()) {
      leak += EnergyModel.leakagePj(chip.groupOf(tp.tile()).spec(), timing.seconds());
    }
    assertEquals(leak, ledger.componentPj(Action.LEAKAGE), 1e-9 * leak, what + ": leakage");
    // load, node and store run one after another; a second input's load may overlap the node, and
    // so may the load of a convolution streamed by row tiles (its line buffer fills as it runs)
    boolean streams = p.tiles().stream().flatMap(t -> t.instrs().stream())
        .anyMatch(i -> i instanceof Instr.Im2col im && im.rowTile() > 0);
    if (c.inputs().size() == 1 && !streams) {
      assertEquals(timing.latencyCycles(), c.cycles() + portCycles, what + ": latency");
    } else {
      assertTrue(timing.latencyCycles() <= c.cycles() + portCycles && timing.latencyCycles() >= c.cycles(), what);
    }
    assertEquals(p.arrays().size(), c.arrays(), what);
    assertEquals(kind == TileKind.DIGITAL, c.arrays() == 0, what);
  }

  private static List<Cost.Port> concat(List<Cost.Port> a, List<Cost.Port> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
