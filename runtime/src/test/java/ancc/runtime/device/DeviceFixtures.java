package ancc.runtime.device;

import ancc.ir.chip.Chips;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.NoiseSpec;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.util.function.IntUnaryOperator;

/** Shared test helpers: preset tiles, images and simple statistics. */
final class DeviceFixtures {

  private DeviceFixtures() {}

  static MemristorTile tile(String preset) {
    return Chips.preset(preset).memristor().orElseThrow();
  }

  static MemristorTile withNoise(MemristorTile t, NoiseSpec noise) {
    return new MemristorTile(t.crossbar(), t.arraysPerTile(), t.cell(), t.weight(), t.input(), t.dac(), t.adc(),
        t.shiftAdd(), t.read(), t.buffer(), t.leakage(), noise);
  }

  /** A memristor image of rows x cols whose cell i (row-major) holds level.applyAsInt(i); all of it is used. */
  static ArrayImage image(int id, int rows, int cols, IntUnaryOperator level) {
    long[] cells = new long[rows * cols];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = level.applyAsInt(i);
    }
    ArrayLayout layout = new ArrayLayout("l", 0, rows, 0, cols, 4, 1, 4, WeightEncoding.OFFSET);
    return new ArrayImage(id, TileKind.MEMRISTOR, 0, 0, layout, Tensor.ofLongs(new long[] {rows, cols}, cells));
  }

  /** An image of the tile's crossbar size with every cell at {@code level}. */
  static ArrayImage uniform(MemristorTile t, int level) {
    return image(0, t.crossbar().rows(), t.crossbar().cols(), i -> level);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  /** Concatenates float arrays into doubles, minus {@code offset}. */
  static double[] minus(double offset, float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int k = 0;
    for (float[] p : parts) {
      for (float x : p) {
        out[k++] = x - offset;
      }
    }
    return out;
  }
}
