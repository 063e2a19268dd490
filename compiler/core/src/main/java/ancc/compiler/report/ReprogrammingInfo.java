package ancc.compiler.report;

import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.runtime.sim.energy.ReprogramCharge;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A time-multiplexed chip ({@code --reprogram}; docs/mapping.md, "Reprogramming
 * (time-multiplexing)"): the layer groups that run one after another on the report's chip, with
 * the arrays rewritten before each, and what that costs per inference (included in the totals).
 * With one group nothing is charged.
 *
 * @param groups the layer groups, in execution order
 * @param arraysPerInference arrays written per inference (0 with one group)
 * @param energyPerInferenceUj programming energy of every group plus the tiles' leakage during it, microjoules
 * @param programmingUj the programming energy alone, microjoules
 * @param timePerInferenceUs programming time of every group, serial, microseconds
 * @param described whether every memristor tile states its programming cost (else part is not charged)
 * @param virtualChip the chip scaled to the model on which the program is simulated: its name and shape
 */
@JsonPropertyOrder({"groups", "arrays_per_inference", "energy_per_inference_uj", "programming_uj",
    "time_per_inference_us", "described", "virtual_chip"})
public record ReprogrammingInfo(
    @JsonProperty(value = "groups", required = true) List<GroupInfo> groups,
    @JsonProperty("arrays_per_inference") long arraysPerInference,
    @JsonProperty("energy_per_inference_uj") double energyPerInferenceUj,
    @JsonProperty("programming_uj") double programmingUj,
    @JsonProperty("time_per_inference_us") double timePerInferenceUs,
    @JsonProperty("described") boolean described,
    @JsonProperty("virtual_chip") String virtualChip) {

  /** The component of {@link Totals#energyPj()} that holds the charge. */
  public static final String COMPONENT = "reprogramming";

  public ReprogrammingInfo {
    groups = List.copyOf(groups);
  }

  /**
   * One group.
   *
   * @param layers its layers with arrays, in order
   * @param nodes graph nodes in it
   * @param arrays arrays it occupies
   * @param tiles physical tiles per kind it occupies
   * @param energyUj programming energy of its memristor arrays, microjoules
   * @param timeUs programming time of its arrays, microseconds
   */
  @JsonPropertyOrder({"layers", "nodes", "arrays", "tiles", "energy_uj", "time_us"})
  public record GroupInfo(
      @JsonProperty(value = "layers", required = true) List<String> layers,
      @JsonProperty("nodes") int nodes,
      @JsonProperty("arrays") int arrays,
      @JsonProperty(value = "tiles", required = true) Map<String, Integer> tiles,
      @JsonProperty("energy_uj") double energyUj,
      @JsonProperty("time_us") double timeUs) {
    public GroupInfo {
      layers = List.copyOf(layers);
      tiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tiles));
    }
  }

  /** The report form of {@code c}, simulated on {@code virtual}. */
  public static ReprogrammingInfo of(ReprogramCharge c, Chip virtual) {
    List<GroupInfo> groups = c.groups().stream().map(g -> {
      Map<String, Integer> tiles = new LinkedHashMap<>();
      g.tiles().forEach((k, n) -> tiles.put(k.text(), n));
      return new GroupInfo(g.layers(), g.nodes(), g.arrays(), tiles, g.programming().energyPj() * 1e-6,
          g.programming().seconds() * 1e6);
    }).toList();
    return new ReprogrammingInfo(groups, c.arraysPerInference(), c.perInferencePj() * 1e-6, c.programmingPj() * 1e-6,
        c.seconds() * 1e6, c.described(), virtual.name() + " (" + ChipScaling.shape(virtual) + ")");
  }

  /** "3 groups, 120 arrays, 4.2 uJ and 380 us per inference" for the text summaries. */
  public String text() {
    return groups.size() < 2 ? "1 group, nothing reprogrammed per inference"
        : String.format(java.util.Locale.ROOT, "%d groups, %d arrays rewritten, %.6g uJ and %.6g us per inference%s",
            groups.size(), arraysPerInference, energyPerInferenceUj, timePerInferenceUs,
            described ? "" : " (some tiles give no programming cost)");
  }
}
