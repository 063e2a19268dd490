package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed chip files: each file under test resources chips/invalid/ states its expected
 * diagnostic on its first line ({@code # error: LINE:COL: message}); loading it must fail with
 * exactly {@code FILE:LINE:COL: message} on one line.
 */
class ChipErrorsTest {

  @TempDir
  Path dir;

  static Path resources() throws URISyntaxException {
    return Path.of(ChipErrorsTest.class.getResource("/chips/small.yaml").toURI()).getParent();
  }

  static List<Path> invalidFiles() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(resources().resolve("invalid"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void thereAreInvalidCasesAndTheBaseIsValid() throws Exception {
    assertTrue(invalidFiles().size() >= 20);
    Chip small = Chips.load(resources().resolve("small.yaml"));
    assertEquals("small", small.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void reportsKeyAndLine(Path file) throws IOException {
    String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
    assertTrue(first.startsWith("# error: "), file + " must state its expected error on line 1");
    String expected = file + ":" + first.substring("# error: ".length());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.load(file));
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void noSuchFile() {
    Path missing = dir.resolve("missing.yaml");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.load(missing));
    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void emptyFileAndWrongTopLevel() {
    assertEquals("e.yaml:1:1: the file is empty",
        assertThrows(InvalidInputException.class, () -> Chips.parse("", "e.yaml")).getMessage());
    assertEquals("l.yaml:1:1: the file: expected a mapping of keys, got a list",
        assertThrows(InvalidInputException.class, () -> Chips.parse("- a\n- b\n", "l.yaml")).getMessage());
    assertEquals("d.yaml:3:1: only one YAML document is allowed",
        assertThrows(InvalidInputException.class, () -> Chips.parse("a: 1\n---\nb: 2\n", "d.yaml")).getMessage());
  }

  @Test
  void aliasesAreRejected() {
    String yaml = "name: &n x\ndescription: *n\n";
    assertEquals("a.yaml:2:14: YAML aliases (*n) are not supported in chip files",
        assertThrows(InvalidInputException.class, () -> Chips.parse(yaml, "a.yaml")).getMessage());
  }

  @Test
  void resolveRejectsUnknownNames() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Chips.resolve("tpu"));
    assertEquals("unknown chip 'tpu': not a preset (default, hermes-pcm, neurram, isaac) nor a .yaml/.yml file",
        e.getMessage());
    assertThrows(InvalidInputException.class, () -> Chips.preset("tpu"));
  }

  @Test
  void resolveReadsFiles() throws Exception {
    Path copy = dir.resolve("mine.yml");
    Files.copy(resources().resolve("small.yaml"), copy);
    assertEquals(Chips.load(resources().resolve("small.yaml")), Chips.resolve(copy.toString()));
  }
}
