package ancc.cli;

import ancc.compiler.driver.CalibrationSource;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that compile on the fly and simulate ({@code run}, {@code eval}): a picocli mixin. */
final class SimulationOptions {

  @Option(names = "--chip", paramLabel = "NAME|FILE",
      description = "A chip preset or a .yaml/.yml chip file (default: 'default' for an ONNX model; for a compiled"
          + " folder the chip its program names, and a given chip must have the same sha256).")
  String chip;

  @Option(names = "--placement", paramLabel = "PLACEMENT", converter = CompileCommand.PlacementConverter.class,
      completionCandidates = CompileCommand.Placements.class,
      description = "For an ONNX model: ${COMPLETION-CANDIDATES} (default: all-memristor); auto and"
          + " auto-greedy run the partitioner (--budget, --calib, ...).")
  String placement;

  @Mixin
  PartitionFlags partition;

  @Option(names = "--calibration", paramLabel = "FILE.npy",
      description = "For an ONNX model: a batch setting quantizer and ADC ranges (default: 16 seeded"
          + " standard-normal samples).")
  Path calibration;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Seed of the chip instance: programming noise, stuck cells, drift exponents, read noise"
          + " (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--drift-time", paramLabel = "T", defaultValue = "0", converter = DriftTime.Converter.class,
      description = "Time since programming at which the chip is read, e.g. 1s, 10min, 1h, 1d, 1week"
          + " (default: 0).")
  double driftSeconds;

  @Option(names = "--no-drift-compensation",
      description = "Do not apply global drift compensation when reading a drifted chip.")
  boolean noDriftCompensation;

  CalibrationSource calibrationSource() {
    return calibration == null ? null : new CalibrationSource.NpyFile(calibration);
  }

  /** "seed 3, drift 1h" style text of the noise-relevant settings. */
  String describe() {
    return describe(1);
  }

  /** As {@link #describe()}, for {@code chips} instances: "seeds 3..7, drift 1h". */
  String describe(int chips) {
    String s = chips == 1 ? "seed " + seed : "seeds " + seed + ".." + (seed + chips - 1);
    if (driftSeconds > 0) {
      s += ", drift " + DriftTime.format(driftSeconds) + (noDriftCompensation ? " uncompensated" : "");
    }
    return s;
  }
}
