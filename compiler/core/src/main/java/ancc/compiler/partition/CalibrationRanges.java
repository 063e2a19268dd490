package ancc.compiler.partition;

import ancc.backends.mapping.Calibration;
import ancc.compiler.eval.Dataset;
import ancc.ir.graph.Module;
import java.util.Map;

/**
 * The quantizer and ADC ranges of a one-input model, set the way the partitioner sets them for every
 * program it compiles: the FP32 reference run on the first {@value Partitioner#RANGE_SAMPLES}
 * calibration inputs (the data set's, or the partitioner's seeded synthetic inputs), so a placement
 * compiled alone gets the same program as the partitioner's measurement of it.
 */
public final class CalibrationRanges {
  private CalibrationRanges() {}

  /** The seed of synthetic calibration inputs (fixed: ranges do not depend on the chip instance simulated). */
  public static final long SYNTHETIC_SEED = CalibData.SYNTHETIC_SEED;

  /** Calibration inputs the ranges are taken from (the first ones). */
  public static final int SAMPLES = Partitioner.RANGE_SAMPLES;

  /** Ranges of {@code m} (one graph input) from {@code calibOrNull}, else {@code samples} synthetic inputs. */
  public static Calibration of(Module m, Dataset calibOrNull, int samples) {
    CalibData data = calibOrNull == null ? CalibData.synthetic(m, samples, CalibData.SYNTHETIC_SEED)
        : CalibData.of(m, calibOrNull, samples);
    int n = Math.min(Partitioner.RANGE_SAMPLES, data.size());
    return Calibration.run(m, data.batch(0, n));
  }
}
