package ancc.compiler.partition;

import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.PartitionSection;
import ancc.compiler.report.Report;
import ancc.compiler.report.SensitivityScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a {@link PartitionSummary} into a report: the {@code partition} section and per-layer sensitivities. */
public final class PartitionReports {
  private PartitionReports() {}

  /** The {@code partition} section of {@code s}. */
  public static PartitionSection section(PartitionSummary s) {
    Map<String, PartitionSection.Point> points = new LinkedHashMap<>();
    s.baselines().forEach((k, b) -> points.put(k, new PartitionSection.Point(b.energyPerInferenceUj(), b.measuredTop1(),
        b.predictedDropPercent(), b.note() == null || b.note().isEmpty() ? null : b.note())));
    return new PartitionSection(s.strategy(), s.budgetPercent(), s.predictedDropPercent(), s.measuredDropPercent(),
        s.referenceTop1(), s.kernelGranular() ? "kernel" : "layer", s.calibrationSamples(), s.syntheticCalibration(),
        s.exact(), s.repairs(), s.warnings(), points);
  }

  /** {@code r} with the partition section and, on every layer the partitioner placed, its sensitivity and reason. */
  public static Report attach(Report r, PartitionSummary s) {
    Map<String, LayerDecision> byName = new HashMap<>();
    s.layers().forEach(d -> byName.put(d.name(), d));
    List<LayerEntry> layers = new ArrayList<>();
    for (LayerEntry e : r.layers()) {
      LayerDecision d = byName.get(e.name());
      if (d == null || !d.op().equals(e.op())) {
        layers.add(e);
        continue;
      }
      layers.add(e.withPartition(scores(d), d.why()));
    }
    return r.withPartition(section(s), layers);
  }

  /** The sensitivity of one decision in report form, by kind. */
  public static Map<String, SensitivityScore> scores(LayerDecision d) {
    Map<String, SensitivityScore> out = new LinkedHashMap<>();
    d.sensitivity().forEach((k, v) -> out.put(k, new SensitivityScore(v.disagreement(), v.accuracyDrop(),
        v.logitNmse(), v.kl())));
    return out;
  }
}
