package ancc.runtime.sim.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import ancc.ir.program.WeightEncoding;
import ancc.runtime.sim.timing.TestPrograms;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger's physical-width rules (docs/energy-model.md, "Physical widths and registers") and
 * the programming cost, on hand-written programs of the test chip of {@link TestPrograms} (buffer
 * read 1 pJ, write 2 pJ per 4-byte access; crossbar read 10 pJ for its 4 x 4 cells; DAC 1 pJ; ADC
 * 2 pJ; shift-add 0.5 pJ; fp32 digital tiles), derived by hand in the comments.
 */
class PhysicalLedgerTest {
  private static final Chip CHIP = TestPrograms.chip();

  private static TensorType t(DType d, Dim... dims) {
    return new TensorType(d, List.of(dims));
  }

  /*
   * Batch 1. x f32[1,1,3,3]; im2col 2x2 windows -> cols [4, 4] (a view: no traffic); quantize to
   * 4-bit unsigned codes declared i64 but 1 byte each, applied to the 9 source elements once;
   * mvm on an array using 4 of 4 rows and 2 of 4 columns (one output: G+, G-), 4 planes; its
   * partial sums go straight to the shift_add (registers); shift_add writes acc f32[4, 1].
   *  load x: 36 B = 9 writes.
   *  quantize: 9 ops; read x 36 B = 9; write 9 x 1 B = 3.
   *  mvm (P = 4): read codes 4 x 4 x 1 B = 4; DAC 4 x 4 x 4 = 64; crossbar 4 x 4 = 16 reads at
   *    10 pJ x (4/4 rows) x (2/4 columns) = 5 pJ -> 80 pJ; ADC 4 x 2 x 4 = 32 -> 64 pJ;
   *    shift-add 4 x 2 x 4 = 32 ops.
   *  shift_add: 8 ops; write 16 B = 4.
   * reads 9 + 4 = 13 -> 13 pJ; writes 9 + 3 + 4 = 16 -> 32 pJ; shift-add 9 + 32 + 8 = 49 ops ->
   * 24.5 pJ; dynamic 13 + 32 + 64 + 80 + 64 + 24.5 = 277.5 pJ.
   * Timing of the quantize: read 9, element unit ceil(9 / 4 lanes) = 3, write 3 -> 15 cycles.
   */
  @Test
  void im2colIsAViewCodesAreNarrowAndArrayReadsScaleWithUsedCells() {
    ArrayLayout l = new ArrayLayout("conv", 0, 4, 0, 1, 4, 1, 3, WeightEncoding.DIFFERENTIAL);
    ArrayImage a = new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l, Tensor.zeros(DType.I64, new long[] {4, 4}));
    List<Instr> instrs = List.of(
        new Instr.Load("x", "in"),
        new Instr.Im2col("x", "cols", List.of(2L, 2L), List.of(1L, 1L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L)),
        new Instr.Quantize("cols", "q", 4, false, 0.1f),
        new Instr.Mvm(0, "q", "m", Instr.InputMode.BIT_SERIAL, 4, 8, 60f),
        new Instr.ShiftAdd(0, "m", null, "acc", false));
    Dim n = Dim.sym("N");
    Program p = new Program("conv", "tiny", "0", List.of(new Value("in", t(DType.F32, n, Dim.of(1), Dim.of(3), Dim.of(3)))),
        List.of(), Map.of(), List.of(a),
        List.of(new Buffer("x", 0, t(DType.F32, n, Dim.of(1), Dim.of(3), Dim.of(3))),
            new Buffer("cols", 0, t(DType.F32, Dim.UNKNOWN, Dim.of(4))),
            new Buffer("q", 0, t(DType.I64, Dim.UNKNOWN, Dim.of(4))),
            new Buffer("m", 0, t(DType.F32, Dim.UNKNOWN, Dim.of(2))),
            new Buffer("acc", 0, t(DType.F32, Dim.UNKNOWN, Dim.of(1)))),
        List.of(new TileProgram(0, TileKind.MEMRISTOR, instrs)));
    Timing timing = TimingModel.simulate(p, CHIP, 1);
    EnergyReport r = EnergyModel.estimate(p, CHIP, timing);
    assertEquals(13, r.count(Action.BUFFER_READ));
    assertEquals(16, r.count(Action.BUFFER_WRITE));
    assertEquals(64, r.count(Action.DAC_DRIVE));
    assertEquals(16, r.count(Action.CROSSBAR_READ));
    assertEquals(80.0, r.componentPj(Action.CROSSBAR_READ), 1e-9);
    assertEquals(32, r.count(Action.ADC_CONVERSION));
    assertEquals(49, r.count(Action.SHIFT_ADD_OP));
    assertEquals(277.5, r.totalPj() - r.componentPj(Action.LEAKAGE), 1e-9);
    assertEquals(0, timing.instr(0, 1).cycles());
    assertEquals(15, timing.instr(0, 2).cycles());
  }

  /*
   * Digital tile 1, batch 1: load a f32[1,8] (8 writes); reshape a -> b (a view: nothing); slice
   * a -> c f32[1,2] with three i64 constants of 8 B (2 reads each): reads only the 2 selected
   * elements (8 B = 2 reads), writes c (2). Reads 2 + 6 = 8 pJ, writes 8 + 2 = 10 -> 20 pJ.
   */
  @Test
  void viewsAreFreeAndSlicesReadWhatTheySelect() {
    Dim n = Dim.sym("N");
    List<Instr> instrs = List.of(
        new Instr.Load("a", "in"),
        new Instr.Digital(new Op.Reshape(false), List.of("a", "shape"), List.of("b")),
        new Instr.Digital(new Op.Slice(), List.of("a", "starts", "ends", "axes"), List.of("c")));
    Program p = new Program("slice", "tiny", "0", List.of(new Value("in", t(DType.F32, n, Dim.of(8)))), List.of(),
        Map.of("shape", Tensor.vector(-1, 2, 4), "starts", Tensor.vector(2), "ends", Tensor.vector(4),
            "axes", Tensor.vector(1)),
        List.of(),
        List.of(new Buffer("a", 1, t(DType.F32, n, Dim.of(8))), new Buffer("b", 1, t(DType.F32, n, Dim.of(2), Dim.of(4))),
            new Buffer("c", 1, t(DType.F32, n, Dim.of(2)))),
        List.of(new TileProgram(1, TileKind.DIGITAL, instrs)));
    Timing timing = TimingModel.simulate(p, CHIP, 1);
    EnergyReport r = EnergyModel.estimate(p, CHIP, timing);
    assertEquals(8, r.count(Action.BUFFER_READ));
    assertEquals(10, r.count(Action.BUFFER_WRITE));
    assertEquals(28.0, r.totalPj() - r.componentPj(Action.LEAKAGE), 1e-9);
    assertEquals(0, r.layerPerInferencePj("b"));
    assertEquals(0, timing.instr(1, 1).cycles());
  }

  /*
   * The mvm program's array uses 4 rows x 4 columns = 16 cells. Pulse 10 pJ / 100 ns, verify
   * 1 pJ / 10 ns, 4 cells in parallel.
   *  open loop (1 pulse per cell): 16 pulses, 160 pJ, 4 rounds x 100 ns = 400 ns.
   *  write-verify (5 iterations): 80 pulses + 80 verify reads, 16 x 5 x 11 pJ = 880 pJ,
   *    4 rounds x 5 x 110 ns = 2.2 us.
   * Not part of the per-inference energy.
   */
  @Test
  void programmingCostIsOneTimeAndCountsWriteVerify() {
    ProgrammingCost open = EnergyModel.estimate(TestPrograms.mvm(), programmableChip(false), 1).programming();
    assertTrue(open.described() && !open.writeVerify());
    assertEquals(16, open.cells());
    assertEquals(16, open.pulses());
    assertEquals(0, open.verifies());
    assertEquals(160.0, open.energyPj(), 1e-9);
    assertEquals(400e-9, open.seconds(), 1e-15);
    EnergyReport wvReport = EnergyModel.estimate(TestPrograms.mvm(), programmableChip(true), 1);
    ProgrammingCost wv = wvReport.programming();
    assertTrue(wv.writeVerify());
    assertEquals(80, wv.pulses());
    assertEquals(80, wv.verifies());
    assertEquals(880.0, wv.energyPj(), 1e-9);
    assertEquals(2.2e-6, wv.seconds(), 1e-15);
    EnergyReport plain = EnergyModel.estimate(TestPrograms.mvm(), CHIP, 1);
    assertEquals(plain.totalPj(), wvReport.totalPj(), 1e-9);
    assertTrue(wvReport.table().contains("programming (once, not per inference)"), wvReport.table());
  }

  private static Chip programmableChip(boolean writeVerify) {
    String buffer = "    buffer: {size: 64KiB, access_bytes: 4, read_energy: 1pJ, write_energy: 2pJ, latency: 1ns,"
        + " area: 1000um2}\n    leakage: 1mW\n";
    String yaml = "name: tiny\ndescription: \"test chip\"\nclock: 1GHz\n"
        + "mesh: {rows: 1, cols: 4, link_width_bits: 32, hop_latency: 2ns, hop_energy: 3pJ}\n"
        + "tiles:\n"
        + "  - kind: memristor\n    count: 1\n    arrays_per_tile: 2\n"
        + "    crossbar: {rows: 4, cols: 4, energy: 10pJ, latency: 10ns, area: 100um2}\n"
        + "    cell: {type: rram, levels: 16, g_min: 1uS, g_max: 40uS}\n"
        + "    weight: {bits: 4, encoding: differential, slice_bits: 3}\n"
        + "    input: {encoding: bit_serial, bits: 4}\n"
        + "    dac: {bits: 1, energy: 1pJ, latency: 0ns, area: 1um2}\n"
        + "    adc: {bits: 8, columns_per_adc: 2, energy: 2pJ, latency: 1ns, area: 10um2}\n"
        + "    shift_add: {energy: 0.5pJ, latency: 1ns, area: 5um2}\n"
        + "    read: {voltage: 0.2V, pulse: 10ns}\n"
        + buffer
        + "    noise: {model: none, write_verify: {enabled: " + writeVerify + ", residual_sigma: 0.01}}\n"
        + "    programming:\n      pulse: {energy: 10pJ, latency: 100ns}\n      verify: {energy: 1pJ, latency: 10ns}\n"
        + "      open_loop_pulses: 1\n      verify_iterations: 5\n      parallel_cells: 4\n"
        + "  - kind: digital\n    count: 3\n    mac_units: 4\n    vector_width: 8\n    precision: fp32\n"
        + "    mac: {energy: 1pJ, latency: 1ns, area: 10um2}\n"
        + "    vector: {energy: 0.5pJ, latency: 1ns, area: 20um2}\n"
        + buffer;
    return Chips.parse(yaml, "tiny.yaml");
  }
}
