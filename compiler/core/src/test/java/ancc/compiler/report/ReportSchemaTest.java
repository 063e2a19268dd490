package ancc.compiler.report;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chips;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/schemas/report.schema.json: it is what {@link ReportSchema} generates from the report
 * records now, and real reports (a compiled testdata model through {@link CostReport} and
 * {@link ReportWriter}, then the same with every optional section) validate against it.
 */
class ReportSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Schema schema;
  private static Report compiled;

  @BeforeAll
  static void compileLenet() throws IOException {
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(ReportSchema.generate());
    Path lenet = Path.of(System.getProperty("ancc.repo.root"), "testdata/models/lenet.onnx");
    CompiledModel m = CompiledModel.of(lenet, TestCompile.compile(lenet, Chips.preset("default"), "first-last-digital"));
    compiled = CostReport.of(m, 1).report("compile", null, null);
  }

  @Test
  void committedSchemaIsTheGeneratedOne() throws IOException {
    String generated = JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
        ReportSchema.generate()) + "\n";
    Path file = Path.of(System.getProperty("ancc.repo.root"), "docs/schemas/report.schema.json");
    String regenerate = "mvn -pl compiler/core -am test -Dtest=ReportSchemaTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dancc.schemas.write=true";
    if (Boolean.getBoolean("ancc.schemas.write")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), file + " is missing; generate it: " + regenerate);
    assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8), file + " is stale: the report records"
        + " changed; regenerate it: " + regenerate + " (and review the diff; docs/report-schema.md too)");
  }

  @Test
  void aCompileReportOfLenetValidates() throws IOException {
    JsonNode json = JSON.readTree(ReportWriter.toJson(compiled));
    assertEquals(List.of(), messages(json));
    assertTrue(json.get("layers").size() > 0 && json.get("tiles").size() > 0);
  }

  @Test
  void aReportWithEverySectionValidates() throws IOException {
    SimulationInfo sim = new SimulationInfo("analog", 7, 2, 3600, true, 64);
    Accuracy accuracy = Accuracy.of(64, 0.875, List.of(new Accuracy.ChipAccuracy(7, 0.8125, 0.90625),
        new Accuracy.ChipAccuracy(8, 0.84375, 0.9375)));
    Map<String, PartitionSection.Point> baselines = new LinkedHashMap<>();
    baselines.put("all-memristor", new PartitionSection.Point(0.31, 0.84, 1.2, null));
    baselines.put("all-sram", new PartitionSection.Point(null, null, 0, "does not fit the chip"));
    PartitionSection partition = new PartitionSection("auto", 1, 0.4, 0.5, 0.875, "layer", 64, false, true, 0,
        List.of(), baselines);
    List<LayerEntry> layers = new ArrayList<>();
    for (LayerEntry e : compiled.layers()) {
      layers.add(e.arrays() == 0 ? e : e.withPartition(Map.of("memristor", new SensitivityScore(0.01, 0.002, 1e-4,
          3e-3)), "cheapest within the budget"));
    }
    Report full = Report.of("eval", compiled.model(), compiled.chip(), compiled.placement(), sim, compiled.layers(),
        compiled.tiles(), compiled.totals(), accuracy).withPartition(partition, layers)
        .withReprogramming(new ReprogrammingInfo(List.of(new ReprogrammingInfo.GroupInfo(List.of("conv1"), 3, 1,
            Map.of("memristor", 1, "digital", 1), 0.25, 12.5), new ReprogrammingInfo.GroupInfo(List.of("fc1"), 2, 2,
            Map.of("memristor", 1), 0.5, 25.0)), 3, 0.8, 0.75, 37.5, true, "small-scaled (2 memristor tiles)"));
    JsonNode json = JSON.readTree(ReportWriter.toJson(full));
    for (String section : List.of("simulation", "accuracy", "partition", "reprogramming")) {
      assertTrue(json.has(section), section);
    }
    assertEquals(List.of(), messages(json));
  }

  @Test
  void theSchemaRefusesWhatIsNotAReport() throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(ReportWriter.toJson(compiled));
    json.put("schema", "ancc-report/0");
    assertFalse(messages(json).isEmpty(), "another schema version");
    ObjectNode noTotals = (ObjectNode) JSON.readTree(ReportWriter.toJson(compiled));
    noTotals.remove("totals");
    assertFalse(messages(noTotals).isEmpty(), "no totals");
    ObjectNode badLayer = (ObjectNode) JSON.readTree(ReportWriter.toJson(compiled));
    ((ObjectNode) badLayer.get("layers").get(0)).put("arrays", "four");
    assertFalse(messages(badLayer).isEmpty(), "a text where a number belongs");
  }

  private static List<String> messages(JsonNode report) {
    return schema.validate(report).stream().map(Error::toString).toList();
  }
}
