package ancc.compiler.driver;

import ancc.backends.mapping.Calibration;
import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.CalibrationRanges;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.Step;
import ancc.ir.graph.Module;

/**
 * calibrate: the activation ranges of a module from the FP32 reference run on calibration data
 * ({@link CalibrationRanges}: the first 64 calibration inputs, the partitioner's rule), every graph
 * input fed (an .npz names the arrays of a model with several inputs).
 *
 * @param data the calibration inputs, or null for synthetic inputs ({@link ancc.compiler.eval.SyntheticInputs})
 * @param samples synthetic inputs generated when {@code data} is null (the first 64 are used; their
 *     seed is {@link CalibrationRanges#SYNTHETIC_SEED}, whatever chip instance is simulated)
 */
public record Calibrate(Dataset data, String dataName, int samples) implements Step<Module, Calibrated> {
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
    Calibration c = CalibrationRanges.of(m, data, samples);
    int used = Math.min(CalibrationRanges.SAMPLES, data == null ? samples : Math.min(samples, data.size()));
    String source = data == null ? "synthetic (" + used + " samples, seed " + CalibrationRanges.SYNTHETIC_SEED + ")"
        : dataName + " (" + used + " samples)";
    return new Calibrated(m, c, source);
  }
}
