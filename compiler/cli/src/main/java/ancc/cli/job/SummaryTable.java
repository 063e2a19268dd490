package ancc.cli.job;

import ancc.compiler.report.html.ReportData;
import ancc.compiler.report.html.ReportData.AccuracyFigures;
import ancc.compiler.report.LayerEntry;
import ancc.compiler.report.Report;
import ancc.compiler.report.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compact summary the main job prints on stdout: a header line, one row per layer (name, op,
 * output shape, placement, arrays, share of the dynamic energy, sensitivity) and the totals
 * (energy per inference, latency, TOPS/W, accuracy).
 */
public final class SummaryTable {
  private static final int NAME_WIDTH = 28;

  private SummaryTable() {}

  public static String format(ReportData d) {
    Report r = d.report();
    StringBuilder sb = new StringBuilder();
    sb.append(r.model().file()).append(" on chip ").append(r.chip().name()).append(", placement ")
        .append(d.strategy()).append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"layer", "op", "shape", "placement", "arrays", "energy", "sensitivity"});
    double dynamic = 0;
    for (LayerEntry l : r.layers()) {
      dynamic += sum(l);
    }
    for (LayerEntry l : r.layers()) {
      Double s = d.sensitivity().get(l.name());
      rows.add(new String[] {shorten(l.name()), l.op(), d.shapes().getOrDefault(l.name(), ""), l.placement(),
          String.valueOf(l.arrays()), dynamic > 0 ? pct(sum(l) / dynamic) : "-",
          s == null ? "-" : String.format(Locale.ROOT, "%.3g", s)});
    }
    int[] w = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean right = i >= 4;
        String cell = right ? " ".repeat(w[i] - row[i].length()) + row[i] : row[i] + " ".repeat(w[i] - row[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    Totals t = r.totals();
    sb.append(String.format(Locale.ROOT, "%-18s %s uJ%n", "energy/inference:", num(t.energyPerInferenceUj())));
    sb.append(String.format(Locale.ROOT, "%-18s %s us%n", "latency:", num(t.latencyUs())));
    sb.append(String.format(Locale.ROOT, "%-18s %s%n", "TOPS/W:", num(t.topsPerWatt())));
    if (r.reprogramming() != null) {
      sb.append(String.format(Locale.ROOT, "%-18s %s (chip %s)%n", "reprogramming:", r.reprogramming().text(),
          r.chip().name()));
    }
    AccuracyFigures a = d.accuracy();
    if (a == null) {
      sb.append(String.format(Locale.ROOT, "%-18s not measured%n", "accuracy:"));
    } else {
      String digital = a.allDigital() == null ? "" : String.format(Locale.ROOT, ", all-digital %.2f%%",
          100 * a.allDigital());
      sb.append(String.format(Locale.ROOT, "%-18s %.2f%% +- %.2f%% over %d chip%s (FP32 %.2f%%%s)%s%n",
          a.metric() + ":", 100 * a.chipMean(), 100 * a.chipStd(), a.chips(),
          a.chips() == 1 ? "" : "s", 100 * a.fp32(), digital,
          "agreement".equals(a.metric()) ? "; no labels: agreement with FP32 on synthetic inputs" : ""));
    }
    return sb.toString();
  }

  private static double sum(LayerEntry l) {
    return l.energyPj().values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** A long layer name with its middle path segments elided: {@code /block2/.../shortcut.0/Conv}. */
  static String shorten(String name) {
    if (name.length() <= NAME_WIDTH) {
      return name;
    }
    String[] parts = name.split("/", -1);
    if (parts.length >= 5 && parts[0].isEmpty()) {
      String s = "/" + parts[1] + "/.../" + parts[parts.length - 2] + "/" + parts[parts.length - 1];
      if (s.length() <= NAME_WIDTH + 8) {
        return s;
      }
    }
    return "..." + name.substring(name.length() - NAME_WIDTH + 3);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
  }
}
