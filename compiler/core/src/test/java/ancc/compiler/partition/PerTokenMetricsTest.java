package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sensitivity metrics of a per-token output [N,S,C]: top-1 agreement per position over the last axis. */
class PerTokenMetricsTest {
  @Test
  void perTokenOutputsAreScoredPerPosition() {
    Value tokens = new Value("y", new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.sym("S"), Dim.of(2))));
    Value logits = new Value("y", new TensorType(DType.F32, List.of(Dim.sym("N"), Dim.of(6))));
    assertEquals(2, SensitivityAnalysis.positionClasses(tokens));
    assertEquals(0, SensitivityAnalysis.positionClasses(logits));
    // 2 samples x 3 positions x 2 classes; the simulation flips position 1 of sample 0 only
    float[] ref = {1, 0, 0, 1, 1, 0, /* sample 1 */ 0, 1, 0, 1, 1, 0};
    float[] sim = {1, 0, 1, 0, 1, 0, /* sample 1 */ 0, 1, 0, 1, 1, 0};
    SensitivityAnalysis.Metrics perToken = new SensitivityAnalysis.Metrics(2);
    perToken.add(ref, sim, new long[] {9, 9});
    Score s = perToken.score();
    assertEquals(1.0 / 6, s.disagreement(), 1e-12);
    assertEquals(1.0 / 6, s.accuracyDrop(), 1e-12);
    // scored per sample (arg-max over the whole row of 6), the flip is invisible
    SensitivityAnalysis.Metrics perSample = new SensitivityAnalysis.Metrics(0);
    perSample.add(ref, sim, new long[] {0, 1});
    assertEquals(0.0, perSample.score().disagreement(), 1e-12);
  }
}
