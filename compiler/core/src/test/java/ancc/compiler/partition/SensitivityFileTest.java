package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.program.TileKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sensitivities file: names resolved to units by display name or {@code %VALUE}, scores with
 * their defaults, and every malformed or mismatched file refused with the file, line and column
 * (the golden cases under {@code partition/} cover the diagnostics through the partition step).
 */
class SensitivityFileTest {
  private static final PartitionUnit FC1 = new PartitionUnit("h1", "fc1", "h1", "linear", 0, 8, 8);
  private static final PartitionUnit FC2 = new PartitionUnit("h2", "%h2", "h2", "linear", 0, 8, 8);
  private static final PartitionUnit FC1_G0 = new PartitionUnit("h1.g0", "fc1/g0", "h1", "linear", 0, 4, 8);

  @TempDir
  Path dir;

  private Path file(String json) throws IOException {
    Path f = dir.resolve("s.json");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    return f;
  }

  private Map<String, Map<TileKind, Score>> scores(String json, List<PartitionUnit> required,
      List<PartitionUnit> known) throws IOException {
    return SensitivityFile.read(file(json)).scores("m", required, known);
  }

  private String error(String json) {
    return assertThrows(InvalidInputException.class,
        () -> scores(json, List.of(FC1, FC2), List.of(FC1_G0))).getMessage();
  }

  @Test
  void namesByDisplayNameOrValueWithDefaultsForTheOptionalFields() throws IOException {
    Map<String, Map<TileKind, Score>> s = scores("""
        {"layers": {
          "%h1": {"memristor": {"disagreement": 0.25, "accuracy_drop": -0.01, "logit_nmse": 2e-3, "kl": 0.5}},
          "%h2": {"sram": {"disagreement": 0}},
          "fc1/g0": {}
        }}""", List.of(FC1, FC2), List.of(FC1_G0));
    assertEquals(Map.of("h1", Map.of(TileKind.MEMRISTOR, new Score(0.25, -0.01, 2e-3, 0.5)),
        "h2", Map.of(TileKind.SRAM, new Score(0, 0, 0, 0))), s);
    Map<String, Map<TileKind, Score>> byName = scores("{\"layers\": {\"fc1\": {}, \"%h2\": {}, \"fc1/g0\":"
        + " {\"sram\": {\"disagreement\": 1}}}}", List.of(FC1, FC2, FC1_G0), List.of());
    assertEquals(Map.of(), byName.get("h1"), "{}: no CIM kind");
    assertEquals(1.0, byName.get("h1.g0").get(TileKind.SRAM).disagreement());
  }

  @Test
  void refusesWhatDoesNotMatchTheModel() {
    assertEndsWith("s.json:1:40: Duplicate field 'fc1'",
        error("{\"layers\": {\"fc1\": {}, \"%h2\": {}, \"fc1\": {}}}"));
    assertEndsWith("s.json:2:2: '%h1' is the layer 'fc1' of " + dir.resolve("s.json") + ":1:13 again",
        error("{\"layers\": {\"fc1\": {},\n \"%h1\": {}, \"%h2\": {}}}"));
    assertEndsWith("s.json: no sensitivities for %h2 of model m (every weight layer needs an entry; {} keeps a layer"
        + " digital)", error("{\"layers\": {\"fc1\": {}}}"));
    assertEndsWith("s.json:1:24: no weight layer 'h2' in model m (weight layers: fc1, %h2)",
        error("{\"layers\": {\"fc1\": {}, \"h2\": {}}}"));
    PartitionUnit other = new PartitionUnit("z", "fc1", "z", "linear", 0, 8, 8);
    assertEndsWith("s.json:1:13: 'fc1' names 2 layers of model m; name them by output value (%VALUE)",
        assertThrows(InvalidInputException.class, () -> scores("{\"layers\": {\"fc1\": {}}}", List.of(FC1, other),
            List.of())).getMessage());
  }

  private static void assertEndsWith(String expected, String message) {
    assertTrue(message.endsWith(expected), "\n  gave " + message + "\n  not   " + expected);
  }

  @Test
  void refusesMalformedScoresNamingLineAndColumn() {
    String[][] cases = {
      {"[]", "s.json:1:1: the file must be a JSON object with \"layers\", got an array"},
      {"{}", "s.json: no \"layers\" object"},
      {"{\"layers\": {}, \"units\": 1}", "s.json:1:16: unknown key 'units' (the file has \"layers\")"},
      {"{\"layers\": {\"fc1\": []}}", "s.json:1:20: layer 'fc1' must be an object: kind -> score, got an array"},
      {"{\"layers\": {\"fc1\": {\"pcm\": {}}}}", "s.json:1:21: layer 'fc1': unknown tile kind 'pcm' (kinds: memristor,"
          + " sram)"},
      {"{\"layers\": {\"fc1\": {\"sram\": {\"flips\": 1}}}}", "s.json:1:30: layer 'fc1', sram: unknown field 'flips'"
          + " (fields: disagreement, accuracy_drop, logit_nmse, kl)"},
      {"{\"layers\": {\"fc1\": {\"sram\": {\"disagreement\": \"0.1\"}}}}", "s.json:1:46: layer 'fc1', sram,"
          + " disagreement: expected a number, got a string"},
      {"{\"layers\": {\"fc1\": {\"sram\": {\"kl\": -1}}}}", "s.json:1:36: layer 'fc1', sram: kl must be at least 0,"
          + " got -1"},
      {"{\"layers\": {\"fc1\": {\"sram\": {\"kl\": 1}}}}", "s.json:1:29: layer 'fc1', sram: no disagreement (the"
          + " partitioner's drop)"},
      {"{\"layers\": {}} {}", "s.json:1:16: text after the JSON object"},
    };
    for (String[] c : cases) {
      assertEndsWith(c[1], error(c[0]));
    }
    Path missing = dir.resolve("none.json");
    assertEquals(missing + ": no such file (sensitivities)", assertThrows(InvalidInputException.class,
        () -> SensitivityFile.read(missing)).getMessage());
  }
}
