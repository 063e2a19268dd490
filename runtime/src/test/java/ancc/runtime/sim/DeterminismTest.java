package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.rows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import ancc.runtime.device.ArrayPhysics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random draws depend only on the seed and the array: same seed, same bits (whatever order the
 * tiles are listed and stepped in); another seed, other bits. The physics here is a test double
 * that draws Gaussian programming and read noise from the generators it is handed.
 */
class DeterminismTest {
  private static final PhysicsFactory NOISY = (image, chip, options) -> new ArrayPhysics() {
    @Override
    public float[] program(ArrayImage img, SplittableRandom rng) {
      long[] levels = img.cells().longs();
      float[] out = new float[levels.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (levels[i] + 0.3 * gaussian(rng));
      }
      return out;
    }

    @Override
    public void read(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells,
        SplittableRandom rng) {
      for (int i = 0; i < vectors * cols; i++) {
        values[i] += (float) (0.5 * gaussian(rng));
      }
    }

    @Override
    public double outputScale(ArrayImage img, float[] cells) {
      return 1.0;
    }
  };

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** Two tiles, one array each, listed in the given order. */
  private static Program program(boolean reversed) {
    SplittableRandom r = new SplittableRandom(5);
    TestPrograms b = new TestPrograms(TestPrograms.DEFAULT).input("x", rows(DType.F32, 4));
    List<Runnable> tiles = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      long[] cells = new long[4 * 3];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = r.nextInt(16);
      }
      ArrayLayout l = new ArrayLayout("l" + t, 0, 4, 0, 3, 4, 1, 4, WeightEncoding.OFFSET);
      String c = "c" + t;
      String y = "y" + t;
      String acc = "acc" + t;
      b.output("out" + t, rows(DType.F32, 3))
          .array(new ArrayImage(t, TileKind.MEMRISTOR, t, 0, l, TestPrograms.cells(4, 3, cells)))
          .buffer(c, t, rows(DType.F32, 4)).buffer(y, t, rows(DType.F32, 3)).buffer(acc, t, rows(DType.F32, 3));
      int tile = t;
      tiles.add(() -> b.tile(tile, TileKind.MEMRISTOR, new Instr.Load(c, "x"),
          new Instr.Mvm(tile, c, y, InputMode.BIT_SERIAL, 4, 8, 60f), new Instr.ShiftAdd(tile, y, c, acc, false),
          new Instr.Store(acc, "out" + tile)));
    }
    if (reversed) {
      tiles.get(1).run();
      tiles.get(0).run();
    } else {
      tiles.forEach(Runnable::run);
    }
    return b.build();
  }

  private static Map<String, Tensor> run(Program p, long seed) {
    return run(p, seed, 64);
  }

  private static Map<String, Tensor> run(Program p, long seed, int vectors) {
    SplittableRandom r = new SplittableRandom(9);
    float[] x = new float[vectors * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(16);
    }
    return new Simulator(NOISY).run(p, TestPrograms.DEFAULT, Map.of("x", Tensor.ofFloats(new long[] {vectors, 4}, x)),
        SimOptions.analog(seed));
  }

  private static boolean same(Map<String, Tensor> a, Map<String, Tensor> b) {
    return a.get("out0").contentEquals(b.get("out0")) && a.get("out1").contentEquals(b.get("out1"));
  }

  @Test
  void sameSeedSameBitsInAnyTileOrder() {
    Map<String, Tensor> first = run(program(false), 42);
    assertTrue(same(first, run(program(false), 42)));
    assertTrue(same(first, run(program(true), 42)));
  }

  @Test
  void threadsDoNotChangeTheBits() {
    // 3000 vectors: six blocks of MvmKernel.BLOCK, each with its own read-noise generator
    Map<String, Tensor> parallel = run(program(false), 42, 3000);
    Map<String, Tensor> serial;
    Blocks.sequential(true);
    try {
      serial = run(program(false), 42, 3000);
    } finally {
      Blocks.sequential(false);
    }
    assertTrue(same(parallel, serial));
  }

  @Test
  void differentSeedsDiffer() {
    Map<String, Tensor> a = run(program(false), 42);
    Map<String, Tensor> b = run(program(false), 43);
    assertFalse(a.get("out0").contentEquals(b.get("out0")));
    assertFalse(a.get("out1").contentEquals(b.get("out1")));
  }

  @Test
  void idealModeIgnoresTheDevicePhysics() {
    Program p = program(false);
    Tensor x = Tensor.ofFloats(new long[] {1, 4}, new float[] {1, 2, 3, 4});
    Map<String, Tensor> noisy = new Simulator(NOISY).run(p, TestPrograms.DEFAULT, Map.of("x", x), SimOptions.ideal());
    Map<String, Tensor> ideal = new Simulator().run(p, TestPrograms.DEFAULT, Map.of("x", x), SimOptions.ideal());
    assertTrue(same(noisy, ideal));
  }
}
