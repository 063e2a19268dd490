package ancc.compiler.driver;

import ancc.backends.mapping.Calibration;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the activation ranges that set input quantizers and ADC ranges come from: a seeded
 * synthetic batch (the default; deterministic) or a {@code .npy} batch for the model's single
 * graph input.
 */
public sealed interface CalibrationSource permits CalibrationSource.Synthetic, CalibrationSource.NpyFile {

  /** The calibration of {@code m} (canonical) from this source. */
  Calibration calibrate(Module m);

  /** A one-line description for summaries, e.g. {@code synthetic (16 samples, seed 0)}. */
  String describe();

  /** The default: 16 standard-normal samples from seed 0. */
  static CalibrationSource synthetic() {
    return new Synthetic(16, 0);
  }

  /** {@link Calibration#synthetic}: a seeded standard-normal batch for every graph input. */
  record Synthetic(int batch, long seed) implements CalibrationSource {
    public Synthetic {
      if (batch <= 0) {
        throw new IllegalArgumentException("calibration batch must be positive, got " + batch);
      }
    }

    @Override
    public Calibration calibrate(Module m) {
      return Calibration.synthetic(m, batch, seed);
    }

    @Override
    public String describe() {
      return "synthetic (" + batch + " samples, seed " + seed + ")";
    }
  }

  /** A {@code .npy} batch for the model's one graph input; dtype float, rank and fixed dims matching. */
  record NpyFile(Path file) implements CalibrationSource {
    @Override
    public Calibration calibrate(Module m) {
      if (m.inputs().size() != 1) {
        throw new InvalidInputException(file + ": --calibration takes one .npy file, but model " + m.name()
            + " has " + m.inputs().size() + " graph inputs");
      }
      Value in = m.inputs().get(0);
      Tensor t = read();
      if (!t.isFloating() || !in.type().dtype().isFloating()) {
        throw new InvalidInputException(file + ": calibration data must be floating for input %" + in.name()
            + " " + in.type());
      }
      long[] shape = t.shape();
      boolean ok = shape.length == in.type().rank();
      for (int i = 0; ok && i < shape.length; i++) {
        Dim d = in.type().dim(i);
        ok = !d.isFixed() || d.size() == shape[i];
      }
      if (!ok) {
        throw new InvalidInputException(file + ": shape " + java.util.Arrays.toString(shape)
            + " does not match input %" + in.name() + " " + in.type());
      }
      return Calibration.run(m, Map.of(in.name(), t));
    }

    @Override
    public String describe() {
      return file.toString();
    }

    private Tensor read() {
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(file + ": no such file");
      }
      try {
        return Npy.read(file);
      } catch (IOException e) {
        throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
      }
    }
  }
}
