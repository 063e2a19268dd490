package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.floats;
import static ancc.runtime.sim.TestPrograms.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.runtime.interp.Interpreter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** quantize, dequantize and im2col on hand-made programs. */
class DatapathTest {

  private static Program quantize(long bits, boolean signed, float scale, int n) {
    return new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, n)).output("out", rows(DType.F32, n))
        .buffer("b", 0, rows(DType.F32, n)).buffer("q", 0, rows(DType.F32, n))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("b", "x"), new Instr.Quantize("b", "q", bits, signed, scale),
            new Instr.Store("q", "out"))
        .build();
  }

  @Test
  void quantizeRoundsHalfToEvenAndClamps() {
    Program p = quantize(8, false, 0.5f, 6);
    Tensor x = floats(new long[] {1, 6}, 0.25f, 0.75f, 1.25f, -3f, 1000f, Float.NaN);
    // x / 0.5 = 0.5, 1.5, 2.5, -6, 2000, NaN -> 0, 2, 2, clamp 0, clamp 255, 0
    assertArrayEquals(new float[] {0, 2, 2, 0, 255, 0}, TestPrograms.run(p, TestPrograms.DEFAULT,
        SimOptions.analog(0), x));
    // IDEAL: the quantizer is exact: x / scale, unrounded and unclamped (NaN still gives 0)
    assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, -6f, 2000f, 0f}, TestPrograms.run(p, TestPrograms.DEFAULT,
        SimOptions.ideal(), x));
    Program s = quantize(4, true, 1f, 4);
    // signed 4 bits: [-7, 7]
    assertArrayEquals(new float[] {-7, 7, -2, 4}, TestPrograms.run(s, TestPrograms.DEFAULT, SimOptions.analog(0),
        floats(new long[] {1, 4}, -100f, 7.5f, -2.5f, 3.5f)));
  }

  @Test
  void dequantizeScalesAndAddsBias() {
    Program p = new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, 2)).output("out", rows(DType.F32, 2))
        .constant("s", floats(new long[] {2}, 0.25f, 2f)).constant("b", floats(new long[] {2}, 1f, -1f))
        .buffer("a", 0, rows(DType.F32, 2)).buffer("d", 0, rows(DType.F32, 2))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("a", "x"), new Instr.Dequantize("a", "d", 0.5f, "s", "b"),
            new Instr.Store("d", "out"))
        .build();
    // 10 * 0.5 * 0.25 + 1 = 2.25; -4 * 0.5 * 2 - 1 = -5
    assertArrayEquals(new float[] {2.25f, -5f}, TestPrograms.run(p, TestPrograms.DEFAULT, SimOptions.ideal(),
        floats(new long[] {1, 2}, 10f, -4f)));
  }

  @Test
  void im2colTimesWeightsIsTheInterpretersConv() {
    List<Long> kernel = List.of(3L, 2L);
    List<Long> strides = List.of(2L, 1L);
    List<Long> pads = List.of(1L, 0L, 2L, 1L);
    List<Long> dilations = List.of(1L, 2L);
    long[] xs = {2, 3, 7, 6};
    long[] ws = {4, 3, 3, 2};
    SplittableRandom rng = new SplittableRandom(11);
    Tensor x = Tensor.ofFloats(xs, random(rng, 2 * 3 * 7 * 6));
    Tensor w = Tensor.ofFloats(ws, random(rng, 4 * 18));
    TensorType xt = new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(3), Dim.of(7), Dim.of(6)));
    TensorType ct = new TensorType(DType.F32, List.of(Dim.UNKNOWN, Dim.of(18)));
    Program p = new TestPrograms(TestPrograms.DEFAULT)
        .input("x", xt).output("out", ct).buffer("b", 0, xt).buffer("cols", 0, ct)
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("b", "x"),
            new Instr.Im2col("b", "cols", kernel, strides, pads, dilations), new Instr.Store("cols", "out"))
        .build();
    Tensor cols = new Simulator().run(p, TestPrograms.DEFAULT, java.util.Map.of("x", x), SimOptions.ideal())
        .get("out");
    Op conv = new Op.Conv(strides, pads, dilations, 1);
    Node node = new Node(conv, List.of(new Value("x", x.type()), new Value("w", w.type())),
        new Value("y", TensorType.of(DType.F32, 1)), "conv");
    Tensor y = Interpreter.evaluate(node, java.util.Arrays.asList(x, w, null)).get(0);
    // y [N, M, OH, OW]; cols [N * OH * OW, C * kh * kw]
    int m = 4;
    int q = (int) (y.dim(2) * y.dim(3));
    assertEquals(2L * q, cols.dim(0));
    float[] c = cols.floats();
    float[] wf = w.floats();
    float[] yf = y.floats();
    for (int n = 0; n < 2; n++) {
      for (int o = 0; o < m; o++) {
        for (int pos = 0; pos < q; pos++) {
          double sum = 0;
          for (int k = 0; k < 18; k++) {
            sum += c[(n * q + pos) * 18 + k] * wf[o * 18 + k];
          }
          assertEquals(yf[(n * m + o) * q + pos], sum, 1e-5, "n " + n + " m " + o + " position " + pos);
        }
      }
    }
  }

  private static float[] random(SplittableRandom rng, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return f;
  }
}
