package ancc.runtime.sim.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.program.Instr;
import ancc.runtime.sim.timing.TestPrograms;
import org.junit.jupiter.api.Test;

/**
 * Energies of the hand-written programs of {@link TestPrograms}: buffer read 1 pJ and write 2 pJ
 * per 4-byte access, DAC 1 pJ, crossbar read 10 pJ, ADC 2 pJ, shift-add 0.5 pJ, vector op 0.5 pJ,
 * flit hop 3 pJ, leakage 1 mW per used tile (1 pJ per cycle at 1 GHz).
 */
class EnergyModelTest {
  private static final Chip CHIP = TestPrograms.chip();
  private static final double EPS = 1e-9;

  /*
   * Batch 2 (P = 2 vectors, R = 4 rows, C = 4 columns, 4 planes, 2 outputs), 127 cycles. Since
   * the physical-width rules (docs/energy-model.md): the mvm's partial sums stay in the shift-add
   * unit's registers (no buffer write by the mvm, no buffer read by the shift_add); the crossbar
   * read uses all 4 x 4 cells (full energy); float values are 4 bytes on this fp32 chip.
   *  load x 32 B: 8 writes.
   *  quantize: 8 shift-add ops; read x 8, write q 8 B = 2.
   *  mvm: read q rows 2 x 4 x 1 B = 2; DAC 2 x 4 x 4 = 32; crossbar 2 x 4 = 8 reads;
   *    ADC 2 x 4 x 4 = 32; shift-add 2 x 4 x 4 = 32.
   *  shift_add: 8 ops, write acc 16 B = 4.
   *  dequantize (no bias): 4 ops; read acc 4 + scale 8 B = 2; write y 4.
   *  store: read y 4.
   * buffer.read 8+2+4+2+4 = 20 -> 20 pJ; buffer.write 8+2+4+4 = 18 -> 36 pJ; DAC 32 pJ;
   * crossbar 80 pJ; ADC 64 pJ; shift-add 8+32+8+4 = 52 ops -> 26 pJ; dynamic 258 pJ;
   * leakage 1 mW x 127 ns = 127 pJ; total 385 pJ = 192.5 pJ per inference.
   * MACs 2 x 4 x 2 = 16 -> 32 ops; TOPS/W = ops / pJ = 32 / 385.
   */
  @Test
  void mvmLedger() {
    EnergyReport r = EnergyModel.estimate(TestPrograms.mvm(), CHIP, 2);
    assertEquals(20, r.count(Action.BUFFER_READ));
    assertEquals(18, r.count(Action.BUFFER_WRITE));
    assertEquals(32, r.count(Action.DAC_DRIVE));
    assertEquals(8, r.count(Action.CROSSBAR_READ));
    assertEquals(32, r.count(Action.ADC_CONVERSION));
    assertEquals(52, r.count(Action.SHIFT_ADD_OP));
    assertEquals(0, r.count(Action.MAC_OP));
    assertEquals(20.0, r.componentPj(Action.BUFFER_READ), EPS);
    assertEquals(36.0, r.componentPj(Action.BUFFER_WRITE), EPS);
    assertEquals(80.0, r.componentPj(Action.CROSSBAR_READ), EPS);
    assertEquals(64.0, r.componentPj(Action.ADC_CONVERSION), EPS);
    assertEquals(26.0, r.componentPj(Action.SHIFT_ADD_OP), EPS);
    assertEquals(127.0, r.componentPj(Action.LEAKAGE), 1e-6);
    assertEquals(385.0, r.totalPj(), 1e-6);
    assertEquals(192.5, r.perInferencePj(), 1e-6);
    assertEquals(16, r.macs());
    assertEquals(32.0 / 385.0, r.topsPerWatt(), 1e-9);
    assertEquals(385e-12 / 127e-9, r.averagePowerW(), 1e-9);
    // layer "fc" = mvm (2 + 32 + 80 + 64 + 16) + shift_add (8 + 4) = 206 pJ
    assertEquals(103.0, r.layerPerInferencePj("fc"), 1e-9);
    // mvm [18, 111) + shift_add [111, 116)
    assertEquals(98L, r.layerCycles().get("fc"));
    assertEquals(192.5, r.tilePerInferencePj(0), 1e-6);
    // no memristor tile of the test chip describes its programming
    assertTrue(!r.programming().described() && r.programming().cells() == 0);
    assertTrue(r.table().contains("adc.conversion"), r.table());
  }

  /*
   * Multi-bit, pair sensing, batch 1 (45 cycles): DAC 1 x 4 rows x 2 planes = 8; crossbar 2 reads;
   * ADC 1 x conversions(4 columns) = 2 pairs x 2 planes = 4; shift-add: quantize 4 + mvm
   * 1 x 4 x 2 = 8 + shift_add 4 + dequantize 2 = 18.
   */
  @Test
  void multiBitPairSensingCounts() {
    EnergyReport r = EnergyModel.estimate(TestPrograms.mvm(Instr.InputMode.MULTI_BIT),
        TestPrograms.multiBitPairChip(), 1);
    assertEquals(8, r.count(Action.DAC_DRIVE));
    assertEquals(2, r.count(Action.CROSSBAR_READ));
    assertEquals(4, r.count(Action.ADC_CONVERSION));
    assertEquals(18, r.count(Action.SHIFT_ADD_OP));
    assertEquals(8, r.macs());
    assertEquals(45.0, r.componentPj(Action.LEAKAGE), 1e-6);
  }

  /*
   * Batch 1, 45 cycles. x f32[8] = 32 B: 8 accesses, 8 flits of 32 bits, 3 hops.
   *  mesh 8 x 3 = 24 flit hops x 3 pJ = 72 pJ; tile 0: load writes 8 (16 pJ), send reads 8
   *  (8 pJ); tile 3: recv writes 8 (16 pJ), store reads 8 (8 pJ); leakage 45 pJ per tile.
   *  Tile 0: 16 + 8 + 72 + 45 = 141 pJ, tile 3: 16 + 8 + 45 = 69 pJ, total 210 pJ.
   */
  @Test
  void meshLedger() {
    EnergyReport r = EnergyModel.estimate(TestPrograms.sendRecv(), CHIP, 1);
    assertEquals(24, r.count(Action.MESH_FLIT_HOP));
    assertEquals(72.0, r.componentPj(Action.MESH_FLIT_HOP), EPS);
    assertEquals(90.0, r.componentPj(Action.LEAKAGE), 1e-6);
    assertEquals(141.0, r.tilePerInferencePj(0), 1e-6);
    assertEquals(69.0, r.tilePerInferencePj(3), 1e-6);
    assertEquals(210.0, r.totalPj(), 1e-6);
    assertEquals(0.0, r.topsPerWatt());
  }

  /*
   * The ledger's send and recv of that program, instruction by instruction, are what Transfer
   * charges for 32 bytes from the memristor tile 0 to the digital tile 3 over 3 hops: 8 reads
   * (8 pJ), 24 flit hops (72 pJ), 8 writes (16 pJ); and the two instructions' cycles.
   */
  @Test
  void transferIsTheLedgersSendAndRecv() {
    java.util.List<LedgerEntry> entries = EnergyModel.entries(TestPrograms.sendRecv(), CHIP, 1);
    LedgerEntry send = entries.stream().filter(e -> e.instr() instanceof Instr.Send).findFirst().orElseThrow();
    LedgerEntry recv = entries.stream().filter(e -> e.instr() instanceof Instr.Recv).findFirst().orElseThrow();
    Transfer t = Transfer.of(CHIP, CHIP.groupOf(0).spec(), CHIP.groupOf(3).spec(), 32, 3);
    java.util.Map<Action, Long> both = new java.util.EnumMap<>(send.counts());
    recv.counts().forEach((a, n) -> both.merge(a, n, Long::sum));
    assertEquals(both, t.counts());
    assertEquals(send.totalPj() + recv.totalPj(), t.pj(), EPS);
    assertEquals(96.0, t.pj(), EPS);
    ancc.runtime.sim.timing.Timing timing = ancc.runtime.sim.timing.TimingModel.simulate(TestPrograms.sendRecv(),
        CHIP, 1);
    assertEquals(timing.instr(0, 1).cycles() + timing.instr(3, 0).cycles(), t.cycles());
    // the entries sum to the report's dynamic energy
    EnergyReport r = EnergyModel.estimate(TestPrograms.sendRecv(), CHIP, 1);
    assertEquals(r.totalPj() - r.componentPj(Action.LEAKAGE),
        entries.stream().mapToDouble(LedgerEntry::totalPj).sum(), EPS);
  }

  /*
   * Batch 1, 4125 cycles. relu: 1000 vector ops x 0.5 = 500 pJ; buffer reads: relu 1000 + store
   * 1000 = 2000 pJ; writes: load 1000 + relu 1000 = 2000 x 2 = 4000 pJ; leakage 4125 pJ;
   * total 10625 pJ. Batch 4 quadruples the dynamic part and leakage follows the run time.
   */
  @Test
  void digitalReluLedger() {
    EnergyReport r = EnergyModel.estimate(TestPrograms.relu(), CHIP, 1);
    assertEquals(1000, r.count(Action.VECTOR_OP));
    assertEquals(500.0, r.componentPj(Action.VECTOR_OP), EPS);
    assertEquals(2000.0, r.componentPj(Action.BUFFER_READ), EPS);
    assertEquals(4000.0, r.componentPj(Action.BUFFER_WRITE), EPS);
    assertEquals(4125.0, r.componentPj(Action.LEAKAGE), 1e-6);
    assertEquals(10625.0, r.totalPj(), 1e-6);
    assertEquals(500.0 + 2000 + 4000, r.layerPerInferencePj("b") + r.layerPerInferencePj("a"), 1e-6);
    EnergyReport four = EnergyModel.estimate(TestPrograms.relu(), CHIP, 4);
    assertEquals(4 * 6500.0, four.totalPj() - four.componentPj(Action.LEAKAGE), 1e-6);
    // 4000 + 8500 + 4000 cycles at batch 4
    assertEquals(16500.0, four.componentPj(Action.LEAKAGE), 1e-6);
  }

  @Test
  void areaSumsTiles() {
    EnergyReport r = EnergyModel.estimate(TestPrograms.relu(), CHIP, 1);
    // one digital tile: 4 MACs x 10 + vector 20 + buffer 1000 = 1060 um2
    assertEquals(1060e-12, r.usedAreaM2(), 1e-18);
    // memristor: 2 x (100 + 4 x 1 + 2 ADCs x 10) + 5 + 1000 = 1253; plus 3 digital tiles
    assertEquals((1253 + 3 * 1060) * 1e-12, r.chipAreaM2(), 1e-18);
  }
}
