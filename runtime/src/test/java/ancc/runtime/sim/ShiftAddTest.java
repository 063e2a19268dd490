package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.cells;
import static ancc.runtime.sim.TestPrograms.floats;
import static ancc.runtime.sim.TestPrograms.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * shift_add per weight encoding, with integer weights q = [-3, 6] (and -37, 100 for 8-bit
 * differential) on inputs x = [3, 2]: the partial sum must be x . q. Each case runs in IDEAL mode
 * (mvm and shift_add fused), in ANALOG with an 8-bit ADC whose step is 1 (planes, no clipping),
 * and with the per-column products stored (so shift_add recombines materialized columns).
 */
class ShiftAddTest {
  private static final Tensor X = floats(new long[] {1, 2}, 3, 2);

  private static Program program(TileKind kind, ArrayLayout l, Tensor cells, boolean offset, long adcBits) {
    int cols = l.columnsUsed();
    return new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, 2)).output("out", rows(DType.F32, 1)).output("cols", rows(DType.F32, cols))
        .array(new ArrayImage(0, kind, 0, 0, l, cells))
        .buffer("c", 0, rows(DType.F32, 2)).buffer("y", 0, rows(DType.F32, cols)).buffer("acc", 0, rows(DType.F32, 1))
        .tile(0, kind, new Instr.Load("c", "x"),
            new Instr.Mvm(0, "c", "y", InputMode.BIT_SERIAL, 2, adcBits, adcBits == 0 ? 0f : 127f),
            new Instr.ShiftAdd(0, "y", offset ? "c" : null, "acc", false), new Instr.Store("acc", "out"),
            new Instr.Store("y", "cols"))
        .build();
  }

  private static void check(TileKind kind, ArrayLayout l, Tensor cells, boolean offset, float expected,
      float[] columns) {
    for (long adc : kind == TileKind.SRAM ? new long[] {0} : new long[] {0, 8}) {
      Program p = program(kind, l, cells, offset, adc);
      for (SimOptions o : new SimOptions[] {SimOptions.ideal(), SimOptions.analog(3)}) {
        Map<String, Tensor> out = new Simulator(PhysicsFactory.IDEAL).run(p, TestPrograms.DEFAULT, Map.of("x", X), o);
        assertArrayEquals(new float[] {expected}, out.get("out").floats(), o.mode() + " adc " + adc);
        assertArrayEquals(columns, out.get("cols").floats(), o.mode() + " adc " + adc);
      }
    }
  }

  @Test
  void differentialSubtractsPairsAndShiftsSlices() {
    // 8-bit weights in two 4-bit slices, columns (+s0, -s0, +s1, -s1):
    // -37 = -(2 * 16 + 5): (0, 5, 0, 2); 100 = 6 * 16 + 4: (4, 0, 6, 0). 3 * -37 + 2 * 100 = 89.
    ArrayLayout l = new ArrayLayout("l", 0, 2, 0, 1, 8, 2, 4, WeightEncoding.DIFFERENTIAL);
    check(TileKind.MEMRISTOR, l, cells(2, 4, 0, 5, 0, 2, 4, 0, 6, 0), false, 89f, new float[] {8, 15, 12, 6});
  }

  @Test
  void offsetSubtractsTheInputSum() {
    // 4-bit offset cells hold q + 8: 5 and 14. Columns: 3 * 5 + 2 * 14 = 43; 43 - 8 * (3 + 2) = 3.
    ArrayLayout l = new ArrayLayout("l", 0, 2, 0, 1, 4, 1, 4, WeightEncoding.OFFSET);
    check(TileKind.MEMRISTOR, l, cells(2, 1, 5, 14), true, 3f, new float[] {43});
  }

  @Test
  void twosComplementWeighsTheTopBitNegatively() {
    // SRAM bits, least significant first: -3 = 0b1101 -> (1, 0, 1, 1); 6 = 0b0110 -> (0, 1, 1, 0).
    // Columns (3, 2, 5, 3): 3 + 2 * 2 + 4 * 5 - 8 * 3 = 3.
    ArrayLayout l = new ArrayLayout("l", 0, 2, 0, 1, 4, 4, 1, WeightEncoding.TWOS_COMPLEMENT);
    check(TileKind.SRAM, l, cells(2, 4, 1, 0, 1, 1, 0, 1, 1, 0), false, 3f, new float[] {3, 2, 5, 3});
  }

  @Test
  void accumulateAddsRowBlocksAndLeavesOtherColumnsAlone() {
    // Offset 4-bit cells (q + 8). Output 0: rows 0..1 (q -3, 6) on array 0, row 2 (q 1) on array 1,
    // accumulated: 3 * -3 + 2 * 6 + 4 * 1 = 7. Output 1: rows 0..2 (q 0, 0, 2) on array 2: 8.
    ArrayLayout l0 = new ArrayLayout("l", 0, 2, 0, 1, 4, 1, 4, WeightEncoding.OFFSET);
    ArrayLayout l1 = new ArrayLayout("l", 2, 1, 0, 1, 4, 1, 4, WeightEncoding.OFFSET);
    ArrayLayout l2 = new ArrayLayout("l", 0, 3, 1, 1, 4, 1, 4, WeightEncoding.OFFSET);
    Program p = new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, 3)).output("out", rows(DType.F32, 2))
        .array(new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l0, cells(2, 1, 5, 14)))
        .array(new ArrayImage(1, TileKind.MEMRISTOR, 0, 1, l1, cells(1, 1, 9)))
        .array(new ArrayImage(2, TileKind.MEMRISTOR, 0, 2, l2, cells(3, 1, 8, 8, 10)))
        .buffer("c", 0, rows(DType.F32, 3)).buffer("y0", 0, rows(DType.F32, 1)).buffer("y1", 0, rows(DType.F32, 1))
        .buffer("y2", 0, rows(DType.F32, 1)).buffer("acc", 0, rows(DType.F32, 2))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("c", "x"),
            new Instr.Mvm(0, "c", "y0", InputMode.BIT_SERIAL, 3, 0, 0f),
            new Instr.ShiftAdd(0, "y0", "c", "acc", false),
            new Instr.Mvm(2, "c", "y2", InputMode.BIT_SERIAL, 3, 0, 0f),
            new Instr.ShiftAdd(2, "y2", "c", "acc", false),
            new Instr.Mvm(1, "c", "y1", InputMode.BIT_SERIAL, 3, 0, 0f),
            new Instr.ShiftAdd(1, "y1", "c", "acc", true), new Instr.Store("acc", "out"))
        .build();
    for (SimOptions o : new SimOptions[] {SimOptions.ideal(), SimOptions.analog(3)}) {
      float[] out = TestPrograms.run(p, TestPrograms.DEFAULT, o, floats(new long[] {1, 3}, 3, 2, 4));
      assertArrayEquals(new float[] {7, 8}, out, o.mode().toString());
    }
  }
}
