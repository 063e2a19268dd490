package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.driver.Strategy;
import ancc.compiler.driver.TestCompile;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.device.DeviceModels;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The partition's verification ({@link Measure}) scores a per-token output [N, S, C] per position,
 * as the sensitivity analysis does: the FP32 reference has one class per position, its top-1 is 1
 * (positions are scored against FP32's own classes), and a compiled partition's top-1 is the
 * fraction of positions whose arg-max over the last axis agrees with FP32's, counted here
 * independently from the simulator's logits; a classification output [N, C] keeps one class per sample.
 */
class PerTokenMeasureTest {
  private static final int SAMPLES = 6;

  @Test
  void rowsArePositionsOfAPerTokenOutput() {
    // 2 samples x 3 positions x 2 classes
    Tensor t = Tensor.ofFloats(new long[] {2, 3, 2}, new float[] {1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 3, 0});
    assertEquals(3, Measure.rowsPerSample(t, 2));
    int[] rows = new int[6];
    Measure.rowArgmax(t, 2, rows, 0);
    assertArrayEquals(new int[] {0, 1, 0, 1, 1, 0}, rows);
    // a classification output: one row per sample, the arg-max over its whole output
    assertEquals(1, Measure.rowsPerSample(t, 0));
    int[] samples = new int[2];
    Measure.rowArgmax(t, 0, samples, 0);
    assertArrayEquals(new int[] {0, 4}, samples);
  }

  @Test
  void aPerTokenModelIsMeasuredPerPosition() {
    Module m = TestCompile.load(PartitionBench.root().resolve("testdata/encoder/encoder_tokens.onnx"));
    Chip chip = Chips.preset("default");
    CalibData data = CalibData.synthetic(m, SAMPLES, 0);
    Measure.Reference ref = Measure.reference(m, data);
    int positions = ref.positions();
    assertTrue(positions > 1, "positions per sample " + positions);
    assertEquals(4, ref.positionClasses());
    assertEquals(SAMPLES * positions, ref.rows().length);
    data = data.withLabels(Arrays.stream(ref.samples()).asLongStream().toArray());
    assertEquals(1.0, ref.top1(data.labels()));

    Compilation digital = Compiler.compile(m, chip, Strategy.ALL_DIGITAL.assign(m), "all-digital",
        Partitioner.ranges(m, data));
    Measure.Drop exact = Measure.simulatedDrop(digital, data, ref, 0, 1);
    assertEquals(1.0, exact.top1(), 1e-12);
    assertEquals(0.0, exact.drop(), 1e-12);

    Compilation mem = Compiler.compile(m, chip, Strategy.ALL_MEMRISTOR.assign(m), "all-memristor",
        Partitioner.ranges(m, data));
    Measure.Drop d = Measure.simulatedDrop(mem, data, ref, 3, 1);
    Tensor y = new Simulator(DeviceModels::forArray).run(mem.program(), mem.chip(), data.batch(0, SAMPLES),
        SimOptions.analog(3)).get(m.outputs().get(0).name());
    assertEquals(3, y.rank());
    int[] sim = new int[ref.rows().length];
    Measure.rowArgmax(y, 4, sim, 0);
    int same = 0;
    for (int r = 0; r < sim.length; r++) {
      same += sim[r] == ref.rows()[r] ? 1 : 0;
    }
    double agreement = (double) same / sim.length;
    assertEquals(agreement, d.top1(), 1e-12);
    assertEquals(1 - agreement, d.drop(), 1e-12);
  }
}
