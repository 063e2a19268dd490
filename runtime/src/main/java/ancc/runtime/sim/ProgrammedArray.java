package ancc.runtime.sim;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import ancc.runtime.device.ArrayPhysics;
import ancc.runtime.device.ConverterOffsets;
import java.util.SplittableRandom;

/**
 * One array as programmed for one simulated chip instance: its effective cell values over the
 * used region (rows 0 .. inCount-1, columns 0 .. columnsUsed-1, row-major, level units), the
 * physics that reads it, the global drift-compensation factor, its converters' offsets, and the
 * array's own generator for read-time randomness.
 *
 * <p>Randomness: programming draws from {@code SplittableRandom(mix(seed, 2 * id))}; the reads of
 * block b of the array's k-th mvm draw from {@code SplittableRandom(mix(mix(seed, 2 * id + 1), k *
 * 2^32 + b))}. So an array's bits depend only on the seed and its id, never on the order tiles run
 * in or on threads (an array's mvms come in its tile's program order, which is fixed).
 */
final class ProgrammedArray {
  final ArrayImage image;
  final int rows;
  final int cols;
  /** Effective cells of the used region, [rows * cols]. */
  final float[] cells;
  final ArrayPhysics physics;
  final float outputScale;
  /**
   * Per used column, the current of the DAC offsets (sum_r dacOffset_r x cell[r][c], level units,
   * added to every read), or null when the DACs have no offset.
   */
  final float[] dacColumnOffsets;
  /** Per used column, its ADC's offset as a fraction of full scale, or null when the ADCs have none. */
  final float[] adcOffsets;
  /**
   * Whether one ADC conversion reads the current difference of each G+/G- column pair (the chip's
   * {@code adc.sensing: pair} on a differential memristor array): the pairs are the adjacent
   * columns (2i, 2i + 1) of {@link ArrayLayout#column}.
   */
  final boolean pairSensing;
  private final long readSeed;
  private long readCalls;

  private ProgrammedArray(ArrayImage image, float[] cells, ArrayPhysics physics, float outputScale,
      ConverterOffsets offsets, long readSeed, boolean pairSensing) {
    this.image = image;
    this.pairSensing = pairSensing;
    this.rows = image.layout().inCount();
    this.cols = image.layout().columnsUsed();
    this.cells = cells;
    this.physics = physics;
    this.outputScale = outputScale;
    this.readSeed = readSeed;
    float[] dac = null;
    float[] adc = null;
    if (!offsets.none()) {
      dac = new float[cols];
      boolean anyDac = false;
      for (int r = 0; r < rows && r < offsets.dacPerRow().length; r++) {
        float o = offsets.dacPerRow()[r];
        anyDac |= o != 0;
        for (int c = 0; c < cols; c++) {
          dac[c] += o * cells[r * cols + c];
        }
      }
      adc = java.util.Arrays.copyOf(offsets.adcPerColumn(), cols);
      boolean anyAdc = false;
      for (float o : adc) {
        anyAdc |= o != 0;
      }
      dac = anyDac ? dac : null;
      adc = anyAdc ? adc : null;
    }
    this.dacColumnOffsets = dac;
    this.adcOffsets = adc;
  }

  /**
   * Programs {@code image}: memristor arrays through {@code physics} (checking the levels against
   * the chip's cell), SRAM macros exactly (their bits are digital).
   */
  static ProgrammedArray program(ArrayImage image, Chip chip, ArrayPhysics physics, long seed, String where) {
    ArrayLayout layout = image.layout();
    long[] levels = image.cells().longs();
    long max = maxLevel(image, chip, where);
    for (long l : levels) {
      if (l < 0 || l > max) {
        throw new InvalidInputException(where + ": array #" + image.id() + " holds cell value " + l
            + " outside 0.." + max + " of chip '" + chip.name() + "'");
      }
    }
    int rows = layout.inCount();
    int cols = layout.columnsUsed();
    int fullCols = image.cols();
    float[] full;
    ArrayPhysics used = image.kind() == TileKind.MEMRISTOR ? physics : ArrayPhysics.IDEAL;
    full = used.program(image, new SplittableRandom(mix(seed, 2L * image.id())));
    float[] compact = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(full, r * fullCols, compact, r * cols, cols);
    }
    float scale = (float) used.outputScale(image, full);
    boolean pairs = image.kind() == TileKind.MEMRISTOR && layout.encoding() == WeightEncoding.DIFFERENTIAL
        && chip.memristor().map(m -> m.adc().sensing() == AdcSpec.Sensing.PAIR).orElse(false);
    return new ProgrammedArray(image, compact, used, scale, used.offsets(image, full), mix(seed, 2L * image.id() + 1),
        pairs);
  }

  private static long maxLevel(ArrayImage image, Chip chip, String where) {
    if (image.kind() == TileKind.SRAM) {
      return 1;
    }
    MemristorTile m = chip.memristor().orElseThrow(() -> new InvalidInputException(where + ": array #"
        + image.id() + " is a memristor array but chip '" + chip.name() + "' has no memristor tiles"));
    return m.cell().levels() - 1L;
  }

  private float[] folded;
  private float[][] foldedRows;
  private float[][] cellRows;
  private BitPlanes.Table planeTable;

  /**
   * Floats this array holds now: its cells plus the per-row copies, pair differences and bit-plane
   * subset-sum table built so far (the table of a 256-row array is up to 32 times its cells).
   */
  synchronized long footprintFloats() {
    long n = cells.length;
    n += folded == null ? 0 : folded.length;
    n += cellRows == null ? 0 : (long) rows * cols;
    n += foldedRows == null ? 0 : (long) rows * image.layout().outCount();
    n += pairRows == null ? 0 : (long) rows * (cols / 2);
    return n + (planeTable == null ? 0 : planeTable.floats());
  }

  /** The cells as one array per row ({@link MatMul#rows}), built on first use. */
  synchronized float[][] cellRows() {
    if (cellRows == null) {
      cellRows = MatMul.rows(cells, rows, cols);
    }
    return cellRows;
  }

  private float[][] pairRows;

  /**
   * Pair sensing: per row, the differences of each column pair, g[r][2i] - g[r][2i + 1], one array
   * per row ({@link MatMul#multiply}'s layout), built on first use.
   */
  synchronized float[][] pairRows() {
    if (pairRows == null) {
      int half = cols / 2;
      float[][] out = new float[rows][half];
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < half; i++) {
          out[r][i] = cells[r * cols + 2 * i] - cells[r * cols + 2 * i + 1];
        }
      }
      pairRows = out;
    }
    return pairRows;
  }

  /** {@link #folded} as one array per row, built on first use. */
  synchronized float[][] foldedRows() {
    if (foldedRows == null) {
      foldedRows = MatMul.rows(folded(), rows, image.layout().outCount());
    }
    return foldedRows;
  }

  /** The bit-plane subset-sum table of the cells ({@link BitPlanes#table}), built on first use. */
  synchronized BitPlanes.Table planeTable() {
    if (planeTable == null) {
      planeTable = BitPlanes.table(cells, rows, cols);
    }
    return planeTable;
  }

  private Boolean finite;

  /** Whether every effective cell is finite (so sums of cells and noise are never NaN). */
  synchronized boolean finiteCells() {
    if (finite == null) {
      boolean ok = true;
      for (float c : cells) {
        ok &= Float.isFinite(c);
      }
      finite = ok;
    }
    return finite;
  }

  /** Numbers the mvms on this array (called once per mvm, in program order). */
  long nextReadCall() {
    return readCalls++;
  }

  /** The read-noise generator of block {@code block} of mvm call {@code call}. */
  SplittableRandom readRng(long call, int block) {
    return new SplittableRandom(mix(readSeed, (call << 32) + block));
  }

  /**
   * The cells folded over slices and signs into one integer weight per (row, output), [rows *
   * outCount]: sum_s 2^(s * sliceBits) * (g+ - g-) for differential, sum_s 2^(s * sliceBits) * g for
   * offset (before the input-sum correction), two's complement of the bits for SRAM. Exact
   * readout makes mvm followed by shift_add equal to one product with these.
   */
  float[] folded() {
    if (folded == null) {
      ancc.ir.program.ArrayLayout l = image.layout();
      float[] sw = Arith.sliceWeights(l);
      boolean diff = l.encoding() == ancc.ir.program.WeightEncoding.DIFFERENTIAL;
      int m = l.outCount();
      float[] f = new float[rows * m];
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < m; o++) {
          float sum = 0f;
          for (int s = 0; s < l.slices(); s++) {
            float g = cells[r * cols + l.column(o, s, false)];
            if (diff) {
              g -= cells[r * cols + l.column(o, s, true)];
            }
            sum += sw[s] * g;
          }
          f[r * m + o] = sum;
        }
      }
      folded = f;
    }
    return folded;
  }

  /** A SplitMix64-style mix of (seed, stream) into a well-spread 64-bit seed. */
  static long mix(long seed, long stream) {
    long z = seed * 0x9E3779B97F4A7C15L + (stream + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
