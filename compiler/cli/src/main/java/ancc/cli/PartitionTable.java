package ancc.cli;

import ancc.compiler.partition.Baseline;
import ancc.compiler.partition.LayerDecision;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.partition.Score;
import ancc.compiler.partition.SolvedPartition;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The partitioner's per-layer table and energy/accuracy points, as {@code ancc compile} prints them; for a
 * partition solved from given sensitivities, the per-layer table alone.
 */
final class PartitionTable {
  private PartitionTable() {}

  static String format(PartitionSummary s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "partition %s (%s-granular): budget %.2f%%, predicted drop %.2f%%, measured"
        + " drop %.2f%% on %d %scalibration images%s%n", s.strategy(), s.kernelGranular() ? "kernel" : "layer",
        s.budgetPercent(), s.predictedDropPercent(), s.measuredDropPercent(), s.calibrationSamples(),
        s.syntheticCalibration() ? "SYNTHETIC " : "", s.repairs() > 0 ? ", " + s.repairs() + " repairs" : ""));
    for (String w : s.warnings()) {
      b.append("WARNING: ").append(w).append('\n');
    }
    layers(b, s.layers());
    b.append("strategy             energy/inference   top-1\n");
    for (Map.Entry<String, Baseline> e : s.baselines().entrySet()) {
      Baseline p = e.getValue();
      b.append(p.energyPerInferenceUj() == null
          ? String.format(Locale.ROOT, "%-20s %s%n", e.getKey(), "does not fit: " + p.note())
          : String.format(Locale.ROOT, "%-20s %12.5f uJ   %6.2f%%%n", e.getKey(), p.energyPerInferenceUj(),
              100 * p.measuredTop1()));
    }
    return b.toString();
  }

  /** A partition solved from given sensitivities: what was solved, and one line per placed unit. */
  static String format(SolvedPartition s) {
    StringBuilder b = new StringBuilder();
    b.append("partition ").append(s.describe()).append('\n');
    layers(b, s.layers());
    return b.toString();
  }

  private static void layers(StringBuilder b, List<LayerDecision> layers) {
    b.append(String.format(Locale.ROOT, "%-24s %-9s %18s %18s  %s%n", "layer", "placement", "memristor flip/nmse",
        "sram flip/nmse", "why"));
    for (LayerDecision d : layers) {
      b.append(String.format(Locale.ROOT, "%-24s %-9s %18s %18s  %s%n", d.name(), d.placement(),
          score(d.sensitivity().get("memristor")), score(d.sensitivity().get("sram")), d.why()));
    }
  }

  private static String score(Score s) {
    return s == null ? "-" : String.format(Locale.ROOT, "%.2f%%/%.1e", 100 * s.disagreement(), s.logitNmse());
  }
}
