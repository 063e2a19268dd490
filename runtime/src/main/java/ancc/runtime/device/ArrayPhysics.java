package ancc.runtime.device;

import ancc.ir.program.ArrayImage;
import java.util.SplittableRandom;

/**
 * The device and circuit behaviour of one programmed memristor array, as the simulator's MVM
 * sees it. Values are in LEVEL UNITS: a cell at conductance G contributes (G - Gmin) / ((Gmax -
 * Gmin) / (levels - 1)), so an ideal cell programmed to level k contributes exactly k (the Gmin
 * offset is cancelled by the differential pair or the reference column; see docs/isa.md).
 * Implementations are built from the chip's {@code NoiseSpec} by {@code DeviceModels} and must
 * draw every random number from the generators they are handed.
 */
public interface ArrayPhysics {

  /**
   * The effective cell values of {@code image} after programming (programming noise, stuck
   * cells, finite levels, write-verify) and drift to the configured read time: a new row-major
   * [rows * cols] array. Called once per array per simulated chip instance.
   */
  float[] program(ArrayImage image, SplittableRandom rng);

  /**
   * Read-time effects on the column results of one read (one bit plane or one multi-bit drive)
   * of {@code vectors} input vectors: {@code values[v * cols + c]} holds sum_r x[v][r] * cell[r][c]
   * in level x input-code units and is modified in place (read noise, IR drop). {@code inputs}
   * [vectors * rows] are the drive values of that read (for noise that scales with the current).
   */
  void read(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells, SplittableRandom rng);

  /**
   * Global drift compensation: the factor by which the digital side rescales this array's
   * outputs (1 when there is no drift or compensation is off).
   */
  double outputScale(ArrayImage image, float[] cells);

  /**
   * The converter offsets of the array whose programmed cells {@code program} returned as {@code
   * cells}, drawn when it was programmed ({@link ConverterOffsets#NONE} when there are none).
   */
  default ConverterOffsets offsets(ArrayImage image, float[] cells) {
    return ConverterOffsets.NONE;
  }

  /**
   * When {@link #read} adds nothing but independent Gaussian noise of standard deviation sigma x
   * sqrt(sum_r x_r^2) to every column value (x the read's drives, sigma in level units), that
   * sigma (0: reads are exact); otherwise NaN. A simulator may then draw that noise itself, from
   * its own seeded streams, instead of calling {@link #read}.
   */
  default double gaussianReadSigma() {
    return Double.NaN;
  }

  /** Ideal devices: cells are exactly their target levels, reads are exact. */
  ArrayPhysics IDEAL = new ArrayPhysics() {
    @Override
    public float[] program(ArrayImage image, SplittableRandom rng) {
      long[] levels = image.cells().longs();
      float[] out = new float[levels.length];
      for (int i = 0; i < levels.length; i++) {
        out[i] = levels[i];
      }
      return out;
    }

    @Override
    public void read(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells,
        SplittableRandom rng) {}

    @Override
    public double outputScale(ArrayImage image, float[] cells) {
      return 1.0;
    }

    @Override
    public double gaussianReadSigma() {
      return 0;
    }
  };
}
