package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.report.CostReport;
import ancc.ir.graph.DType;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.program.TileKind;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A BERT-like encoder with two int64 inputs (token ids and an attention mask, symbolic N and S;
 * testdata/encoder/encoder_gen.py) compiles on {@code default} with every placement, its ideal
 * run agrees with FP32 (logit cosine similarity >= 0.999 and the same top-1 class for every
 * sample), its analog run gives finite scores, and the timing and energy report works at a
 * sequence length the model does not fix.
 */
class TokenInputsTest {
  private static final int SAMPLES = 8;
  private static final int SEQ = 12;

  private static Path model() {
    return Paths.get(System.getProperty("ancc.repo.root")).resolve("testdata/encoder/encoder_ids_mask.onnx");
  }

  /** Seeded ids in [0, 100) and masks whose last samples pad their last 4 positions. */
  static Map<String, Tensor> inputs(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] ids = new long[SAMPLES * SEQ];
    long[] mask = new long[SAMPLES * SEQ];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rnd.nextLong(100);
      mask[i] = i / SEQ >= SAMPLES / 2 && i % SEQ >= SEQ - 4 ? 0 : 1;
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("ids", Tensor.ofLongs(DType.I64, new long[] {SAMPLES, SEQ}, ids));
    in.put("attention_mask", Tensor.ofLongs(DType.I64, new long[] {SAMPLES, SEQ}, mask));
    return in;
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto", "all-memristor", "all-sram", "all-digital", "first-last-digital"})
  void compilesRunsIdealWithinToleranceAndAnalog(String placement) {
    Options o = Options.builder().placement(ancc.compiler.driver.Strategy.parse(placement)).calibSamples(16).chips(1)
        .build();
    CompiledModel m = new Pipeline(o).compile(model());
    if (!placement.equals("all-digital")) {
      boolean onArrays = m.module().nodes().stream().anyMatch(n -> n.op() instanceof Op.Linear
          && n.input(0).type().rank() == 3 && n.placement() != null && n.placement().single() != TileKind.DIGITAL);
      assertTrue(placement.equals("auto") || onArrays, placement + ": a [N,S,D] x [D,E] projection on arrays");
    }
    for (Node n : m.module().nodes()) {
      if (n.op() instanceof Op.MatMul || n.op() instanceof Op.Softmax || n.op() instanceof Op.Gather
          || n.op() instanceof Op.LayerNormalization) {
        assertEquals(TileKind.DIGITAL, n.placement().single(), n.loc());
      }
    }
    Map<String, Tensor> in = inputs(3);
    float[] ref = new Interpreter().run(m.module(), in).get("y").floats();
    float[] ideal = m.simulate(in, SimOptions.ideal()).get("y").floats();
    assertTrue(cosine(ref, ideal) >= 0.999, placement + ": cosine " + cosine(ref, ideal));
    assertEquals(1.0, agreement(ref, ideal, 4), placement + ": top-1 agreement");
    float[] analog = m.simulate(in, SimOptions.analog(0)).get("y").floats();
    for (float v : analog) {
      assertTrue(Float.isFinite(v), placement + ": analog score " + v);
    }
    CostReport c = CostReport.of(m, 1);
    assertTrue(c.energyPerInferenceUj() > 0 && c.timing().latencyCycles() > 0, placement);
  }

  @Test
  void partitionsAPerTokenOutput() {
    Path f = Paths.get(System.getProperty("ancc.repo.root")).resolve("testdata/encoder/encoder_tokens.onnx");
    Pipeline p = new Pipeline(Options.builder().calibSamples(8).chips(1).budgetPercent(5).build());
    CompiledModel m = p.compile(f);
    assertEquals(3, m.module().outputs().get(0).type().rank());
    Map<String, Tensor> in = inputs(4);
    float[] ref = new Interpreter().run(m.module(), in).get("y").floats();
    float[] ideal = m.simulate(in, SimOptions.ideal()).get("y").floats();
    assertTrue(agreement(ref, ideal, 4) >= 0.99, "per-position top-1 agreement " + agreement(ref, ideal, 4));
  }

  static double cosine(float[] a, float[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  static double agreement(float[] a, float[] b, int classes) {
    int same = 0;
    int rows = a.length / classes;
    for (int r = 0; r < rows; r++) {
      same += argmax(a, r, classes) == argmax(b, r, classes) ? 1 : 0;
    }
    return (double) same / rows;
  }

  private static int argmax(float[] x, int row, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (x[row * classes + c] > x[row * classes + best]) {
        best = c;
      }
    }
    return best;
  }
}
