package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.StructuralEquality;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.program.text.ProgramParser;
import ancc.ir.program.text.ProgramPrinter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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
 * printer or a chip), run with the system property {@value #UPDATE_PROPERTY}{@code =true}:
 * {@code mvn -B -ntp -o -q verify -pl compiler/core -am -Dtest=GoldenLowerTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dancc.golden.update=true}. It rewrites every
 * {@code .expected.xbp} under {@code src/test/resources/lower} whose text changed (or is missing)
 * and names each one on standard output; review the diff before committing. Without the property
 * the test never writes.
 */
class GoldenLowerTest {
  /** The system property that makes the test rewrite the expected files. */
  static final String UPDATE_PROPERTY = "ancc.golden.update";

  private static final String FOLDER = "lower";
  private static final String EXPECTED_SUFFIX = ".expected.xbp";
  private static final String NEGATIVE = "negative-";

  /** What a case's header comments say. */
  record Header(String chip, String expectedError, boolean doesNotFit) {
    static Header of(String text, String file) {
      String chip = null;
      String error = null;
      boolean doesNotFit = false;
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (!l.startsWith("//")) {
          break;
        }
        String c = l.substring(2).strip();
        if (c.startsWith("chip:")) {
          chip = c.substring("chip:".length()).strip();
        } else if (c.startsWith("expected-error:") || c.startsWith("expected-does-not-fit:")) {
          assertTrue(error == null, file + ": more than one expected diagnostic");
          doesNotFit = c.startsWith("expected-does-not-fit:");
          error = c.substring(c.indexOf(':') + 1).strip();
          assertFalse(error.isEmpty(), file + ": empty expected diagnostic");
        }
      }
      assertTrue(chip != null, file + ": no '// chip: NAME' header before the module");
      return new Header(chip, error, doesNotFit);
    }
  }

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    return inputs().stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> runCase(in)));
  }

  @Test
  void everyExpectedFileHasItsCase() throws IOException {
    List<Path> inputs = inputs();
    try (Stream<Path> files = Files.list(casesDir())) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(EXPECTED_SUFFIX)).toList()) {
        String name = f.getFileName().toString();
        Path input = f.resolveSibling(name.substring(0, name.length() - EXPECTED_SUFFIX.length()) + ".air");
        assertTrue(inputs.contains(input), name + " has no case " + input.getFileName());
      }
    }
  }

  @Test
  void casesCoverEveryDiagnosticKind() throws IOException {
    List<Header> negatives = new ArrayList<>();
    int positives = 0;
    for (Path in : inputs()) {
      Header h = Header.of(Files.readString(in, StandardCharsets.UTF_8), in.getFileName().toString());
      if (h.expectedError() == null) {
        positives++;
      } else {
        negatives.add(h);
      }
    }
    assertTrue(positives > 0, "no positive case");
    assertTrue(negatives.stream().anyMatch(Header::doesNotFit), "no expected-does-not-fit case");
    assertTrue(negatives.stream().anyMatch(h -> !h.doesNotFit()), "no expected-error case");
  }

  private static void runCase(Path input) throws IOException {
    String file = input.getFileName().toString();
    String base = file.substring(0, file.length() - ".air".length());
    Header header = Header.of(Files.readString(input, StandardCharsets.UTF_8), file);
    Path expectedFile = input.resolveSibling(base + EXPECTED_SUFFIX);
    assertEquals(base.startsWith(NEGATIVE), header.expectedError() != null,
        file + ": a case states an expected diagnostic exactly when its name starts with " + NEGATIVE);
    Chip chip = chip(input, header.chip());
    PassContext ctx = new PassContext();
    if (header.expectedError() != null) {
      assertFalse(Files.exists(expectedFile), expectedFile.getFileName() + ": a negative case has no expected program");
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> lower(input, chip, ctx),
          file + " compiled, expected: " + header.expectedError());
      String kind = header.doesNotFit() ? "does-not-fit" : "error";
      assertEquals(header.doesNotFit(), e instanceof DoesNotFitException,
          file + ": expected-" + kind + ", but got " + e.getClass().getSimpleName() + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(header.expectedError()),
          file + ": the message\n  " + e.getMessage() + "\ndoes not contain\n  " + header.expectedError());
      assertFalse(e.getMessage().contains("\n"), file + ": a diagnostic is one line: " + e.getMessage());
      return;
    }
    Compilation c = lower(input, chip, ctx);
    assertEquals(List.of("read-ir", "calibrate", "lower"), ctx.timings().stream().map(PassTiming::pass).toList());
    String actual = ProgramPrinter.print(c.program());
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      update(base, actual);
    } else {
      assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName() + " next to " + file
          + " (-D" + UPDATE_PROPERTY + "=true writes it)");
      String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
      assertEquals(expected, ProgramPrinter.print(ProgramParser.parse(expected, expectedFile.getFileName().toString())),
          expectedFile.getFileName() + " is not in printed form (edited by hand?)");
      String diff = GoldenText.firstDifference(expected, actual);
      if (diff != null) {
        fail("lower on " + file + ": " + diff + "\n(-D" + UPDATE_PROPERTY + "=true rewrites the expected file)"
            + "\n--- actual output ---\n" + actual);
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

  private static Chip chip(Path input, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      Path f = input.resolveSibling(name);
      assertTrue(Files.isRegularFile(f), input.getFileName() + ": chip file " + name + " not found beside it");
      return Chips.load(f);
    }
    return Chips.preset(name);
  }

  /** Writes {@code text} to the source copy of the expected file when it differs. */
  private static void update(String base, String text) throws IOException {
    Path target = sourceDir().resolve(base + EXPECTED_SUFFIX);
    if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    Files.writeString(target, text, StandardCharsets.UTF_8);
    System.out.println("GoldenLowerTest: updated " + target);
  }

  /** {@code src/test/resources/lower} of this module (the cases are read from their copy on the class path). */
  private static Path sourceDir() throws IOException {
    // target/test-classes/lower -> the module folder is two levels above test-classes.
    Path module = casesDir().getParent().getParent().getParent();
    Path dir = module.resolve("src/test/resources").resolve(FOLDER);
    assertTrue(Files.isDirectory(dir), "cannot find the source folder of the cases: " + dir);
    return dir;
  }

  private static Path casesDir() throws IOException {
    URL root = GoldenLowerTest.class.getClassLoader().getResource(FOLDER);
    assertTrue(root != null, "test resource folder " + FOLDER + "/ not found");
    try {
      return Paths.get(root.toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  /** Every case (not an expected file), sorted for a stable order. */
  private static List<Path> inputs() throws IOException {
    try (Stream<Path> files = Files.list(casesDir())) {
      List<Path> inputs = files.filter(p -> p.getFileName().toString().endsWith(".air")).sorted()
          .collect(Collectors.toList());
      assertFalse(inputs.isEmpty(), "no golden cases under " + casesDir());
      return inputs;
    }
  }
}
