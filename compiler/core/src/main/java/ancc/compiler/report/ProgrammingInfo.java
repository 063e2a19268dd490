package ancc.compiler.report;

import ancc.runtime.sim.energy.ProgrammingCost;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one-time cost of programming the memristor arrays (not per inference; docs/energy-model.md,
 * "Programming").
 *
 * @param described whether every memristor tile used has a {@code programming} block in the chip
 *     file (tiles without one are not counted)
 * @param writeVerify whether write-verify programming is on for a counted tile
 * @param cells cells programmed
 * @param pulses programming pulses
 * @param verifies verify reads
 * @param energyUj energy, microjoules
 * @param timeMs time to program the chip, milliseconds
 */
@JsonPropertyOrder({"described", "write_verify", "cells", "pulses", "verifies", "energy_uj", "time_ms"})
public record ProgrammingInfo(
    @JsonProperty("described") boolean described,
    @JsonProperty("write_verify") boolean writeVerify,
    @JsonProperty("cells") long cells,
    @JsonProperty("pulses") long pulses,
    @JsonProperty("verifies") long verifies,
    @JsonProperty("energy_uj") double energyUj,
    @JsonProperty("time_ms") double timeMs) {

  /** The report form of the ledger's programming cost. */
  public static ProgrammingInfo of(ProgrammingCost c) {
    return new ProgrammingInfo(c.described(), c.writeVerify(), c.cells(), c.pulses(), c.verifies(), c.energyPj() * 1e-6,
        c.seconds() * 1e3);
  }
}
