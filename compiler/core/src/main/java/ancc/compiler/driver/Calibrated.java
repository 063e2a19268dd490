package ancc.compiler.driver;

import ancc.backends.mapping.Calibration;
import ancc.ir.graph.Module;

/**
 * A placed module with the activation ranges that set its input quantizers and ADC ranges.
 *
 * @param source where the ranges come from, e.g. {@code images.npy (64 samples)}
 */
public record Calibrated(Module module, Calibration calibration, String source) {}
