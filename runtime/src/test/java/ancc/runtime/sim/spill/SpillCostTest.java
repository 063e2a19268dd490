package ancc.runtime.sim.spill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.EnergyReport;
import ancc.runtime.sim.timing.Resource;
import ancc.runtime.sim.timing.TestPrograms;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Buffers spilled to the global buffer or DRAM (docs/energy-model.md, "Spill"), on the test chip of
 * {@link TestPrograms} (1 GHz: 1 ns = 1 cycle) with a global buffer of 16-byte accesses (read 4 pJ,
 * write 5 pJ, 4 ns, 8 GB/s = 8 B per cycle) and DRAM of 64-byte accesses (640 pJ, 50 ns, 4 GB/s).
 * The program is the digital relu of f32[N,1000]: load a, relu a -> b, store b, with a spilled.
 */
class SpillCostTest {
  private static final Chip CHIP = Chips.parse(TestPrograms.chip().canonicalYaml()
      + "global_buffer: {size: 64KiB, access_bytes: 16, read_energy: 4pJ, write_energy: 5pJ, latency: 4ns,"
      + " bandwidth: 8GB/s, area: 1mm2}\n"
      + "dram: {access_bytes: 64, read_energy: 640pJ, write_energy: 640pJ, latency: 50ns, bandwidth: 4GB/s}\n",
      "spill.yaml");

  /** The relu program with buffer a in {@code space}. */
  private static Program relu(Buffer.Space space) {
    Program p = TestPrograms.relu();
    List<Buffer> buffers = p.buffers().stream().map(b -> b.name().equals("a") ? b.in(space) : b).toList();
    return new Program(p.name(), CHIP.name(), CHIP.sha256(), p.inputs(), p.outputs(), p.constants(), p.arrays(),
        buffers, p.tiles());
  }

  /*
   * a = 4000 B at batch 1, in the global buffer: 250 accesses. load: 250 writes x 5 pJ = 1250 pJ,
   * 4 + 4000 / 8 = 504 cycles on the global buffer [0, 504). relu: 250 reads x 4 pJ = 1000 pJ (504
   * cycles), 125 vector cycles (500 pJ), b written locally, 1000 accesses x 2 pJ (1000 cycles):
   * [504, 2133). store b: 1000 local reads x 1 pJ, [2133, 3133). Leakage 1 mW x 3133 ns.
   */
  @Test
  void globalBufferAccessesAreChargedToTheGlobalBuffer() {
    Program p = relu(Buffer.Space.GLOBAL);
    Timing t = TimingModel.simulate(p, CHIP, 1);
    assertEquals(3133, t.totalCycles());
    assertEquals(504L + 504, t.resourceBusy().get(Resource.shared(Resource.GLOBAL_BUFFER)));
    EnergyReport e = EnergyModel.estimate(p, CHIP, t);
    assertEquals(250, e.count(Action.GLOBAL_WRITE));
    assertEquals(250, e.count(Action.GLOBAL_READ));
    assertEquals(1250.0, e.componentPj(Action.GLOBAL_WRITE), 1e-9);
    assertEquals(1000.0, e.componentPj(Action.GLOBAL_READ), 1e-9);
    assertEquals(1000.0, e.componentPj(Action.BUFFER_READ), 1e-9);
    assertEquals(2000.0, e.componentPj(Action.BUFFER_WRITE), 1e-9);
    assertEquals(3133.0, e.componentPj(Action.LEAKAGE), 1e-6);
    assertEquals(1250 + 1000 + 1000 + 2000 + 500 + 3133.0, e.totalPj(), 1e-6);
    assertEquals(0, e.count(Action.DRAM_READ));
  }

  /*
   * In DRAM: ceil(4000 / 64) = 63 accesses each way, 63 x 640 = 40320 pJ; 50 + 4000 / 4 = 1050
   * cycles each: load [0, 1050), relu 1050 + 125 + 1000 -> [1050, 3225), store [3225, 4225).
   */
  @Test
  void dramAccessesAreChargedToDram() {
    Program p = relu(Buffer.Space.DRAM);
    Timing t = TimingModel.simulate(p, CHIP, 1);
    assertEquals(4225, t.totalCycles());
    EnergyReport e = EnergyModel.estimate(p, CHIP, t);
    assertEquals(63, e.count(Action.DRAM_READ));
    assertEquals(40320.0, e.componentPj(Action.DRAM_WRITE), 1e-9);
    assertEquals(40320.0, e.componentPj(Action.DRAM_READ), 1e-9);
    assertEquals(0, e.count(Action.GLOBAL_READ));
    assertEquals(2100L, t.resourceBusy().get(Resource.shared(Resource.DRAM)));
  }

  /* Without spill the relu's ledger has no spill action, and local accesses replace them (EnergyModelTest). */
  @Test
  void localBuffersHaveNoSpillActions() {
    EnergyReport e = EnergyModel.estimate(relu(Buffer.Space.LOCAL), CHIP, 1);
    for (Action a : List.of(Action.GLOBAL_READ, Action.GLOBAL_WRITE, Action.DRAM_READ, Action.DRAM_WRITE)) {
      assertEquals(0, e.count(a), a.text());
      assertFalse(e.byComponentPj().containsKey(a), a.text());
    }
    assertEquals(4125, TimingModel.simulate(relu(Buffer.Space.LOCAL), CHIP, 1).totalCycles());
  }

  @Test
  void spillingMovesBytesNotValues() {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[2 * 1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    Map<String, Tensor> in = Map.of("in", Tensor.ofFloats(new long[] {2, 1000}, x));
    Simulator sim = new Simulator();
    float[] local = sim.run(relu(Buffer.Space.LOCAL), CHIP, in, SimOptions.ideal()).get("out").floats();
    for (Buffer.Space s : List.of(Buffer.Space.GLOBAL, Buffer.Space.DRAM)) {
      float[] spilled = sim.run(relu(s), CHIP, in, SimOptions.ideal()).get("out").floats();
      assertArrayEquals(local, spilled, s.text());
    }
    assertTrue(local[0] >= 0);
  }

  @Test
  void aSpaceTheChipLacksIsAnInputError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TimingModel.simulate(relu(Buffer.Space.DRAM), TestPrograms.chip(), 1));
    assertEquals("program @relu: buffer %a is in dram, which chip 'tiny' does not have", e.getMessage());
  }
}
