package ancc.runtime.sim.timing;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hand-written programs on a small test chip with round numbers (1 GHz, so 1 ns = 1 cycle):
 * tile 0 memristor with two 4x4 crossbars (read 10 ns / 10 pJ, DAC 1 pJ / 0 ns, ADC 2 pJ / 1 ns
 * with 2 columns per ADC, shift-add 0.5 pJ / 1 ns), tiles 1..3 digital (4 MAC units, 8 vector
 * lanes, MAC 1 pJ, vector op 0.5 pJ, 1 ns each); every buffer moves 4 bytes per 1 ns access, read
 * 1 pJ, write 2 pJ; leakage 1 mW per tile; a 1x4 mesh of 32-bit links, hop 2 ns / 3 pJ.
 */
public final class TestPrograms {
  private TestPrograms() {}

  public static Chip chip() {
    return chip("2ns");
  }

  /** The test chip with another hop latency. */
  public static Chip chip(String hopLatency) {
    return chip(hopLatency, "    input: {encoding: bit_serial, bits: 4}\n"
        + "    dac: {bits: 1, energy: 1pJ, latency: 0ns, area: 1um2}\n"
        + "    adc: {bits: 8, columns_per_adc: 2, energy: 2pJ, latency: 1ns, area: 10um2}\n");
  }

  /** The test chip with 2-bit DACs (multi-bit inputs) and one ADC per G+/G- pair (pair sensing). */
  public static Chip multiBitPairChip() {
    return chip("2ns", "    input: {encoding: multi_bit, bits: 4}\n"
        + "    dac: {bits: 2, energy: 1pJ, latency: 0ns, area: 1um2}\n"
        + "    adc: {bits: 8, columns_per_adc: 2, sensing: pair, energy: 2pJ, latency: 1ns, area: 10um2}\n");
  }

  private static Chip chip(String hopLatency, String converters) {
    String buffer = "    buffer: {size: 64KiB, access_bytes: 4, read_energy: 1pJ, write_energy: 2pJ, latency: 1ns,"
        + " area: 1000um2}\n    leakage: 1mW\n";
    String yaml = "name: tiny\ndescription: \"test chip\"\nclock: 1GHz\n"
        + "mesh: {rows: 1, cols: 4, link_width_bits: 32, hop_latency: " + hopLatency + ", hop_energy: 3pJ}\n"
        + "tiles:\n"
        + "  - kind: memristor\n    count: 1\n    arrays_per_tile: 2\n"
        + "    crossbar: {rows: 4, cols: 4, energy: 10pJ, latency: 10ns, area: 100um2}\n"
        + "    cell: {type: rram, levels: 16, g_min: 1uS, g_max: 40uS}\n"
        + "    weight: {bits: 4, encoding: differential, slice_bits: 3}\n"
        + converters
        + "    shift_add: {energy: 0.5pJ, latency: 1ns, area: 5um2}\n"
        + "    read: {voltage: 0.2V, pulse: 10ns}\n"
        + buffer
        + "    noise: {model: none}\n"
        + "  - kind: digital\n    count: 3\n    mac_units: 4\n    vector_width: 8\n    precision: fp32\n"
        + "    mac: {energy: 1pJ, latency: 1ns, area: 10um2}\n"
        + "    vector: {energy: 0.5pJ, latency: 1ns, area: 20um2}\n"
        + buffer;
    return Chips.parse(yaml, "tiny.yaml");
  }

  static TensorType batched(DType t, long... dims) {
    List<Dim> d = new ArrayList<>();
    d.add(Dim.sym("N"));
    for (long x : dims) {
      d.add(Dim.of(x));
    }
    return new TensorType(t, d);
  }

  static ArrayImage array(int id, int slot) {
    ArrayLayout l = new ArrayLayout("fc", 0, 4, 0, 2, 4, 1, 3, WeightEncoding.DIFFERENTIAL);
    return new ArrayImage(id, TileKind.MEMRISTOR, 0, slot, l, Tensor.zeros(DType.I64, new long[] {4, 4}));
  }

  /**
   * One memristor tile: load, quantize (4-bit unsigned), mvm on array #0 (bit-serial, 4 planes,
   * 4 inputs, 2 outputs in differential pairs = 4 columns), shift_add, dequantize, store.
   */
  public static Program mvm() {
    return mvm(Instr.InputMode.BIT_SERIAL);
  }

  /** {@link #mvm()} with the given input mode. */
  public static Program mvm(Instr.InputMode mode) {
    List<Instr> instrs = List.of(
        new Instr.Load("x", "in"),
        new Instr.Quantize("x", "q", 4, false, 0.1f),
        new Instr.Mvm(0, "q", "cols", mode, 4, 8, 60f),
        new Instr.ShiftAdd(0, "cols", null, "acc", false),
        new Instr.Dequantize("acc", "y", 0.1f, "s", null),
        new Instr.Store("y", "out"));
    return new Program("mvm", "tiny", "0", List.of(new Value("in", batched(DType.F32, 4))),
        List.of(new Value("out", batched(DType.F32, 2))),
        Map.of("s", Tensor.ofFloats(new long[] {2}, new float[] {1f, 1f})), List.of(array(0, 0)),
        List.of(new Buffer("x", 0, batched(DType.F32, 4)), new Buffer("q", 0, batched(DType.U8, 4)),
            new Buffer("cols", 0, batched(DType.F32, 4)), new Buffer("acc", 0, batched(DType.F32, 2)),
            new Buffer("y", 0, batched(DType.F32, 2))),
        List.of(new TileProgram(0, TileKind.MEMRISTOR, instrs)));
  }

  /** Two mvms of the same codes, on array #0 then on array {@code second} (0 or 1). */
  public static Program twoMvms(int second) {
    List<Instr> instrs = List.of(
        new Instr.Load("q", "in"),
        new Instr.Mvm(0, "q", "c1", Instr.InputMode.BIT_SERIAL, 4, 8, 60f),
        new Instr.Mvm(second, "q", "c2", Instr.InputMode.BIT_SERIAL, 4, 8, 60f));
    return new Program("two", "tiny", "0", List.of(new Value("in", batched(DType.U8, 4))), List.of(), Map.of(),
        List.of(array(0, 0), array(1, 1)),
        List.of(new Buffer("q", 0, batched(DType.U8, 4)), new Buffer("c1", 0, batched(DType.F32, 4)),
            new Buffer("c2", 0, batched(DType.F32, 4))),
        List.of(new TileProgram(0, TileKind.MEMRISTOR, instrs)));
  }

  /** Tile 0 loads x f32[N,8] and sends it to tile 3 over route [0,1,2,3]; tile 3 receives and stores it. */
  public static Program sendRecv() {
    return new Program("net", "tiny", "0", List.of(new Value("in", batched(DType.F32, 8))),
        List.of(new Value("out", batched(DType.F32, 8))), Map.of(), List.of(),
        List.of(new Buffer("x", 0, batched(DType.F32, 8)), new Buffer("z", 3, batched(DType.F32, 8))),
        List.of(new TileProgram(0, TileKind.MEMRISTOR,
                List.of(new Instr.Load("x", "in"), new Instr.Send("x", 3, "z", List.of(0L, 1L, 2L, 3L)))),
            new TileProgram(3, TileKind.DIGITAL, List.of(new Instr.Recv("z", 0), new Instr.Store("z", "out")))));
  }

  /** Digital tile 1: load a f32[N,1000], relu -> b, store b. */
  public static Program relu() {
    return new Program("relu", "tiny", "0", List.of(new Value("in", batched(DType.F32, 1000))),
        List.of(new Value("out", batched(DType.F32, 1000))), Map.of(), List.of(),
        List.of(new Buffer("a", 1, batched(DType.F32, 1000)), new Buffer("b", 1, batched(DType.F32, 1000))),
        List.of(new TileProgram(1, TileKind.DIGITAL, List.of(new Instr.Load("a", "in"),
            new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of("a"), List.of("b")),
            new Instr.Store("b", "out")))));
  }

  /** Digital tile 1: load a, load c, relu a -> b, store c (independent of the relu). */
  public static Program reluAndStore() {
    return new Program("overlap", "tiny", "0", List.of(new Value("in", batched(DType.F32, 1000))),
        List.of(new Value("out", batched(DType.F32, 1000))), Map.of(), List.of(),
        List.of(new Buffer("a", 1, batched(DType.F32, 1000)), new Buffer("b", 1, batched(DType.F32, 1000)),
            new Buffer("c", 1, batched(DType.F32, 1000))),
        List.of(new TileProgram(1, TileKind.DIGITAL, List.of(new Instr.Load("a", "in"), new Instr.Load("c", "in"),
            new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of("a"), List.of("b")),
            new Instr.Store("c", "out")))));
  }
}
