package ancc.compiler.report.html;

import ancc.compiler.report.Report;
import ancc.compiler.report.TileEntry;
import ancc.compiler.report.Totals;
import ancc.ir.chip.Chip;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures chip architects compare designs by, in NeuroSim's vocabulary, derived from a report
 * and its chip: area, dynamic vs leakage energy, TOPS/W, TOPS, FPS and TOPS/mm², and the energy
 * ledger's components grouped as architects name them (arrays, DACs, ADCs, shift-add, buffers,
 * mesh, spill to the global buffer and DRAM, digital, leakage).
 */
public final class Metrics {
  /** Architect-facing energy groups and the ledger components each sums, in display order. */
  public static final Map<String, List<String>> GROUPS = groups();

  private Metrics() {}

  private static Map<String, List<String>> groups() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    g.put("arrays", List.of("crossbar.read", "macro.cycle"));
    g.put("DACs", List.of("dac.drive"));
    g.put("ADCs", List.of("adc.conversion"));
    g.put("shift-add", List.of("shift_add.op"));
    g.put("buffers", List.of("buffer.read", "buffer.write"));
    g.put("mesh", List.of("mesh.flit_hop"));
    g.put("spill", List.of("global_buffer.read", "global_buffer.write", "dram.read", "dram.write"));
    g.put("digital", List.of("mac.op", "vector.op"));
    g.put("leakage", List.of("leakage"));
    return java.util.Collections.unmodifiableMap(g);
  }

  /** Energy by architect group (pJ), every group present (0 when the ledger has none of it). */
  public static Map<String, Double> grouped(Map<String, Double> byComponentPj) {
    Map<String, Double> out = new LinkedHashMap<>();
    GROUPS.forEach((group, parts) -> {
      double sum = 0;
      for (String p : parts) {
        Double v = byComponentPj == null ? null : byComponentPj.get(p);
        sum += v == null ? 0 : v;
      }
      out.put(group, sum);
    });
    return out;
  }

  /** Area of the whole chip, mm². */
  public static double chipAreaMm2(Chip chip) {
    return ancc.ir.chip.ChipScaling.areaMm2(chip);
  }

  /** Area of the tiles the program uses, mm². */
  public static double usedAreaMm2(Chip chip, Report report) {
    double a = 0;
    if (report.tiles() != null) {
      for (TileEntry t : report.tiles()) {
        a += chip.groupOf(t.tile()).spec().area().mm2();
      }
    }
    return a;
  }

  /** Leakage energy of one inference, pJ (0 when none is booked). */
  public static double leakagePj(Totals t) {
    Double v = t.energyPj() == null ? null : t.energyPj().get("leakage");
    return v == null ? 0 : v;
  }

  /** Dynamic energy of one inference, pJ: the total less leakage; null without an energy model. */
  public static Double dynamicPj(Totals t) {
    return t.energyPerInferenceUj() == null ? null : t.energyPerInferenceUj() * 1e6 - leakagePj(t);
  }

  /** Tera-operations per second at the steady-state throughput (2 ops per MAC); null when unknown. */
  public static Double tops(Report r) {
    Double fps = r.totals().throughputInfPerS();
    Long macs = r.model().macs();
    return fps == null || macs == null ? null : 2.0 * macs * fps / 1e12;
  }

  /** TOPS per mm² of the whole chip; null when unknown. */
  public static Double topsPerMm2(Report r, Chip chip) {
    Double tops = tops(r);
    double area = chipAreaMm2(chip);
    return tops == null || area <= 0 ? null : tops / area;
  }
}
