package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole-program figures for one inference (batch 1 unless stated). The cost figures are null
 * (left out) when no timing or energy model ran.
 *
 * @param energyPerInferenceUj energy of one inference, microjoules
 * @param latencyUs latency of one inference, microseconds
 * @param latencyCycles the same latency in clock cycles
 * @param throughputInfPerS steady-state inferences per second with layers pipelined across tiles
 * @param topsPerWatt 2 x MACs of the original model per joule, in tera-ops per watt
 * @param averagePowerMw energy per inference x throughput, milliwatts
 * @param energyPj energy of one inference by component, picojoules
 * @param arrays crossbars and SRAM macros used
 * @param tilesUsed tiles with an instruction stream
 * @param instructions instructions over all tiles
 * @param programming the one-time cost of programming the memristor arrays; null when no energy
 *     model ran
 * @param spill the buffers spilled to the global buffer or DRAM; null (left out) when none is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"energy_per_inference_uj", "latency_us", "latency_cycles", "throughput_inf_per_s",
    "tops_per_watt", "average_power_mw", "energy_pj", "arrays", "tiles_used", "instructions", "programming",
    "spill"})
public record Totals(
    @JsonProperty("energy_per_inference_uj") Double energyPerInferenceUj,
    @JsonProperty("latency_us") Double latencyUs,
    @JsonProperty("latency_cycles") Long latencyCycles,
    @JsonProperty("throughput_inf_per_s") Double throughputInfPerS,
    @JsonProperty("tops_per_watt") Double topsPerWatt,
    @JsonProperty("average_power_mw") Double averagePowerMw,
    @JsonProperty("energy_pj") Map<String, Double> energyPj,
    @JsonProperty("arrays") int arrays,
    @JsonProperty("tiles_used") int tilesUsed,
    @JsonProperty("instructions") int instructions,
    @JsonProperty("programming") ProgrammingInfo programming,
    @JsonProperty("spill") SpillInfo spill) {

  public Totals {
    energyPerInferenceUj = nonFinite(energyPerInferenceUj);
    latencyUs = nonFinite(latencyUs);
    throughputInfPerS = nonFinite(throughputInfPerS);
    topsPerWatt = nonFinite(topsPerWatt);
    averagePowerMw = nonFinite(averagePowerMw);
    energyPj = energyPj == null ? null : orderedFinite(energyPj);
  }

  /** Totals without spill. */
  public Totals(Double energyPerInferenceUj, Double latencyUs, Long latencyCycles, Double throughputInfPerS,
      Double topsPerWatt, Double averagePowerMw, Map<String, Double> energyPj, int arrays, int tilesUsed,
      int instructions, ProgrammingInfo programming) {
    this(energyPerInferenceUj, latencyUs, latencyCycles, throughputInfPerS, topsPerWatt, averagePowerMw, energyPj,
        arrays, tilesUsed, instructions, programming, null);
  }

  /** Totals without the programming cost. */
  public Totals(Double energyPerInferenceUj, Double latencyUs, Long latencyCycles, Double throughputInfPerS,
      Double topsPerWatt, Double averagePowerMw, Map<String, Double> energyPj, int arrays, int tilesUsed,
      int instructions) {
    this(energyPerInferenceUj, latencyUs, latencyCycles, throughputInfPerS, topsPerWatt, averagePowerMw, energyPj,
        arrays, tilesUsed, instructions, null);
  }

  /** Only the program's size figures, no cost model. */
  public static Totals structural(int arrays, int tilesUsed, int instructions) {
    return new Totals(null, null, null, null, null, null, null, arrays, tilesUsed, instructions);
  }

  private static Double nonFinite(Double v) {
    return v == null ? null : Report.finite(v);
  }

  /** An unmodifiable copy keeping the iteration order, without non-finite values. */
  static Map<String, Double> orderedFinite(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> {
        if (v != null && Double.isFinite(v)) {
          out.put(k, v);
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }
}
