package ancc.compiler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON form of reports: field names and order, omitted sections, numbers, atomic writing. */
class ReportWriterTest {

  @TempDir
  Path dir;

  private static Report sample(Accuracy accuracy) {
    Map<String, Double> energy = new LinkedHashMap<>();
    energy.put("adc", 12.5);
    energy.put("dac", 3.0);
    energy.put("bogus", Double.NaN);
    LayerEntry fc = new LayerEntry("/fc1/Gemm", "linear", "memristor", 4, 0.75, List.of(0, 1), energy, 120L);
    LayerEntry relu = new LayerEntry("/Relu", "relu", "digital", 0, 0, List.of(32), Map.of(), null);
    Totals totals = new Totals(0.0155, 1.25, 1250L, 8.0e5, Double.POSITIVE_INFINITY, 12.4, energy, 4, 2, 17);
    SimulationInfo sim = new SimulationInfo("analog", 7, 2, 3600, true, 64);
    return Report.of("eval", new ModelInfo("mlp", "mlp.onnx", "onnx", "ab12", 101_770L),
        new ChipInfo("default", "ff00", 1e9, 36), "all-memristor", sim, List.of(fc, relu),
        List.of(new TileEntry(0, "memristor", 0.5, energy)), totals, accuracy);
  }

  private static Accuracy accuracy() {
    return Accuracy.of(64, 0.875, List.of(new Accuracy.ChipAccuracy(7, 0.8125, 0.90625),
        new Accuracy.ChipAccuracy(8, 0.84375, 0.9375)));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void fieldsAreSnakeCaseInSchemaOrder() throws IOException {
    String json = ReportWriter.toJson(sample(accuracy()));
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals(List.of("schema", "command", "model", "chip", "placement", "simulation", "layers", "tiles", "totals",
        "accuracy"), fieldNames(root));
    assertEquals("ancc-report/2", root.get("schema").asText());
    assertEquals(List.of("name", "file", "format", "sha256", "macs"), fieldNames(root.get("model")));
    assertEquals(List.of("name", "op", "placement", "arrays", "utilization", "tiles", "energy_pj", "cycles"),
        fieldNames(root.get("layers").get(0)));
    assertEquals(List.of("adc", "dac"), fieldNames(root.get("layers").get(0).get("energy_pj")),
        "component order kept, NaN dropped");
    assertEquals(List.of("name", "op", "placement", "arrays", "utilization", "tiles", "energy_pj"),
        fieldNames(root.get("layers").get(1)), "unknown cycles are left out");
    assertEquals(List.of("energy_per_inference_uj", "latency_us", "latency_cycles", "throughput_inf_per_s",
        "average_power_mw", "energy_pj", "arrays", "tiles_used", "instructions"), fieldNames(root.get("totals")),
        "an infinite TOPS/W is left out");
    assertEquals(List.of("mode", "seed", "chips", "drift_seconds", "drift_compensation", "batch"),
        fieldNames(root.get("simulation")));
    JsonNode acc = root.get("accuracy");
    assertEquals(0.828125, acc.get("simulated_top1_mean").asDouble(), 1e-12);
    assertEquals(0.015625, acc.get("simulated_top1_std").asDouble(), 1e-12);
    assertEquals(0.921875, acc.get("agreement").asDouble(), 1e-12);
    assertEquals(2, acc.get("per_chip").size());
    assertTrue(json.endsWith("}\n"));
    assertTrue(json.startsWith("{\n  \"schema\" : \"ancc-report/2\",\n"), json);
  }

  @Test
  void absentSectionsAreLeftOutAndOutputIsStable() throws IOException {
    Report compile = Report.of("compile", new ModelInfo("mlp", "mlp.onnx", "onnx", "ab12", null),
        new ChipInfo("default", "ff00", 1e9, 36), "all-sram", null, List.of(), null, Totals.structural(3, 2, 10), null);
    JsonNode root = new ObjectMapper().readTree(ReportWriter.toJson(compile));
    assertEquals(List.of("schema", "command", "model", "chip", "placement", "layers", "totals"), fieldNames(root));
    assertEquals(List.of("arrays", "tiles_used", "instructions"), fieldNames(root.get("totals")));
    assertEquals(ReportWriter.toJson(sample(accuracy())), ReportWriter.toJson(sample(accuracy())));
  }

  @Test
  void writesAtomicallyAndRefusesFolders() throws IOException {
    Path file = dir.resolve("report.json");
    ReportWriter.write(sample(null), file);
    assertEquals(ReportWriter.toJson(sample(null)), Files.readString(file, StandardCharsets.UTF_8));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(file), s.toList(), "no temporary left");
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ReportWriter.write(sample(null), dir));
    assertTrue(e.getMessage().startsWith(dir + ": "), e.getMessage());
    Path missing = dir.resolve("nope/report.json");
    e = assertThrows(InvalidInputException.class, () -> ReportWriter.write(sample(null), missing));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("nope")));
  }

  @Test
  void oneChipHasZeroStdAndMismatchedCountsAreRejected() {
    Accuracy one = Accuracy.of(10, 0.5, List.of(new Accuracy.ChipAccuracy(0, 0.4, 0.8)));
    assertEquals(0.0, one.simulatedTop1Std());
    assertEquals(0.4, one.simulatedTop1Mean());
    assertThrows(IllegalArgumentException.class, () -> new Accuracy(10, 2, 0.5, 0.4, 0, 0.8,
        List.of(new Accuracy.ChipAccuracy(0, 0.4, 0.8))));
    assertThrows(IllegalArgumentException.class, () -> new LayerEntry("a", "relu", "gpu", 0, 0, List.of(), Map.of(),
        null));
  }
}
