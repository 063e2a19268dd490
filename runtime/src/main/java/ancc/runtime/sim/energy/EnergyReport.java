package ancc.runtime.sim.energy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The energy ledger of one simulated batch: action counts and energies (pJ) for the whole batch,
 * by component (the action, plus {@link Action#LEAKAGE}), by layer (dynamic energy only, by
 * component) and by tile (leakage included); the model's multiply-accumulates; the area of the
 * used tiles and of the whole chip. Per-inference figures divide by the batch. Immutable.
 *
 * @param seconds simulated duration of the batch
 * @param layerCycles per layer, the summed [start, end) cycles of its instructions in the batch run
 *     (overlapping instructions both count)
 * @param macs multiply-accumulates of the original model over the batch (once per weight use)
 * @param usedAreaM2 summed area of the tiles the program uses
 * @param chipAreaM2 summed area of every tile of the chip
 * @param programming the one-time cost of programming the memristor arrays (not in any per-batch
 *     or per-inference figure)
 */
public record EnergyReport(long batch, double seconds, Map<Action, Long> counts, Map<Action, Double> byComponentPj,
    Map<String, Map<Action, Double>> byLayerPj, Map<Integer, Double> byTilePj, Map<String, Long> layerCycles, long macs, double usedAreaM2,
    double chipAreaM2, ProgrammingCost programming) {

  public EnergyReport {
    counts = Collections.unmodifiableMap(new EnumMap<>(ordered(counts)));
    byComponentPj = Collections.unmodifiableMap(new EnumMap<>(ordered(byComponentPj)));
    Map<String, Map<Action, Double>> layers = new LinkedHashMap<>();
    byLayerPj.forEach((k, v) -> layers.put(k, Collections.unmodifiableMap(new EnumMap<>(ordered(v)))));
    byLayerPj = Collections.unmodifiableMap(layers);
    byTilePj = Collections.unmodifiableMap(new TreeMap<>(byTilePj));
    layerCycles = Collections.unmodifiableMap(new LinkedHashMap<>(layerCycles));
    java.util.Objects.requireNonNull(programming, "programming");
  }

  private static <V> Map<Action, V> ordered(Map<Action, V> m) {
    return m.isEmpty() ? new EnumMap<>(Action.class) : m;
  }

  /** Count of one action over the batch. */
  public long count(Action a) {
    return counts.getOrDefault(a, 0L);
  }

  /** Energy of one component over the batch, pJ. */
  public double componentPj(Action a) {
    return byComponentPj.getOrDefault(a, 0.0);
  }

  /** Total energy of the batch, pJ. */
  public double totalPj() {
    return byComponentPj.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Energy per inference, pJ. */
  public double perInferencePj() {
    return totalPj() / batch;
  }

  /** Energy of one component per inference, pJ. */
  public double perInferencePj(Action a) {
    return componentPj(a) / batch;
  }

  /** Dynamic energy of a layer per inference, pJ (0 for an unknown layer). */
  public double layerPerInferencePj(String layer) {
    Map<Action, Double> m = byLayerPj.get(layer);
    return m == null ? 0 : m.values().stream().mapToDouble(Double::doubleValue).sum() / batch;
  }

  /** Energy of a tile per inference (leakage included), pJ. */
  public double tilePerInferencePj(int tile) {
    return byTilePj.getOrDefault(tile, 0.0) / batch;
  }

  /** Average power over the batch run, W. */
  public double averagePowerW() {
    return seconds <= 0 ? 0 : totalPj() * 1e-12 / seconds;
  }

  /** Operations per inference: 2 x MACs of the model. */
  public double opsPerInference() {
    return 2.0 * macs / batch;
  }

  /** Tera-operations per second per watt = operations per picojoule. */
  public double topsPerWatt() {
    double pj = totalPj();
    return pj <= 0 ? 0 : 2.0 * macs / pj;
  }

  /** A table of energy per inference by component, layer and tile, and the totals. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-28s %16s %14s%n", "component", "count/inference", "pJ/inference"));
    for (Map.Entry<Action, Double> e : byComponentPj.entrySet()) {
      String count = e.getKey() == Action.LEAKAGE ? "-"
          : String.format(Locale.ROOT, "%.1f", (double) count(e.getKey()) / batch);
      sb.append(String.format(Locale.ROOT, "%-28s %16s %14.3f%n", e.getKey().text(), count, e.getValue() / batch));
    }
    sb.append(String.format(Locale.ROOT, "%-28s %16s %14s%n", "layer", "", "pJ/inference"));
    for (String layer : byLayerPj.keySet()) {
      sb.append(String.format(Locale.ROOT, "%-45s %14.3f%n", layer, layerPerInferencePj(layer)));
    }
    for (Integer tile : byTilePj.keySet()) {
      sb.append(String.format(Locale.ROOT, "%-45s %14.3f%n", "tile " + tile, tilePerInferencePj(tile)));
    }
    sb.append(String.format(Locale.ROOT, "total %.3f uJ/inference, %.3f mW, %.3f TOPS/W, %.0f ops/inference, "
        + "area %.4f mm2 used of %.4f mm2%n", perInferencePj() * 1e-6, averagePowerW() * 1e3, topsPerWatt(),
        opsPerInference(), usedAreaM2 * 1e6, chipAreaM2 * 1e6));
    if (programming.cells() > 0 || !programming.described()) {
      sb.append(String.format(Locale.ROOT, "programming (once, not per inference): %d cells, %d pulses, %d verify reads,"
          + " %.3f uJ, %.3f ms%s%s%n", programming.cells(), programming.pulses(), programming.verifies(),
          programming.energyPj() * 1e-6, programming.seconds() * 1e3, programming.writeVerify() ? ", write-verify" : "",
          programming.described() ? "" : " (some tiles give no programming cost)"));
    }
    return sb.toString();
  }
}
