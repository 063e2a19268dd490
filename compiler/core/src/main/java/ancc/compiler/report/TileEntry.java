package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One used tile.
 *
 * @param tile the tile index on the chip
 * @param kind {@code memristor}, {@code sram} or {@code digital}
 * @param utilization the tile's busy cycles over the cycles of the whole batch run, 0..1
 * @param energyPj energy of one inference spent on this tile, by component (picojoules)
 */
@JsonPropertyOrder({"tile", "kind", "utilization", "energy_pj"})
public record TileEntry(
    @JsonProperty("tile") int tile,
    @JsonProperty("kind") String kind,
    @JsonProperty("utilization") double utilization,
    @JsonProperty("energy_pj") Map<String, Double> energyPj) {

  public TileEntry {
    energyPj = Totals.orderedFinite(energyPj);
  }
}
