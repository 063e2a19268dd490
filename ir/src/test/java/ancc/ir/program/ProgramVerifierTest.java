package ancc.ir.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ProgramVerifierTest {
  private static final String P = "program @everything: ";
  private final Program base = ProgramSamples.everything();

  /** base with instruction {@code index} of tile {@code tile} replaced (or removed when instr is null). */
  private Program replace(int tile, int index, Instr instr) {
    List<Instr> instrs = new ArrayList<>(base.tiles().get(tile).instrs());
    if (instr == null) {
      instrs.remove(index);
    } else {
      instrs.set(index, instr);
    }
    return ProgramSamples.withInstrs(base, tile, instrs);
  }

  private Program withArrays(UnaryOperator<List<ArrayImage>> change) {
    List<ArrayImage> arrays = change.apply(new ArrayList<>(base.arrays()));
    return new Program(base.name(), base.chipName(), base.chipHash(), base.inputs(), base.outputs(), base.constants(),
        arrays, base.buffers(), base.tiles());
  }

  private static ArrayImage moved(ArrayImage a, int id, int tile, int slot) {
    return new ArrayImage(id, a.kind(), tile, slot, a.layout(), a.cells());
  }

  private static void assertProblems(Program p, String... expected) {
    assertEquals(List.of(expected), ProgramVerifier.check(p));
  }

  @Test
  void sampleIsValid() {
    ProgramVerifier.verify(base);
  }

  @Test
  void verifyThrowsTheFirstProblem() {
    Program p = replace(0, 0, new Instr.Load("x1", "x"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ProgramVerifier.verify(p));
    assertEquals(P + "tile 0 instr 0 (load %x -> %x1): buffer %x1 is on tile 1, not tile 0", e.getMessage());
  }

  @Test
  void buffersMustLiveOnTheTileThatUsesThem() {
    assertProblems(replace(0, 8, new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of("conv out"), List.of("nope"))),
        P + "tile 0 instr 8 (digital relu(%\"conv out\") -> %nope): undefined buffer %nope");
    assertProblems(replace(0, 9, new Instr.Send("r", 2, "z1", List.of(0L, 2L))),
        P + "tile 0 instr 9 (send %r -> tile 2 %z1 route [0, 2]): buffer %z1 is on tile 1, not tile 2",
        P + "tile 0 sends %z1 to tile 2 1 more time(s) than tile 2 receives it",
        P + "tile 2 receives %r2 from tile 0 1 more time(s) than tile 0 sends it");
  }

  @Test
  void routesAndTransfers() {
    assertProblems(replace(0, 9, new Instr.Send("r", 2, "r2", List.of(1L, 2L))),
        P + "tile 0 instr 9 (send %r -> tile 2 %r2 route [1, 2]): route [1, 2] must start at tile 0 and end at tile 2");
    assertProblems(replace(0, 9, new Instr.Send("r", 5, "r2", List.of(0L, 5L))),
        P + "tile 0 instr 9 (send %r -> tile 5 %r2 route [0, 5]): target tile 5 has no tile program",
        P + "tile 0 instr 9 (send %r -> tile 5 %r2 route [0, 5]): buffer %r2 is on tile 2, not tile 5",
        P + "tile 0 sends %r2 to tile 5 1 more time(s) than tile 5 receives it",
        P + "tile 2 receives %r2 from tile 0 1 more time(s) than tile 0 sends it");
    assertProblems(replace(2, 0, new Instr.Recv("r2", 2)),
        P + "tile 2 instr 0 (recv tile 2 -> %r2): source tile is this tile",
        P + "tile 0 sends %r2 to tile 2 1 more time(s) than tile 2 receives it",
        P + "tile 2 receives %r2 from tile 2 1 more time(s) than tile 2 sends it");
  }

  @Test
  void loadsAndStoresNameProgramInputsAndOutputs() {
    assertProblems(replace(0, 0, new Instr.Load("x0", "y")), P + "tile 0 instr 0 (load %y -> %x0): %y is not a program input");
    assertProblems(replace(2, 4, new Instr.Store("g", "x")),
        P + "tile 2 instr 4 (store %g -> %x): %x is not a program output",
        P + "output %y is stored 0 times (must be exactly once)");
    List<Instr> twice = new ArrayList<>(base.tiles().get(2).instrs());
    twice.add(4, new Instr.Store("cat", "y"));
    assertProblems(ProgramSamples.withInstrs(base, 2, twice), P + "output %y is stored 2 times (must be exactly once)");
  }

  @Test
  void arrayInstructionsNeedTheirArrayOnTheSameTile() {
    assertProblems(replace(0, 3, new Instr.Mvm(2, "q", "c0", Instr.InputMode.BIT_SERIAL, 4, 6, 12.0f)),
        P + "tile 0 instr 3 (mvm #2 %q -> %c0 bit_serial input_bits 4 adc_bits 6 full_scale 12.0): array #2 is on tile 1");
    assertProblems(replace(2, 2, new Instr.ShiftAdd(0, "r2", null, "cat", false)),
        P + "tile 2 instr 2 (shift_add #0 %r2 -> %cat): shift_add needs a memristor or sram tile, tile 2 is digital");
    assertProblems(replace(1, 5, new Instr.Mvm(3, "q1", "c3", Instr.InputMode.MULTI_BIT, 3, 0, 0f)),
        P + "tile 1 instr 5 (mvm #3 %q1 -> %c3 multi_bit input_bits 3 adc_bits 0 full_scale 0.0):"
            + " SRAM macros are bit-serial: use bit_serial");
    assertProblems(replace(0, 4, new Instr.ShiftAdd(9, "c0", null, "acc", false)),
        P + "tile 0 instr 4 (shift_add #9 %c0 -> %acc): undefined array #9");
  }

  @Test
  void offsetEncodingNeedsTheInputCodes() {
    assertProblems(replace(0, 6, new Instr.ShiftAdd(1, "c1", null, "acc", true)),
        P + "tile 0 instr 6 (shift_add #1 %c1 -> %acc accumulate): array #1 uses offset encoding:"
            + " name the mvm's input codes with 'inputs'");
    assertProblems(replace(0, 4, new Instr.ShiftAdd(0, "c0", "q", "acc", false)),
        P + "tile 0 instr 4 (shift_add #0 %c0 inputs %q -> %acc): 'inputs' is only for offset-encoded arrays;"
            + " array #0 is differential");
  }

  @Test
  void parameterRanges() {
    assertProblems(replace(0, 2, new Instr.Quantize("cols", "q", 0, false, -1f)),
        P + "tile 0 instr 2 (quantize %cols -> %q bits 0 unsigned scale -1.0): bits 0 out of range (1..32)",
        P + "tile 0 instr 2 (quantize %cols -> %q bits 0 unsigned scale -1.0): scale must be positive and finite, got -1.0");
    assertProblems(replace(0, 3, new Instr.Mvm(0, "q", "c0", Instr.InputMode.BIT_SERIAL, 4, 1, 12.0f)),
        P + "tile 0 instr 3 (mvm #0 %q -> %c0 bit_serial input_bits 4 adc_bits 1 full_scale 12.0):"
            + " adc_bits 1 out of range (0 for exact readout, else 2..32)");
    assertProblems(replace(0, 3, new Instr.Mvm(0, "q", "c0", Instr.InputMode.BIT_SERIAL, 0, 8, Float.NaN)),
        P + "tile 0 instr 3 (mvm #0 %q -> %c0 bit_serial input_bits 0 adc_bits 8 full_scale nan):"
            + " input_bits 0 out of range (1..32)",
        P + "tile 0 instr 3 (mvm #0 %q -> %c0 bit_serial input_bits 0 adc_bits 8 full_scale nan):"
            + " full_scale must be positive and finite, got NaN");
    assertProblems(replace(0, 1, new Instr.Im2col("x0", "cols", List.of(2L, 2L), List.of(2L), List.of(0L, 0L, 0L, 0L),
            List.of(1L, 1L))),
        P + "tile 0 instr 1 (im2col %x0 -> %cols kernel_shape [2, 2] strides [2] pads [0, 0, 0, 0] dilations [1, 1]):"
            + " kernel_shape, strides and dilations need one entry per spatial axis and pads two, got 2, 1, 2 and 4");
  }

  @Test
  void rowTileIsWithinTheOutputRows() {
    // x0 is [N, 1, 4, 4]: a 2x2 kernel at stride 2 gives 2 output rows
    String im2col = "im2col %x0 -> %cols kernel_shape [2, 2] strides [2, 2] pads [0, 0, 0, 0] dilations [1, 1]";
    assertProblems(replace(0, 1, new Instr.Im2col("x0", "cols", List.of(2L, 2L), List.of(2L, 2L),
            List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), 3)),
        P + "tile 0 instr 1 (" + im2col + " row_tile 3): row_tile 3 exceeds the 2 output rows");
    assertProblems(replace(0, 1, new Instr.Im2col("x0", "cols", List.of(2L, 2L), List.of(2L, 2L),
            List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), -1)),
        P + "tile 0 instr 1 (" + im2col + "): row_tile must be >= 0 (0: the whole tensor), got -1");
    assertProblems(replace(0, 1, new Instr.Im2col("x0", "cols", List.of(2L, 2L), List.of(2L, 2L),
        List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), 2)));
    assertProblems(replace(0, 1, new Instr.Im2col("x0", "cols", List.of(2L, 2L), List.of(2L, 2L),
        List.of(0L, 0L, 0L, 0L), List.of(1L, 1L), 0)));
  }

  @Test
  void digitalOpsAndConstants() {
    assertProblems(replace(0, 8, new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of("conv out", "r"), List.of("r"))),
        P + "tile 0 instr 8 (digital relu(%\"conv out\", %r) -> %r): relu takes 1 inputs, got 2");
    assertProblems(replace(0, 8, new Instr.Digital(new Op.MatMul(), List.of("conv out", "conv.scale"), List.of("r"))),
        P + "tile 0 instr 8 (digital matmul(%\"conv out\", @conv.scale) -> %r): matmul needs a MAC array:"
            + " run it on a digital tile, or map it onto arrays");
    List<String> absent = new ArrayList<>();
    absent.add("cat");
    absent.add(null);
    assertProblems(replace(2, 3, new Instr.Digital(new Op.Gemm(1f, 0f, false, false), absent, List.of("g"))),
        P + "tile 2 instr 3 (digital gemm(%cat, _) {alpha = 1.0, beta = 0.0, trans_a = false, trans_b = false} -> %g):"
            + " gemm input 1 is required");
    assertProblems(replace(0, 7, new Instr.Dequantize("acc", "conv out", 0.5f, "fc2.w", "nope")),
        P + "tile 0 instr 7 (dequantize %acc -> %\"conv out\" input_scale 0.5 scale @fc2.w bias @nope):"
            + " scale @fc2.w must be a rank-1 float constant, got f32[4,3]",
        P + "tile 0 instr 7 (dequantize %acc -> %\"conv out\" input_scale 0.5 scale @fc2.w bias @nope):"
            + " undefined constant @nope (bias)");
  }

  @Test
  void barriersMustMatchOnEveryTile() {
    assertProblems(replace(1, 9, new Instr.Barrier(1)),
        P + "tile 1 passes barriers [1] but tile 0 passes [0] (every tile must pass the same barriers in the same order)");
  }

  @Test
  void arraysArePlacedOnTilesOfTheirKind() {
    assertProblems(withArrays(a -> {
      a.set(1, moved(a.get(1), 1, 0, 0));
      return a;
    }), P + "array #1 uses tile 0 slot 0, as does array #0");
    assertProblems(withArrays(a -> {
      a.add(moved(a.get(0), 0, 0, 5));
      return a;
    }), P + "array #0 is declared twice");
    assertProblems(withArrays(a -> {
      a.add(moved(a.get(0), 7, 1, 7));
      a.add(moved(a.get(0), 8, 4, 0));
      return a;
    }), P + "array #7 is a memristor array on sram tile 1", P + "array #8 is on tile 4, which has no tile program");
    assertProblems(withArrays(a -> {
      a.set(0, moved(a.get(0), -1, 0, 0));
      return a;
    }), P + "array #-1: id and slot must be >= 0, slot is 0",
        P + "tile 0 instr 3 (mvm #0 %q -> %c0 bit_serial input_bits 4 adc_bits 6 full_scale 12.0): undefined array #0",
        P + "tile 0 instr 4 (shift_add #0 %c0 -> %acc): undefined array #0");
  }

  @Test
  void layoutsAndCellsFitTheirArrayKind() {
    ArrayImage sram = base.arrays().get(2);
    ArrayImage mem = base.arrays().get(0);
    long[] cells = sram.cells().longs().clone();
    cells[5] = 2;
    assertProblems(withArrays(a -> {
      a.set(2, new ArrayImage(2, TileKind.SRAM, 1, 0, sram.layout(), Tensor.ofLongs(new long[] {16, 4}, cells)));
      a.set(0, new ArrayImage(0, TileKind.MEMRISTOR, 0, 0,
          new ArrayLayout("/conv/Conv", 0, 2, 0, 2, 4, 1, 2, WeightEncoding.DIFFERENTIAL), mem.cells()));
      return a;
    }), P + "array #0: 1 slice(s) of 2 bit(s) cannot hold 3 bits of 4-bit differential weights",
        P + "array #2: cell (1, 1) is 2, expected a bit (0 or 1)");
    assertProblems(withArrays(a -> {
      a.set(0, new ArrayImage(0, TileKind.MEMRISTOR, 0, 0,
          new ArrayLayout("/conv/Conv", 0, 2, 0, 1, 4, 4, 1, WeightEncoding.TWOS_COMPLEMENT), mem.cells()));
      a.set(3, new ArrayImage(3, TileKind.SRAM, 1, 1,
          new ArrayLayout("/fc1/Gemm", 0, 16, 1, 1, 3, 1, 2, WeightEncoding.DIFFERENTIAL), a.get(3).cells()));
      return a;
    }), P + "array #0: twos_complement encoding is for SRAM bit cells, not memristor arrays",
        P + "array #3: SRAM cells hold one bit, but slice_bits is 2");
  }
}
