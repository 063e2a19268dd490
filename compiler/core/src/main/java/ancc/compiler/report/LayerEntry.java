package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One layer (graph node) of the compiled model.
 *
 * @param name the layer name (ONNX node name, or {@code %VALUE} when the node has none)
 * @param op the graph IR op, e.g. {@code conv}
 * @param placement {@code memristor}, {@code sram} or {@code digital}
 * @param arrays crossbars or SRAM macros the layer occupies (0 on digital tiles)
 * @param utilization cells holding the layer's weights (weights x cells per weight) over cells of those
 *     arrays (0 without arrays); a packed grouped conv's zero blocks do not count
 * @param tiles the tiles the layer runs on, ascending
 * @param energyPj energy of one inference spent on this layer, by component (picojoules), in the
 *     ledger's component order; empty when no energy model ran
 * @param cycles cycles the layer's instructions keep its tiles busy in one inference; null when
 *     no timing model ran
 * @param sensitivity the layer's sensitivity per CIM kind ({@code memristor}, {@code sram}); null when
 *     no partitioner ran or the layer has no weights
 * @param why the partitioner's reason for the placement; null when no partitioner ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "op", "placement", "arrays", "utilization", "tiles", "energy_pj", "cycles", "sensitivity",
    "why"})
public record LayerEntry(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "op", required = true) String op,
    @JsonProperty(value = "placement", required = true) String placement,
    @JsonProperty("arrays") int arrays,
    @JsonProperty("utilization") double utilization,
    @JsonProperty(value = "tiles", required = true) List<Integer> tiles,
    @JsonProperty(value = "energy_pj", required = true) Map<String, Double> energyPj,
    @JsonProperty("cycles") Long cycles,
    @JsonProperty("sensitivity") Map<String, SensitivityScore> sensitivity,
    @JsonProperty("why") String why) {

  private static final Set<String> PLACEMENTS = Set.of("memristor", "sram", "digital");

  public LayerEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    if (!PLACEMENTS.contains(placement)) {
      throw new IllegalArgumentException("placement must be memristor, sram or digital, got " + placement);
    }
    tiles = List.copyOf(tiles);
    energyPj = Totals.orderedFinite(energyPj);
    sensitivity = sensitivity == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(sensitivity));
  }

  /** An entry without partitioner data. */
  public LayerEntry(String name, String op, String placement, int arrays, double utilization, List<Integer> tiles,
      Map<String, Double> energyPj, Long cycles) {
    this(name, op, placement, arrays, utilization, tiles, energyPj, cycles, null, null);
  }

  /** This entry with energy and cycles filled in. */
  public LayerEntry withCost(Map<String, Double> energy, Long cycleCount) {
    return new LayerEntry(name, op, placement, arrays, utilization, tiles, new LinkedHashMap<>(energy), cycleCount,
        sensitivity, why);
  }

  /** This entry with the partitioner's sensitivity scores and reason. */
  public LayerEntry withPartition(Map<String, SensitivityScore> scores, String reason) {
    return new LayerEntry(name, op, placement, arrays, utilization, tiles, energyPj, cycles, scores, reason);
  }
}
