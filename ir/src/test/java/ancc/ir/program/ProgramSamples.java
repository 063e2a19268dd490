package ancc.ir.program;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures: {@link #everything()} is a small valid program using every instruction, every
 * tile kind, every weight encoding and both MVM input modes, with quoted names, symbolic dims and
 * awkward floats. Three tiles: a memristor tile runs a conv-like layer split by rows over two
 * arrays (differential and offset), an SRAM tile runs a linear layer on two macros
 * (two's complement and differential, exact readout), and a digital tile joins the results.
 */
public final class ProgramSamples {
  private static final Dim N = Dim.sym("N");

  private ProgramSamples() {}

  static TensorType t(DType d, Object... dims) {
    List<Dim> ds = new ArrayList<>();
    for (Object o : dims) {
      ds.add(o instanceof Dim dim ? dim : o instanceof String s ? Dim.sym(s) : Dim.of(((Number) o).longValue()));
    }
    return new TensorType(d, ds);
  }

  /** A deterministic [rows, cols] cell tensor with values in 0..max. */
  public static Tensor cells(int rows, int cols, long max, int seed) {
    long[] v = new long[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.floorMod((long) (i + seed) * 2654435761L >>> 7, max + 1);
    }
    return Tensor.ofLongs(new long[] {rows, cols}, v);
  }

  private static Tensor floats(float... f) {
    return Tensor.ofFloats(new long[] {f.length}, f);
  }

  public static Program everything() {
    List<Value> inputs = List.of(new Value("x", t(DType.F32, N, 1, 4, 4)));
    List<Value> outputs = List.of(new Value("y", t(DType.F32, N, 3)));
    Map<String, Tensor> constants = new LinkedHashMap<>();
    constants.put("conv.scale", floats(0.5f, 1.0E-5f));
    constants.put("conv.bias", floats(-0.0f, 3.25f));
    constants.put("fc1 scale \"v2\"", floats(0.125f, Float.intBitsToFloat(0x3dcccccd)));
    constants.put("fc2.w", Tensor.ofFloats(new long[] {4, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12.5f}));

    List<ArrayImage> arrays = List.of(
        new ArrayImage(0, TileKind.MEMRISTOR, 0, 0,
            new ArrayLayout("/conv/Conv", 0, 2, 0, 2, 4, 2, 2, WeightEncoding.DIFFERENTIAL), cells(4, 8, 3, 1)),
        new ArrayImage(1, TileKind.MEMRISTOR, 0, 1,
            new ArrayLayout("/conv/Conv", 2, 2, 0, 2, 4, 2, 2, WeightEncoding.OFFSET), cells(4, 4, 3, 2)),
        new ArrayImage(2, TileKind.SRAM, 1, 0,
            new ArrayLayout("/fc1/Gemm", 0, 16, 0, 1, 4, 4, 1, WeightEncoding.TWOS_COMPLEMENT), cells(16, 4, 1, 3)),
        new ArrayImage(3, TileKind.SRAM, 1, 1,
            new ArrayLayout("/fc1/Gemm", 0, 16, 1, 1, 3, 2, 1, WeightEncoding.DIFFERENTIAL), cells(16, 4, 1, 4)));

    List<Buffer> buffers = new ArrayList<>();
    buffers.add(new Buffer("x0", 0, t(DType.F32, N, 1, 4, 4)));
    buffers.add(new Buffer("cols", 0, t(DType.F32, "P", 4)));
    buffers.add(new Buffer("q", 0, t(DType.I32, "P", 4)));
    buffers.add(new Buffer("c0", 0, t(DType.F32, "P", 8)));
    buffers.add(new Buffer("c1", 0, t(DType.F32, "P", 4)));
    buffers.add(new Buffer("acc", 0, t(DType.F32, "P", 2), Buffer.Space.GLOBAL));
    buffers.add(new Buffer("conv out", 0, t(DType.F32, "P", 2)));
    buffers.add(new Buffer("r", 0, t(DType.F32, "P", 2)));
    buffers.add(new Buffer("x1", 1, t(DType.F32, N, 1, 4, 4)));
    buffers.add(new Buffer("f1", 1, t(DType.F32, N, 16)));
    buffers.add(new Buffer("q1", 1, t(DType.I8, N, 16)));
    buffers.add(new Buffer("c2", 1, t(DType.I32, N, 4)));
    buffers.add(new Buffer("c3", 1, t(DType.I32, N, 4)));
    buffers.add(new Buffer("acc1", 1, t(DType.I32, N, 2)));
    buffers.add(new Buffer("z1", 1, t(DType.F32, N, 2)));
    buffers.add(new Buffer("r2", 2, t(DType.F32, N, 2)));
    buffers.add(new Buffer("z2", 2, t(DType.F32, N, 2)));
    buffers.add(new Buffer("cat", 2, t(DType.F32, N, 4), Buffer.Space.DRAM));
    buffers.add(new Buffer("g", 2, t(DType.F32, N, 3)));

    TileProgram memristor = new TileProgram(0, TileKind.MEMRISTOR, List.of(
        new Instr.Load("x0", "x"),
        new Instr.Im2col("x0", "cols", List.of(2L, 2L), List.of(2L, 2L), List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), 1),
        new Instr.Quantize("cols", "q", 4, false, 0.0123f),
        new Instr.Mvm(0, "q", "c0", Instr.InputMode.BIT_SERIAL, 4, 6, 12.0f),
        new Instr.ShiftAdd(0, "c0", null, "acc", false),
        new Instr.Mvm(1, "q", "c1", Instr.InputMode.MULTI_BIT, 4, 8, 96.5f),
        new Instr.ShiftAdd(1, "c1", "q", "acc", true),
        new Instr.Dequantize("acc", "conv out", 0.0123f, "conv.scale", "conv.bias"),
        new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of("conv out"), List.of("r")),
        new Instr.Send("r", 2, "r2", List.of(0L, 1L, 2L)),
        new Instr.Barrier(0)));
    TileProgram sram = new TileProgram(1, TileKind.SRAM, List.of(
        new Instr.Load("x1", "x"),
        new Instr.Digital(new Op.Flatten(1), List.of("x1"), List.of("f1")),
        new Instr.Quantize("f1", "q1", 4, true, 1.5E-3f),
        new Instr.Mvm(2, "q1", "c2", Instr.InputMode.BIT_SERIAL, 3, 0, 0f),
        new Instr.ShiftAdd(2, "c2", null, "acc1", false),
        new Instr.Mvm(3, "q1", "c3", Instr.InputMode.BIT_SERIAL, 3, 0, 0f),
        new Instr.ShiftAdd(3, "c3", null, "acc1", false),
        new Instr.Dequantize("acc1", "z1", 1.5E-3f, "fc1 scale \"v2\"", null),
        new Instr.Send("z1", 2, "z2", List.of(1L, 2L)),
        new Instr.Barrier(0)));
    List<String> gemmInputs = new ArrayList<>();
    gemmInputs.add("cat");
    gemmInputs.add("fc2.w");
    gemmInputs.add(null);
    TileProgram digital = new TileProgram(2, TileKind.DIGITAL, List.of(
        new Instr.Recv("r2", 0),
        new Instr.Recv("z2", 1),
        new Instr.Digital(new Op.Concat(1), List.of("r2", "z2"), List.of("cat")),
        new Instr.Digital(new Op.Gemm(1.0f, 0.0f, false, false), gemmInputs, List.of("g")),
        new Instr.Store("g", "y"),
        new Instr.Barrier(0)));
    return new Program("everything", "default", "3f2a9c0e", inputs, outputs, constants, arrays, buffers,
        List.of(memristor, sram, digital));
  }

  /** A copy of p with one tile program's instructions replaced. */
  public static Program withInstrs(Program p, int tile, List<Instr> instrs) {
    List<TileProgram> tiles = new ArrayList<>();
    for (TileProgram t : p.tiles()) {
      tiles.add(t.tile() == tile ? new TileProgram(tile, t.kind(), instrs) : t);
    }
    return new Program(p.name(), p.chipName(), p.chipHash(), p.inputs(), p.outputs(), p.constants(), p.arrays(),
        p.buffers(), tiles);
  }
}
