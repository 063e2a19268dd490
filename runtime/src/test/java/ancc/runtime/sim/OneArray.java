package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.rows;

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
import java.util.SplittableRandom;

/**
 * A program of one bit-serial mvm on one rows x cols memristor array of random 4-bit levels on the
 * default chip (load x, mvm, store the column values), and random input codes for it.
 */
final class OneArray {
  final int rows;
  final int cols;
  final long[] levels;
  final Program program;

  OneArray(int rows, int cols, int inputBits, int adcBits, float fullScale, long seed) {
    this.rows = rows;
    this.cols = cols;
    SplittableRandom r = new SplittableRandom(seed);
    levels = new long[rows * cols];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = r.nextInt(16);
    }
    ArrayLayout l = new ArrayLayout("l", 0, rows, 0, cols, 4, 1, 4, WeightEncoding.OFFSET);
    program = new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, rows)).output("out", rows(DType.F32, cols))
        .array(new ArrayImage(0, TileKind.MEMRISTOR, 0, 0, l, TestPrograms.cells(rows, cols, levels)))
        .buffer("c", 0, rows(DType.F32, rows)).buffer("y", 0, rows(DType.F32, cols))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("c", "x"),
            new Instr.Mvm(0, "c", "y", InputMode.BIT_SERIAL, inputBits, adcBits, fullScale), new Instr.Store("y", "out"))
        .build();
  }

  /**
   * vectors x rows codes: each zero with probability {@code zeros}, else a magnitude below
   * 2^bits, negative with probability {@code negatives}.
   */
  Tensor inputs(int vectors, int bits, double zeros, double negatives, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[vectors * rows];
    for (int i = 0; i < x.length; i++) {
      if (r.nextDouble() >= zeros) {
        int m = r.nextInt(1 << bits);
        x[i] = r.nextDouble() < negatives ? -m : m;
      }
    }
    return Tensor.ofFloats(new long[] {vectors, rows}, x);
  }

  /** The exact products x . levels, [vectors * cols]. */
  double[] exact(Tensor x) {
    float[] xs = x.floats();
    int vectors = xs.length / rows;
    double[] out = new double[vectors * cols];
    for (int v = 0; v < vectors; v++) {
      for (int r = 0; r < rows; r++) {
        double xv = xs[v * rows + r];
        for (int c = 0; c < cols; c++) {
          out[v * cols + c] += xv * levels[r * cols + c];
        }
      }
    }
    return out;
  }

  float[] run(PhysicsFactory physics, Tensor x, SimOptions options) {
    return new Simulator(physics).run(program, TestPrograms.DEFAULT, Map.of("x", x), options).get("out").floats();
  }
}
