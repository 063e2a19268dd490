package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The chip a report is about.
 *
 * @param name the chip's name (a preset name or the {@code name} of a chip file)
 * @param sha256 SHA-256 of the chip description's canonical text, as recorded in programs
 * @param clockHz the tiles' clock, in hertz
 * @param tiles tiles on the chip, all kinds
 */
@JsonPropertyOrder({"name", "sha256", "clock_hz", "tiles"})
public record ChipInfo(
    @JsonProperty("name") String name,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("clock_hz") double clockHz,
    @JsonProperty("tiles") int tiles) {

  public ChipInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
  }
}
