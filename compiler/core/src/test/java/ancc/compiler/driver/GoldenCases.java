package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.DoesNotFitException;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The golden tests of the pipeline's steps ({@link GoldenLowerTest}, {@link GoldenPartitionTest})
 * extend this: one dynamic test per case of one test resource folder ({@code <case>.air}, with
 * {@code <case><suffix>} beside each positive case) run by {@link #runCase}, the checks that every
 * expected file has its case and that the cases cover every kind of diagnostic; and the helpers for
 * header comments, the expected diagnostic of a negative case, and the regeneration of the
 * expected files.
 *
 * <p>A case's header is its {@code //} comment lines before {@code module}; a line
 * {@code // KEY: VALUE} sets KEY when KEY is one the test reads (other comment lines are prose).
 * {@code // expected-error: TEXT} (an {@link InvalidInputException} that is not a {@link
 * DoesNotFitException}, the CLI's exit 3) and {@code // expected-does-not-fit: TEXT} (a {@link
 * DoesNotFitException}, exit 4) state a negative case's diagnostic, which must contain TEXT; a case
 * states one exactly when its name starts with {@value #NEGATIVE}, and then has no expected file.
 *
 * <p>With the system property {@value #UPDATE_PROPERTY}{@code =true} the tests write every missing
 * or changed expected file into {@code src/test/resources/<folder>} (naming each on standard
 * output) instead of comparing; without it they never write.
 */
abstract class GoldenCases {
  /** The system property that makes the tests rewrite the expected files. */
  static final String UPDATE_PROPERTY = "ancc.golden.update";

  /** The name prefix of a negative case. */
  static final String NEGATIVE = "negative-";

  private static final String ERROR = "expected-error";
  private static final String DOES_NOT_FIT = "expected-does-not-fit";

  /** What a case's header says: the keys the test reads, and the expected diagnostic of a negative case. */
  record Header(Map<String, String> values, String expectedError, boolean doesNotFit) {
    /** The header of {@code text} (the case file {@code file}), reading the keys {@code keys}. */
    static Header of(String text, String file, Set<String> keys) {
      Map<String, String> values = new LinkedHashMap<>();
      String error = null;
      boolean doesNotFit = false;
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (!l.startsWith("//")) {
          break;
        }
        String c = l.substring(2).strip();
        int colon = c.indexOf(':');
        String key = colon < 0 ? "" : c.substring(0, colon).strip();
        String value = colon < 0 ? "" : c.substring(colon + 1).strip();
        if (key.equals(ERROR) || key.equals(DOES_NOT_FIT)) {
          assertTrue(error == null, file + ": more than one expected diagnostic");
          assertFalse(value.isEmpty(), file + ": empty expected diagnostic");
          doesNotFit = key.equals(DOES_NOT_FIT);
          error = value;
        } else if (keys.contains(key)) {
          assertFalse(values.containsKey(key), file + ": '// " + key + ":' twice");
          values.put(key, value);
        }
      }
      return new Header(values, error, doesNotFit);
    }

    /** The value of {@code key}, which the case must give. */
    String require(String key, String file) {
      String v = values.get(key);
      assertTrue(v != null && !v.isEmpty(), file + ": no '// " + key + ": ...' header before the module");
      return v;
    }

    /** The value of {@code key}, or {@code otherwise}. */
    String get(String key, String otherwise) {
      return values.getOrDefault(key, otherwise);
    }

    boolean negative() {
      return expectedError != null;
    }
  }

  private final String folder;
  private final String expectedSuffix;
  private final Set<String> keys;

  /** The cases of {@code folder}, whose expected files end in {@code expectedSuffix}; the headers' keys {@code keys}. */
  GoldenCases(String folder, String expectedSuffix, Set<String> keys) {
    this.folder = folder;
    this.expectedSuffix = expectedSuffix;
    this.keys = Set.copyOf(keys);
  }

  /** Runs one case: a negative one must fail with its diagnostic, a positive one match its expected file. */
  abstract void runCase(Path input) throws IOException;

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    return inputs().stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> runCase(in)));
  }

  @Test
  void everyExpectedFileHasItsCase() throws IOException {
    List<Path> inputs = inputs();
    try (Stream<Path> files = Files.list(casesDir())) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(expectedSuffix)).toList()) {
        String name = f.getFileName().toString();
        Path input = f.resolveSibling(name.substring(0, name.length() - expectedSuffix.length()) + ".air");
        assertTrue(inputs.contains(input), name + " has no case " + input.getFileName());
      }
    }
  }

  /** The cases have a positive one, an expected-error one and an expected-does-not-fit one. */
  @Test
  void casesCoverEveryDiagnosticKind() throws IOException {
    List<Header> negatives = new ArrayList<>();
    int positives = 0;
    for (Path in : inputs()) {
      Header h = Header.of(Files.readString(in, StandardCharsets.UTF_8), in.getFileName().toString(), keys);
      if (h.negative()) {
        negatives.add(h);
      } else {
        positives++;
      }
    }
    assertTrue(positives > 0, "no positive case");
    assertTrue(negatives.stream().anyMatch(Header::doesNotFit), "no expected-does-not-fit case");
    assertTrue(negatives.stream().anyMatch(h -> !h.doesNotFit()), "no expected-error case");
  }

  /** Every case (a {@code .air} that is not an expected file), sorted for a stable order. */
  List<Path> inputs() throws IOException {
    try (Stream<Path> files = Files.list(casesDir())) {
      List<Path> inputs = files.map(Path::getFileName).map(Path::toString)
          .filter(f -> f.endsWith(".air") && !f.endsWith(expectedSuffix)).sorted()
          .map(f -> casesDir().resolve(f)).collect(Collectors.toList());
      assertFalse(inputs.isEmpty(), "no golden cases under " + casesDir());
      return inputs;
    }
  }

  /** The case's name without {@code .air}. */
  static String base(Path input) {
    String f = input.getFileName().toString();
    return f.substring(0, f.length() - ".air".length());
  }

  /** The expected file of {@code input}. */
  Path expectedFile(Path input) {
    return input.resolveSibling(base(input) + expectedSuffix);
  }

  /** The header of {@code input}, checked against its name and expected file. */
  Header header(Path input) throws IOException {
    String file = input.getFileName().toString();
    Header h = Header.of(Files.readString(input, StandardCharsets.UTF_8), file, keys);
    assertEquals(base(input).startsWith(NEGATIVE), h.negative(),
        file + ": a case states an expected diagnostic exactly when its name starts with " + NEGATIVE);
    if (h.negative()) {
      assertFalse(Files.exists(expectedFile(input)), expectedFile(input).getFileName() + ": a negative case has no"
          + " expected file");
    }
    return h;
  }

  /** Runs a negative case: {@code work} must fail with the header's diagnostic, in one line. */
  static void assertDiagnostic(Header h, String file, Executable work) {
    InvalidInputException e = assertThrows(InvalidInputException.class, work,
        file + " succeeded, expected: " + h.expectedError());
    String kind = h.doesNotFit() ? "does-not-fit" : "error";
    assertEquals(h.doesNotFit(), e instanceof DoesNotFitException,
        file + ": expected-" + kind + ", but got " + e.getClass().getSimpleName() + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(h.expectedError()),
        file + ": the message\n  " + e.getMessage() + "\ndoes not contain\n  " + h.expectedError());
    assertFalse(e.getMessage().contains("\n"), file + ": a diagnostic is one line: " + e.getMessage());
  }

  /** A preset, or a chip file beside the case when {@code name} ends in {@code .yaml}. */
  static Chip chip(Path input, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      Path f = input.resolveSibling(name);
      assertTrue(Files.isRegularFile(f), input.getFileName() + ": chip file " + name + " not found beside it");
      return Chips.load(f);
    }
    return Chips.preset(name);
  }

  /** Whether the tests rewrite the expected files. */
  static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** Writes {@code text} to the source copy of {@code input}'s expected file when it differs. */
  void update(Path input, String text) throws IOException {
    Path target = sourceDir().resolve(base(input) + expectedSuffix);
    if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    Files.writeString(target, text, StandardCharsets.UTF_8);
    System.out.println(getClass().getSimpleName() + ": updated " + target);
  }

  /** {@code src/test/resources/<folder>} of this module (the cases are read from their copy on the class path). */
  private Path sourceDir() {
    // target/test-classes/<folder> -> the module folder is two levels above test-classes.
    Path module = casesDir().getParent().getParent().getParent();
    Path dir = module.resolve("src/test/resources").resolve(folder);
    assertTrue(Files.isDirectory(dir), "cannot find the source folder of the cases: " + dir);
    return dir;
  }

  /** The cases' folder on the class path. */
  Path casesDir() {
    URL root = getClass().getClassLoader().getResource(folder);
    assertTrue(root != null, "test resource folder " + folder + "/ not found");
    try {
      return Paths.get(root.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
