package ancc.maven;

import ancc.ir.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the gates of {@code ancc:verify} judge for one model, read back from the reports {@code
 * ancc:compile} wrote: energy per inference and latency of one inference (batch 1, {@code
 * report.json}) and, when evaluation data was given, the top-1 accuracies ({@code eval.json}).
 *
 * @param name the model's name (its path below the model folder, without {@code .onnx})
 * @param energyUj energy of one inference in microjoules
 * @param latencyUs latency of one inference in microseconds
 * @param referenceTop1 top-1 of the FP32 reference (0..1), or null without evaluation data
 * @param simulatedTop1 mean top-1 over the simulated chip instances (0..1), or null
 * @param samples images evaluated (0 without evaluation data)
 * @param chips chip instances simulated (0 without evaluation data)
 */
public record ModelMetrics(String name, double energyUj, double latencyUs, Double referenceTop1,
    Double simulatedTop1, int samples, int chips) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean hasAccuracy() {
    return simulatedTop1 != null && referenceTop1 != null;
  }

  /** Reads {@code report} (required) and {@code eval} (may be null: no accuracy). */
  public static ModelMetrics read(String name, Path report, Path eval) throws IOException {
    JsonNode totals = field(tree(report), "totals", report);
    double energy = number(totals, "energy_per_inference_uj", report);
    double latency = number(totals, "latency_us", report);
    if (eval == null) {
      return new ModelMetrics(name, energy, latency, null, null, 0, 0);
    }
    JsonNode accuracy = field(tree(eval), "accuracy", eval);
    return new ModelMetrics(name, energy, latency, number(accuracy, "reference_top1", eval),
        number(accuracy, "simulated_top1_mean", eval), (int) number(accuracy, "samples", eval),
        (int) number(accuracy, "chips", eval));
  }

  private static JsonNode tree(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": missing; run ancc:compile first");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(file + ": not a valid report (" + e.getOriginalMessage()
          + "); rerun ancc:compile", e);
    }
  }

  private static JsonNode field(JsonNode node, String name, Path file) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new InvalidInputException(file + ": report has no '" + name + "'; rerun ancc:compile");
    }
    return v;
  }

  private static double number(JsonNode node, String name, Path file) {
    JsonNode v = field(node, name, file);
    if (!v.isNumber()) {
      throw new InvalidInputException(file + ": '" + name + "' is not a number; rerun ancc:compile");
    }
    return v.asDouble();
  }
}
