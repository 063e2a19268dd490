package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import java.nio.file.Path;
import java.util.List;

/**
 * What the tests of compiled programs share: a model loaded by the pipeline (imported and
 * canonicalized), and compiled with a fixed strategy on a small seeded synthetic calibration
 * (16 standard-normal samples from seed 0), so their programs do not depend on any data file.
 */
public final class TestCompile {
  /** The uniform strategies' names. */
  public static final List<String> UNIFORM = List.of("all-memristor", "all-sram", "all-digital");

  private TestCompile() {}

  /** The canonical graph IR of a model file. */
  public static Module load(Path model) {
    return new Pipeline(Options.defaults()).load(model);
  }

  /** The seeded synthetic calibration of {@code m}. */
  public static Calibration synthetic(Module m) {
    return Calibration.synthetic(m, 16, 0);
  }

  /** The assignment of the fixed strategy named {@code placement}. */
  public static Assignment assign(Module m, String placement) {
    return fixed(placement).assign(m);
  }

  /** {@code m} compiled with the fixed strategy named {@code placement} on the synthetic calibration. */
  public static Compilation compile(Module m, Chip chip, String placement) {
    return Compiler.compile(m, chip, fixed(placement), synthetic(m));
  }

  /** {@code m} compiled with {@code a} under {@code name} on the synthetic calibration. */
  public static Compilation compile(Module m, Chip chip, Assignment a, String name) {
    return Compiler.compile(m, chip, a, name, synthetic(m));
  }

  /** The model file compiled with the fixed strategy named {@code placement}. */
  public static Compilation compile(Path model, Chip chip, String placement) {
    return compile(load(model), chip, placement);
  }

  private static Strategy.Fixed fixed(String placement) {
    return (Strategy.Fixed) Strategy.parse(placement);
  }
}
