package ancc.ir.chip.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chips;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/schemas/chip.schema.json: it is what {@link ChipSchema} generates from the binding records
 * now, every preset and test chip validates against it, and files the reader refuses for their
 * structure (unknown or missing keys, wrong units, out-of-range numbers) fail it too.
 */
class ChipSchemaTest {
  static final String REGENERATE = "-Dancc.schemas.write=true";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final YAMLMapper YAML = new YAMLMapper();
  private static Schema schema;

  @BeforeAll
  static void compile() {
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(ChipSchema.generate());
  }

  static Path committed() {
    return Path.of(System.getProperty("ancc.repo.root", "..")).resolve("docs/schemas/chip.schema.json");
  }

  @Test
  void committedSchemaIsTheGeneratedOne() throws IOException {
    String generated = JSON.writeValueAsString(ChipSchema.generate()) + "\n";
    Path file = committed();
    if (Boolean.getBoolean("ancc.schemas.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), file + " is missing; generate it: mvn -pl ir -am test -Dtest=ChipSchemaTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false " + REGENERATE);
    assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8), file + " is stale: the chip file's"
        + " binding records changed; regenerate it: mvn -pl ir -am test -Dtest=ChipSchemaTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false " + REGENERATE + " (and review the diff)");
  }

  static List<String> presets() {
    return Chips.presetNames();
  }

  @ParameterizedTest
  @MethodSource("presets")
  void presetsValidate(String name) throws IOException {
    try (InputStream in = Chips.class.getClassLoader().getResourceAsStream("ancc/chips/" + name + ".yaml")) {
      assertEquals(List.of(), messages(YAML.readTree(in)), name);
    }
    assertEquals(List.of(), messages(YAML.readTree(Chips.preset(name).canonicalYaml())), name + " canonical");
  }

  @Test
  void theTestChipValidates() throws Exception {
    assertEquals(List.of(), messages(YAML.readTree(resources().resolve("small.yaml").toFile())));
  }

  /** Invalid cases under test resources chips/invalid/ whose problem is one of structure, not of a rule between keys. */
  @ParameterizedTest
  @ValueSource(strings = {"adc_bits_range", "bad_unit_suffix", "converter_gain_range", "empty_tiles",
      "missing_noise_parameter", "missing_required", "missing_unit", "model_key_of_other_model", "negative_size",
      "null_block", "quoted_integer", "stuck_rate_range", "unknown_key", "unknown_key_in_tile",
      "unknown_noise_model", "unknown_readout", "unknown_tile_kind", "wrong_unit", "zero_count",
      "missing_tile_kind", "tile_kind_not_a_word"})
  void structuralErrorsFailTheSchemaToo(String name) throws Exception {
    JsonNode chip = YAML.readTree(resources().resolve("invalid/" + name + ".yaml").toFile());
    assertFalse(messages(chip).isEmpty(), name + " passes the schema");
  }

  private static List<String> messages(JsonNode document) {
    return schema.validate(document).stream().map(Error::toString).toList();
  }

  private static Path resources() throws URISyntaxException {
    return Path.of(ChipSchemaTest.class.getResource("/chips/small.yaml").toURI()).getParent();
  }
}
