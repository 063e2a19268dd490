package ancc.compiler.driver;

import ancc.backends.mapping.Calibration;
import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.CalibrationRanges;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.Step;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;

/**
 * calibrate: the activation ranges of a module from the FP32 reference run on calibration data
 * ({@link CalibrationRanges}: the first 64 calibration inputs, the partitioner's rule). A model with
 * several graph inputs takes seeded synthetic inputs for all of them (no data file can feed it).
 *
 * @param data the calibration images, or null for synthetic inputs
 * @param samples synthetic inputs generated when {@code data} is null (the first 64 are used; their
 *     seed is {@link CalibrationRanges#SYNTHETIC_SEED}, whatever chip instance is simulated)
 */
public record Calibrate(Dataset data, String dataName, int samples) implements Step<Module, Calibrated> {
  /** Synthetic inputs per graph input of a model with several inputs. */
  static final int MULTI_INPUT_SAMPLES = 16;

  @Override
  public String name() {
    return "calibrate";
  }

  @Override
  public String summary() {
    return "activation ranges of every value from the FP32 reference on calibration data";
  }

  @Override
  public Calibrated run(Module m, PassContext ctx) {
    if (m.inputs().size() != 1) {
      if (data != null) {
        throw new InvalidInputException(dataName + ": calibration data feeds a model with one graph input; "
            + m.name() + " has " + m.inputs().size());
      }
      long seed = CalibrationRanges.SYNTHETIC_SEED;
      return new Calibrated(m, Calibration.synthetic(m, MULTI_INPUT_SAMPLES, seed),
          "synthetic (" + MULTI_INPUT_SAMPLES + " samples per input, seed " + seed + ")");
    }
    Calibration c = CalibrationRanges.of(m, data, samples);
    int used = Math.min(CalibrationRanges.SAMPLES, data == null ? samples : Math.min(samples, data.size()));
    String source = data == null ? "synthetic (" + used + " samples, seed " + CalibrationRanges.SYNTHETIC_SEED + ")"
        : dataName + " (" + used + " samples)";
    return new Calibrated(m, c, source);
  }
}
