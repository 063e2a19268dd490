package ancc.runtime.sim.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cycle counts of the hand-written programs of {@link TestPrograms}, derived in the comments. */
class TimingModelTest {
  private static final Chip CHIP = TestPrograms.chip();

  private static void assertInstr(Timing t, int tile, int index, long start, long end) {
    InstrTiming it = t.instr(tile, index);
    assertEquals(List.of(start, end), List.of(it.start(), it.end()), "tile " + tile + " instr " + index);
  }

  /*
   * Batch 2, every buffer access moves 4 bytes in 1 cycle. Stage cycles per item; duration of a
   * pipeline = sum(stages) + (items - 1) * max(stages). The mvm's per-column partial sums stay in
   * the shift-and-add unit's registers (the shift_add consumes them), so the mvm writes and the
   * shift_add reads no buffer (docs/energy-model.md, "Physical widths and registers").
   *  load x f32[2,4] = 32 B: 8 accesses                                          [0, 8)
   *  quantize, 2 rows: read 16 B = 4, shift-add unit ceil(4 / 4 lanes) * 1 = 1,
   *    write 4 x u8 = 1 -> 6 + 1 * 4 = 10, after x is written                   [8, 18)
   *  mvm, 2 vectors, 4 planes: read 4 B = 1, array 4 * 10 = 40, ADC 4 planes * 2 conversions
   *    (2 columns per ADC) * 1 = 8, shift-add 4 * 1 = 4, no write
   *    -> 53 + 1 * 40 = 93                                                         [18, 111)
   *  shift_add, 2 rows: 4 ops = 1, write 2 x f32 = 2 -> 3 + 2 = 5                 [111, 116)
   *  dequantize, 2 rows: read 8 B = 2, 2 ops = 1, write 2 -> 5 + 2 = 7            [116, 123)
   *  store y 16 B = 4                                                              [123, 127)
   * Batch 1: 4 + 6 + 53 + 3 + 5 + 2 = 73 cycles.
   */
  @Test
  void mvmPipelineCycles() {
    Timing t = TimingModel.simulate(TestPrograms.mvm(), CHIP, 2);
    assertInstr(t, 0, 0, 0, 8);
    assertInstr(t, 0, 1, 8, 18);
    assertInstr(t, 0, 2, 18, 111);
    assertInstr(t, 0, 3, 111, 116);
    assertInstr(t, 0, 4, 116, 123);
    assertInstr(t, 0, 5, 123, 127);
    assertEquals(127, t.totalCycles());
    assertEquals(127e-9, t.seconds(), 1e-15);
    assertEquals(73, t.latencyCycles());
    assertEquals(73e-9, t.latencySeconds(), 1e-15);
    // one tile, busy throughout: steady state 127 / 2 cycles per inference
    assertEquals(1.0, t.tile(0).utilization(), 1e-12);
    assertEquals(1e9 / 63.5, t.throughput(), 1e-3);
    // array #0 busy 2 vectors x 40 cycles, its ADCs 2 x 8
    assertEquals(80L, t.resourceBusy().get(Resource.array(0, 0)));
    assertEquals(16L, t.resourceBusy().get(Resource.adc(0, 0)));
  }

  /*
   * Multi-bit inputs through 2-bit DACs: 4-bit codes take 2 planes; pair sensing converts a G+/G-
   * pair at once, so the busiest ADC converts ceil(2 / 2) = 1 value per read. Batch 1:
   *  load 4 [0, 4); quantize 4 + 1 + 1 = 6 [4, 10);
   *  mvm: read 1, array 2 x 10 = 20, ADC 2 x 1 x 1 = 2, shift-add 2 x 1 = 2 (partial sums in
   *  registers, no write) = 25 [10, 35); shift_add 1 + 2 = 3 [35, 38); dequantize 5 [38, 43);
   *  store 2 [43, 45).
   */
  @Test
  void multiBitInputsWithPairSensing() {
    Timing t = TimingModel.simulate(TestPrograms.mvm(Instr.InputMode.MULTI_BIT), TestPrograms.multiBitPairChip(), 1);
    assertInstr(t, 0, 2, 10, 35);
    assertEquals(45, t.totalCycles());
  }

  /*
   * Batch 1. load q u8[1,4] = 4 B = 1 access [0, 1). mvm #0 (no shift_add consumes its output, so
   * it writes it: 4 partial sums of 8 ADC bits + 3 bits of plane shifts = 11 bits, 2 bytes each,
   * 8 B = 2 accesses): stages read 1, array 40, ADC 8, shift-add 4, write 2 = 55 cycles: [1, 56);
   * it holds the read port [1, 2), array #0 [2, 42), ADCs #0 [42, 50), the shift-add unit
   * [50, 54) and the write port [54, 56).
   * A second mvm on array #0 waits for the array (its array stage starts 1 after its start):
   *   s + 1 >= 42, s = 41: [41, 96).
   * On array #1 only the shared units bind: shift-add at offset 49 >= 54 and write port at offset
   *   53 >= 56 give s = 5: [5, 60), overlapping the first.
   */
  @Test
  void sameArraySerializesOtherArrayOverlaps() {
    Timing same = TimingModel.simulate(TestPrograms.twoMvms(0), CHIP, 1);
    assertInstr(same, 0, 0, 0, 1);
    assertInstr(same, 0, 1, 1, 56);
    assertInstr(same, 0, 2, 41, 96);
    Timing other = TimingModel.simulate(TestPrograms.twoMvms(1), CHIP, 1);
    assertInstr(other, 0, 1, 1, 56);
    assertInstr(other, 0, 2, 5, 60);
    assertEquals(40L, other.resourceBusy().get(Resource.array(0, 1)));
  }

  /*
   * Digital tile, batch 1, a and c f32[1000] = 4000 B = 1000 accesses each.
   *  load a [0, 1000); load c waits for the write port: [1000, 2000).
   *  relu: read 1000, vector ceil(1000 / 8) = 125, write 1000; its write stage starts 1125
   *    after its start and the write port is free at 2000, so s = max(1000, 2000 - 1125) = 1000:
   *    [1000, 3125), read port held [1000, 2000).
   *  store c: c written at 2000, read port free at 2000: [2000, 3000), inside the relu.
   */
  @Test
  void independentInstructionsOnDifferentResourcesOverlap() {
    Timing t = TimingModel.simulate(TestPrograms.reluAndStore(), CHIP, 1);
    assertInstr(t, 1, 0, 0, 1000);
    assertInstr(t, 1, 1, 1000, 2000);
    assertInstr(t, 1, 2, 1000, 3125);
    assertInstr(t, 1, 3, 2000, 3000);
    assertEquals(3125, t.totalCycles());
  }

  /*
   * Digital relu on 1000 elements, batch 1: load 1000 [0, 1000); relu 1000 + 125 + 1000 = 2125
   * [1000, 3125); store 1000 [3125, 4125).
   */
  @Test
  void digitalRelu() {
    Timing t = TimingModel.simulate(TestPrograms.relu(), CHIP, 1);
    assertInstr(t, 1, 1, 1000, 3125);
    assertEquals(4125, t.totalCycles());
    assertEquals(125L, t.resourceBusy().get(new Resource(1, Resource.VECTOR)));
  }

  /*
   * Batch 1, x f32[8] = 32 B = 8 accesses = 256 bits = 8 flits of 32 bits.
   *  tile 0: load [0, 8); send: read 8, then 3 hops x 2 cycles + (8 - 1) further flits = 13:
   *    [8, 29), arrival 29.
   *  tile 3: recv waits for the arrival: write 8 [29, 37); store 8 [37, 45).
   */
  @Test
  void sendRecvOverThreeHops() {
    Timing t = TimingModel.simulate(TestPrograms.sendRecv(), CHIP, 1);
    assertInstr(t, 0, 1, 8, 29);
    assertInstr(t, 3, 0, 29, 37);
    assertInstr(t, 3, 1, 37, 45);
    assertEquals(45, t.totalCycles());
    assertEquals(13L, t.resourceBusy().get(Resource.link(1, 2)));
    assertEquals(29.0 / 45, t.tile(0).utilization(), 1e-12);
    assertEquals(16.0 / 45, t.tile(3).utilization(), 1e-12);
  }

  /*
   * A 1 s hop latency is 10^9 cycles per hop; the run skips them: 8 + 8 + 3e9 + 7 + 8 + 8 cycles.
   * Skipping means the scheduler's work does not depend on the latency: it processes the same 8
   * events as with the 2-cycle hops. Events (time, tile), in queue order:
   *  (0, 0) load commits; (0, 0) send waits for x (written at 8), re-queued at 8; (0, 3) recv finds
   *  no arrival and waits; (8, 0) send commits and wakes tile 3; (8, 0) tile 0 has no more
   *  instructions; (8, 3) recv commits; then store commits and a last event finds tile 3 done.
   */
  @Test
  void longMeshLatencyIsSkippedNotStepped() {
    Schedule fast = new Scheduler(TestPrograms.sendRecv(), CHIP, 1).run();
    Schedule slow = new Scheduler(TestPrograms.sendRecv(), TestPrograms.chip("1s"), 1).run();
    assertEquals(45, fast.totalCycles());
    assertEquals(3_000_000_039L, slow.totalCycles());
    assertEquals(8, fast.events());
    assertEquals(8, slow.events());
    assertEquals(3_000_000_039L, TimingModel.simulate(TestPrograms.sendRecv(), TestPrograms.chip("1s"), 1)
        .totalCycles());
  }

  /* Batch 3 costs more cycles than batch 1, and the relu's cycles grow linearly with the batch. */
  @Test
  void batchScales() {
    Timing one = TimingModel.simulate(TestPrograms.relu(), CHIP, 1);
    Timing three = TimingModel.simulate(TestPrograms.relu(), CHIP, 3);
    // relu at batch 3: read 3000, vector 375, write 3000 = 6375; load and store 3000 each
    assertEquals(3000 + 6375 + 3000, three.totalCycles());
    assertEquals(one.totalCycles(), three.latencyCycles());
  }

  @Test
  void rejectsRouteThatIsNotAMeshPath() {
    Program p = TestPrograms.sendRecv();
    TileProgram bad = new TileProgram(0, p.tiles().get(0).kind(),
        List.of(new Instr.Load("x", "in"), new Instr.Send("x", 3, "z", List.of(0L, 2L, 3L))));
    Program q = new Program(p.name(), p.chipName(), p.chipHash(), p.inputs(), p.outputs(), p.constants(),
        p.arrays(), p.buffers(), List.of(bad, p.tiles().get(1)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TimingModel.simulate(q, CHIP, 1));
    assertTrue(e.getMessage().contains("send route [0, 2, 3]"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void rejectsDeadlock() {
    Program p = TestPrograms.sendRecv();
    TileProgram lonely = new TileProgram(0, p.tiles().get(0).kind(), List.of(new Instr.Load("x", "in")));
    Program q = new Program(p.name(), p.chipName(), p.chipHash(), p.inputs(), p.outputs(), p.constants(),
        p.arrays(), p.buffers(), List.of(lonely, p.tiles().get(1)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TimingModel.simulate(q, CHIP, 1));
    assertTrue(e.getMessage().contains("tile 3 instr 0 (recv) waits forever"), e.getMessage());
  }
}
