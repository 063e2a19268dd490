package ancc.runtime.device;

import ancc.ir.program.ArrayImage;
import ancc.ir.program.TileKind;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * The physics of a memristor array under the chip's noise model (docs/noise-models.md). Stateless
 * apart from a weak identity map from each programmed cell array to its reference read at t0
 * (for drift compensation), so one instance serves every array of a tile group and any number
 * of threads.
 *
 * <p>Random draws: {@link #program} splits its generator, in this order, into streams for
 * programming noise, stuck cells, drift exponents, 1/f noise, DAC gains and ADC gains, and draws
 * from each stream for every cell (every device, for drift and 1/f; every converter, for the
 * gains) in row-major order whether or not the effect changes that cell; so the draws of one
 * effect do not depend on the parameters of another, and the same generator gives the same bits.
 * Then, only when their sigma is not 0 (so chips without offsets keep their bits), streams for the
 * DAC offsets and the ADC offsets ({@link #offsets}).
 * {@link #read} takes one 64-bit seed from the generator it is handed and draws one Gaussian per
 * (vector, column) from a {@link GaussianStream} on it, vectors outer, columns inner, skipping
 * vectors whose drive is all zero (their noise is 0). The simulator's bit-serial kernel draws the
 * same noise itself ({@link #gaussianReadSigma}). {@code read}'s {@code cells} may be the used
 * block only ({@code rows x cols} values, row stride {@code cols}) or the whole physical array as
 * {@code program} returned it (row stride = physical columns).
 */
public final class AnalogArray implements ArrayPhysics {

  /**
   * @param range the cell's conductance scale
   * @param programming programming noise (already the write-verify residual when that is enabled)
   * @param stuckOnRate fraction of cells stuck at gMax
   * @param stuckOffRate fraction of cells stuck at gMin
   * @param drift PCM drift at the read time, or null for none
   * @param flicker PCM 1/f noise at the read time, or null for none
   * @param readSigma per-read Gaussian noise of each cell, fraction of gMax (0 = none)
   * @param irDrop first-order IR-drop coefficient in [0, 1] (0 = none)
   * @param physicalRows crossbar rows (normalizes the IR-drop load)
   * @param maxDrive largest drive value of one read: 1 for 1-bit DACs, 2^dacBits - 1 otherwise
   * @param driftCompensation rescale outputs by the t0 / t reference reads
   * @param dacGainSigma relative gain mismatch of each row DAC (0 = exact)
   * @param adcGainSigma relative gain mismatch of each ADC (0 = exact)
   * @param columnsPerAdc physical columns sharing one ADC (they share its gain error and offset)
   * @param dacOffsetSigma offset of each row DAC, fraction of its full-scale drive (0 = none)
   * @param adcOffsetSigma offset of each ADC, fraction of its full-scale input (0 = none)
   */
  public record Config(CellRange range, ProgrammingNoise programming, double stuckOnRate, double stuckOffRate,
      PcmDrift drift, PcmReadNoise flicker, double readSigma, double irDrop, int physicalRows, int maxDrive,
      boolean driftCompensation, double dacGainSigma, double adcGainSigma, int columnsPerAdc, double dacOffsetSigma,
      double adcOffsetSigma) {
    public Config {
      if (!(dacOffsetSigma >= 0) || !(adcOffsetSigma >= 0)) {
        throw new IllegalArgumentException("invalid converter offsets: DAC offset sigma " + dacOffsetSigma
            + ", ADC offset sigma " + adcOffsetSigma);
      }
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(programming, "programming");
      if (!(stuckOnRate >= 0 && stuckOffRate >= 0 && stuckOnRate + stuckOffRate <= 1)) {
        throw new IllegalArgumentException("stuck rates must be >= 0 and sum to at most 1, got " + stuckOnRate
            + " and " + stuckOffRate);
      }
      if (!(dacGainSigma >= 0) || !(adcGainSigma >= 0) || columnsPerAdc < 1) {
        throw new IllegalArgumentException("invalid converter parameters: DAC gain sigma " + dacGainSigma
            + ", ADC gain sigma " + adcGainSigma + ", columns per ADC " + columnsPerAdc);
      }
      if (!(readSigma >= 0) || !(irDrop >= 0 && irDrop <= 1) || physicalRows < 1 || maxDrive < 1) {
        throw new IllegalArgumentException("invalid read parameters: read sigma " + readSigma + ", IR drop "
            + irDrop + ", rows " + physicalRows + ", max drive " + maxDrive);
      }
    }

    /** Without converter offsets. */
    public Config(CellRange range, ProgrammingNoise programming, double stuckOnRate, double stuckOffRate,
        PcmDrift drift, PcmReadNoise flicker, double readSigma, double irDrop, int physicalRows, int maxDrive,
        boolean driftCompensation, double dacGainSigma, double adcGainSigma, int columnsPerAdc) {
      this(range, programming, stuckOnRate, stuckOffRate, drift, flicker, readSigma, irDrop, physicalRows, maxDrive,
          driftCompensation, dacGainSigma, adcGainSigma, columnsPerAdc, 0, 0);
    }
  }

  private final Config config;
  private final boolean drifting;
  private final boolean flickering;
  private final double readSigmaLevels;
  private final double loadScale;
  private final Map<float[], Double> referenceReads = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<float[], ConverterOffsets> offsets = Collections.synchronizedMap(new WeakHashMap<>());
  /** Per target level: fraction g, programming sigma, drift exponent mean and spread, 1/f sigma. */
  private final double[] fraction;
  private final double[] programSigma;
  private final double[] nuMean;
  private final double[] nuSigma;
  private final double[] flickerSigma;
  private final double logTimeRatio;

  public AnalogArray(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.drifting = config.drift() != null && config.drift().active();
    this.flickering = config.flicker() != null && config.flicker().timeFactor() > 0;
    this.readSigmaLevels = config.range().sigmaInLevels(config.readSigma());
    this.loadScale = 1.0 / ((double) config.physicalRows() * config.range().maxLevel() * config.maxDrive());
    int levels = config.range().levels();
    fraction = new double[levels];
    programSigma = new double[levels];
    nuMean = new double[levels];
    nuSigma = new double[levels];
    flickerSigma = new double[levels];
    for (int k = 0; k < levels; k++) {
      double g = config.range().fraction(k);
      fraction[k] = g;
      programSigma[k] = config.programming().sigma(g);
      nuMean[k] = PcmDrift.nuMean(g);
      nuSigma[k] = PcmDrift.nuSigma(g);
      flickerSigma[k] = flickering ? config.flicker().sigma(g) : 0;
    }
    logTimeRatio = drifting ? config.drift().logTimeRatio() : 0;
  }

  public Config config() {
    return config;
  }

  @Override
  public float[] program(ArrayImage image, SplittableRandom rng) {
    if (image.kind() != TileKind.MEMRISTOR) {
      throw new IllegalArgumentException("array #" + image.id() + " is a " + image.kind() + " array, not memristor");
    }
    long[] target = image.cells().longs();
    SplittableRandom progRng = rng.split();
    SplittableRandom stuckRng = rng.split();
    SplittableRandom driftRng = rng.split();
    SplittableRandom flickerRng = rng.split();
    double[] rowGain = gains(rng.split(), image.rows(), 1, config.dacGainSigma());
    double[] adcGain = gains(rng.split(), image.cols(), config.columnsPerAdc(), config.adcGainSigma());
    int stride = image.cols();
    CellRange range = config.range();
    double on = config.stuckOnRate();
    double onOrOff = on + config.stuckOffRate();
    boolean stuck = onOrOff > 0;
    int devices = range.devices();
    float[] out = new float[target.length];
    float[] atT0 = drifting && config.driftCompensation() ? new float[target.length] : null;
    for (int i = 0; i < target.length; i++) {
      long k = target[i];
      if (k < 0 || k > range.maxLevel()) {
        throw new IllegalArgumentException("array #" + image.id() + ": cell " + i + " has level " + k
            + ", outside 0.." + range.maxLevel());
      }
      int level = (int) k;
      double p = Math.min(1, Math.max(0, fraction[level] + programSigma[level] * progRng.nextGaussian()));
      float stuckLevel = Float.NaN;
      if (stuck) {
        double u = stuckRng.nextDouble();
        if (u < on) {
          stuckLevel = range.maxLevel();
        } else if (u < onOrOff) {
          stuckLevel = 0;
        }
      }
      boolean isStuck = !Float.isNaN(stuckLevel);
      double gain = rowGain[i / stride] * adcGain[i % stride];
      if (atT0 != null) {
        atT0[i] = (float) (gain * (isStuck ? stuckLevel : range.level(p)));
      }
      if (drifting || flickering) {
        double sum = 0;
        for (int d = 0; d < devices; d++) {
          double f = p;
          if (drifting) {
            double nu = Math.max(0, nuMean[level] + nuSigma[level] * driftRng.nextGaussian());
            f *= Math.exp(-nu * logTimeRatio);
          }
          if (flickering) {
            f += Math.abs(f) * flickerSigma[level] * flickerRng.nextGaussian();
          }
          sum += Math.max(0, f);
        }
        p = sum / devices;
      }
      out[i] = (float) (gain * (isStuck ? stuckLevel : range.level(p)));
    }
    if (atT0 != null) {
      referenceReads.put(out, DriftCompensation.response(atT0, image));
    }
    if (config.dacOffsetSigma() > 0 || config.adcOffsetSigma() > 0) {
      offsets.put(out, new ConverterOffsets(
          offsets(rng.split(), image.rows(), 1, config.dacOffsetSigma() * config.maxDrive()),
          offsets(rng.split(), image.cols(), config.columnsPerAdc(), config.adcOffsetSigma())));
    }
    return out;
  }

  /**
   * Offsets sigma z of the converters serving {@code lines} rows or columns, {@code perConverter}
   * lines per converter (all 0, without draws, when sigma is 0).
   */
  private static float[] offsets(SplittableRandom rng, int lines, int perConverter, double sigma) {
    float[] perLine = new float[lines];
    if (sigma == 0) {
      return perLine;
    }
    float o = 0;
    for (int l = 0; l < lines; l++) {
      if (l % perConverter == 0) {
        o = (float) (sigma * rng.nextGaussian());
      }
      perLine[l] = o;
    }
    return perLine;
  }

  @Override
  public ConverterOffsets offsets(ArrayImage image, float[] cells) {
    ConverterOffsets o = offsets.get(cells);
    return o != null ? o : ConverterOffsets.NONE;
  }

  /** The read noise's sigma in level units, or NaN when reads have IR drop (not Gaussian alone). */
  @Override
  public double gaussianReadSigma() {
    return config.irDrop() > 0 ? Double.NaN : readSigmaLevels;
  }

  /**
   * Gain factors max(0, 1 + sigma z) of the converters serving {@code lines} rows or columns,
   * {@code perConverter} lines per converter; the draws are made even when sigma is 0.
   */
  private static double[] gains(SplittableRandom rng, int lines, int perConverter, double sigma) {
    double[] perLine = new double[lines];
    double g = 1;
    for (int l = 0; l < lines; l++) {
      if (l % perConverter == 0) {
        g = Math.max(0, 1 + sigma * rng.nextGaussian());
      }
      perLine[l] = g;
    }
    return perLine;
  }

  @Override
  public void read(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells,
      SplittableRandom rng) {
    int physRows = config.physicalRows();
    int stride = cells.length == rows * cols ? cols : cells.length / physRows;
    if (rows > physRows || cols > stride || (stride != cols && cells.length != physRows * stride)) {
      throw new IllegalArgumentException("read of " + rows + " rows x " + cols + " columns on an array of "
          + cells.length + " cells with " + physRows + " rows");
    }
    if (config.irDrop() > 0) {
      irDrop(values, vectors, cols, inputs, rows, cells, stride);
    }
    if (readSigmaLevels > 0) {
      GaussianStream normal = new GaussianStream(rng.nextLong());
      for (int v = 0; v < vectors; v++) {
        double s2 = sumOfSquares(inputs, v * rows, rows);
        if (s2 == 0) {
          continue;
        }
        double sd = readSigmaLevels * Math.sqrt(s2);
        int base = v * cols;
        normal.addScaled(values, base, cols, sd);
      }
    }
  }

  /** sum of x^2 over inputs[from .. from + n - 1], in double, with four independent partial sums. */
  private static double sumOfSquares(float[] inputs, int from, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    int end = from + n;
    for (; i + 4 <= end; i += 4) {
      double a = inputs[i];
      double b = inputs[i + 1];
      double c = inputs[i + 2];
      double d = inputs[i + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += d * d;
    }
    for (; i < end; i++) {
      double a = inputs[i];
      s0 += a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** values[v][c] *= 1 - irDrop x min(1, sum_r |x_r| max(cell_rc, 0) / (rows x maxLevel x maxDrive)). */
  private void irDrop(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells, int stride) {
    double[] load = new double[cols];
    for (int v = 0; v < vectors; v++) {
      java.util.Arrays.fill(load, 0);
      int in = v * rows;
      for (int r = 0; r < rows; r++) {
        double x = Math.abs(inputs[in + r]);
        if (x == 0) {
          continue;
        }
        int base = r * stride;
        for (int c = 0; c < cols; c++) {
          float cell = cells[base + c];
          if (cell > 0) {
            load[c] += x * cell;
          }
        }
      }
      int out = v * cols;
      for (int c = 0; c < cols; c++) {
        values[out + c] *= (float) (1 - config.irDrop() * Math.min(1, load[c] * loadScale));
      }
    }
  }

  @Override
  public double outputScale(ArrayImage image, float[] cells) {
    if (!drifting || !config.driftCompensation()) {
      return 1.0;
    }
    Double reference = referenceReads.get(cells);
    double ref = reference != null ? reference : DriftCompensation.targetResponse(image);
    return DriftCompensation.scale(ref, DriftCompensation.response(cells, image));
  }
}
