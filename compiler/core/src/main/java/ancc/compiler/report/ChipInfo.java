package ancc.compiler.report;

import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.ir.program.TileKind;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The chip a report is about.
 *
 * @param name the chip's name (a preset name or the {@code name} of a chip file; {@code BASE-scaled}
 *     for a chip scaled to the model)
 * @param sha256 SHA-256 of the chip description's canonical text, as recorded in programs
 * @param clockHz the tiles' clock, in hertz
 * @param tiles tiles on the chip, all kinds
 * @param tilesByKind tiles per kind ({@code memristor}, {@code sram}, {@code digital}), kinds the chip
 *     has only; null when not known
 * @param mesh the mesh, {@code rows} and {@code cols}; null when not known
 * @param areaMm2 area of all the chip's tiles, mm2; null when not known
 * @param scaledFrom the chip this one was scaled from ({@code --scale-to-fit}), or null for a chip
 *     that was not scaled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "sha256", "clock_hz", "tiles", "tiles_by_kind", "mesh", "area_mm2", "scaled_from"})
public record ChipInfo(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "sha256", required = true) String sha256,
    @JsonProperty("clock_hz") double clockHz,
    @JsonProperty("tiles") int tiles,
    @JsonProperty("tiles_by_kind") Map<String, Integer> tilesByKind,
    @JsonProperty("mesh") Mesh mesh,
    @JsonProperty("area_mm2") Double areaMm2,
    @JsonProperty("scaled_from") String scaledFrom) {

  public ChipInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    tilesByKind = tilesByKind == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tilesByKind));
  }

  /** The four figures every report has, without the chip's shape. */
  public ChipInfo(String name, String sha256, double clockHz, int tiles) {
    this(name, sha256, clockHz, tiles, null, null, null, null);
  }

  /** The mesh of tiles: {@code rows x cols} positions. */
  @JsonPropertyOrder({"rows", "cols"})
  public record Mesh(@JsonProperty(value = "rows", required = true) int rows,
      @JsonProperty(value = "cols", required = true) int cols) {}

  /** Everything a report states about {@code chip}. */
  public static ChipInfo of(Chip chip) {
    Map<String, Integer> byKind = new LinkedHashMap<>();
    for (TileKind k : TileKind.values()) {
      if (chip.has(k)) {
        byKind.put(k.text(), chip.tileCount(k));
      }
    }
    return new ChipInfo(chip.name(), chip.sha256(), chip.clock().hertz(), chip.tileCount(), byKind,
        new Mesh(chip.mesh().rows(), chip.mesh().cols()), ChipScaling.areaMm2(chip),
        ChipScaling.scaledFrom(chip).orElse(null));
  }
}
