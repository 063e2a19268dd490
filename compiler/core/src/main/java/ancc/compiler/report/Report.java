package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The machine-readable report of {@code ancc compile}, {@code run} and {@code eval}
 * ({@code --json FILE}), schema {@value #SCHEMA}; docs/report-schema.md describes every field.
 * Everything in it is a function of the inputs and the seed: no timestamps, host names or wall
 * times, so the same command with the same seed writes byte-identical JSON. Sections a command
 * does not produce are null and left out of the JSON ({@code simulation} for compile,
 * {@code accuracy} for all but eval).
 *
 * @param command {@code compile}, {@code run} or {@code eval}
 * @param placement the placement policy, e.g. {@code all-memristor}; null when the program was
 *     read from a compiled folder, which does not record it
 * @param throughput figures of a batch run (throughput mode), named by their batch; null when only
 *     one inference was timed. {@code totals}, {@code layers} and {@code tiles} are always one
 *     inference at batch 1
 * @param partition what the partitioner chose and measured; null when no partitioner ran
 * @param reprogramming the layer groups of a time-multiplexed chip and their per-inference charge
 *     ({@code --reprogram}); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "command", "model", "chip", "placement", "simulation", "layers", "tiles", "totals",
    "throughput", "accuracy", "partition", "reprogramming"})
public record Report(
    @JsonProperty(value = "schema", required = true) String schema,
    @JsonProperty(value = "command", required = true) String command,
    @JsonProperty(value = "model", required = true) ModelInfo model,
    @JsonProperty(value = "chip", required = true) ChipInfo chip,
    @JsonProperty("placement") String placement,
    @JsonProperty("simulation") SimulationInfo simulation,
    @JsonProperty(value = "layers", required = true) List<LayerEntry> layers,
    @JsonProperty("tiles") List<TileEntry> tiles,
    @JsonProperty(value = "totals", required = true) Totals totals,
    @JsonProperty("throughput") Throughput throughput,
    @JsonProperty("accuracy") Accuracy accuracy,
    @JsonProperty("partition") PartitionSection partition,
    @JsonProperty("reprogramming") ReprogrammingInfo reprogramming) {

  /** The schema name and major version; additive changes keep it, anything else bumps it. */
  public static final String SCHEMA = "ancc-report/2";

  public Report {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(chip, "chip");
    Objects.requireNonNull(totals, "totals");
    layers = List.copyOf(layers);
    tiles = tiles == null ? null : List.copyOf(tiles);
  }

  /** A report of the current schema. */
  public static Report of(String command, ModelInfo model, ChipInfo chip, String placement, SimulationInfo simulation,
      List<LayerEntry> layers, List<TileEntry> tiles, Totals totals, Accuracy accuracy) {
    return new Report(SCHEMA, command, model, chip, placement, simulation, layers, tiles, totals, null, accuracy,
        null, null);
  }

  /** The report without a partition section (the form before the partitioner existed). */
  public Report(String schema, String command, ModelInfo model, ChipInfo chip, String placement,
      SimulationInfo simulation, List<LayerEntry> layers, List<TileEntry> tiles, Totals totals, Accuracy accuracy) {
    this(schema, command, model, chip, placement, simulation, layers, tiles, totals, null, accuracy, null, null);
  }

  /** This report with the partition section and the layers replaced (e.g. with sensitivities attached). */
  public Report withPartition(PartitionSection section, List<LayerEntry> newLayers) {
    return new Report(schema, command, model, chip, placement, simulation, newLayers, tiles, totals, throughput,
        accuracy, section, reprogramming);
  }

  /** This report with the throughput-mode figures of a batch run. */
  public Report withThroughput(Throughput t) {
    return new Report(schema, command, model, chip, placement, simulation, layers, tiles, totals, t, accuracy,
        partition, reprogramming);
  }

  /** This report with the reprogramming section of a time-multiplexed chip. */
  public Report withReprogramming(ReprogrammingInfo r) {
    return new Report(schema, command, model, chip, placement, simulation, layers, tiles, totals, throughput,
        accuracy, partition, r);
  }

  /** {@code v}, or null when it is NaN or infinite (JSON has no such numbers). */
  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
