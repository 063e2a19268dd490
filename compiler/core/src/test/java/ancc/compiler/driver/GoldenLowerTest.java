package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.backends.DoesNotFitException;
import ancc.compiler.pass.GoldenText;
import ancc.compiler.pass.Ir;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.PassTiming;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.StructuralEquality;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.program.text.ProgramParser;
import ancc.ir.program.text.ProgramPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Golden tests of lowering: every {@code lower/<case>.air} under the test resources (a placed
 * module) runs through the real steps under a {@link PassManager} with verification on
 * ({@code read-ir}, {@code calibrate} with its seeded synthetic inputs, {@code lower}), and the
 * program, printed with every constant and array inline ({@link ProgramPrinter#print(ancc.ir.program.Program)}),
 * must equal {@code <case>.expected.xbp} exactly; the first differing line is reported. Every
 * expected file must be in printed form (parse then print gives it back).
 *
 * <p>A case names its chip and, for a negative case, its diagnostic in {@code //} comment lines
 * before {@code module}:
 *
 * <ul>
 *   <li>{@code // chip: NAME}: a preset ({@code default}), or a chip file beside the cases when
 *       NAME ends in {@code .yaml} ({@code tiny.yaml}; required);
 *   <li>{@code // expected-error: TEXT}: the compile fails with an {@link InvalidInputException}
 *       that is not a {@link DoesNotFitException} (the CLI's exit 3) whose message contains TEXT;
 *   <li>{@code // expected-does-not-fit: TEXT}: it fails with a {@link DoesNotFitException} (exit 4)
 *       whose message contains TEXT.
 * </ul>
 *
 * <p>A case states a diagnostic exactly when its name starts with {@code negative-}, and then has
 * no expected file.
 *
 * <p>To regenerate the expected files on purpose (after a deliberate change to lowering, the
 * printer or a chip), run with the system property {@value GoldenCases#UPDATE_PROPERTY}{@code =true}:
 * {@code mvn -B -ntp -o -q verify -pl compiler/core -am -Dtest=GoldenLowerTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dancc.golden.update=true}. It rewrites every
 * {@code .expected.xbp} under {@code src/test/resources/lower} whose text changed (or is missing)
 * and names each one on standard output; review the diff before committing. Without the property
 * the test never writes ({@link GoldenCases}).
 */
class GoldenLowerTest extends GoldenCases {
  GoldenLowerTest() {
    super("lower", ".expected.xbp", Set.of("chip"));
  }

  @Override
  void runCase(Path input) throws IOException {
    String file = input.getFileName().toString();
    Header header = header(input);
    Chip chip = chip(input, header.require("chip", file));
    PassContext ctx = new PassContext();
    if (header.negative()) {
      assertDiagnostic(header, file, () -> lower(input, chip, ctx));
      return;
    }
    Compilation c = lower(input, chip, ctx);
    assertEquals(List.of("read-ir", "calibrate", "lower"), ctx.timings().stream().map(PassTiming::pass).toList());
    String actual = ProgramPrinter.print(c.program());
    Path expectedFile = expectedFile(input);
    if (updating()) {
      update(input, actual);
    } else {
      assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName() + " next to " + file
          + " (-D" + UPDATE_PROPERTY + "=true writes it)");
      String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
      assertEquals(expected, ProgramPrinter.print(ProgramParser.parse(expected, expectedFile.getFileName().toString())),
          expectedFile.getFileName() + " is not in printed form (edited by hand?)");
      String diff = GoldenText.firstDifference(expected, actual);
      if (diff != null) {
        fail("lower on " + file + ": " + diff + "\n(-D" + UPDATE_PROPERTY + "=true rewrites the expected"
            + " file)\n--- actual output ---\n" + actual);
      }
    }
    Module read = IrFiles.read(input);
    assertEquals(Optional.empty(), StructuralEquality.firstDifference(read, c.module()),
        file + ": lowering changed the placed module");
  }

  /** read-ir, calibrate (seeded synthetic inputs, the pipeline's default) and lower, each verified. */
  private static Compilation lower(Path input, Chip chip, PassContext ctx) {
    PassManager pm = new PassManager(List.of()).verifyEach(true);
    Module m = pm.apply(new ReadIr(), Ir.GRAPH, input, ctx);
    Calibrated cal = pm.apply(new Calibrate(null, "synthetic", Options.defaults().calibSamples()),
        Ir.GRAPH.on(Calibrated::module), m, ctx);
    return pm.apply(new Lower(chip, "as-placed"), Ir.PROGRAM.on(Compilation::program), cal, ctx);
  }
}
