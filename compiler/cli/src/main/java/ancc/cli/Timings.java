package ancc.cli;

import ancc.compiler.pass.PassTiming;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The {@code --timings} table: wall time of every step and stage of one command, in run order. */
final class Timings {
  private Timings() {}

  static void print(List<PassTiming> rows, PrintWriter out) {
    int width = "total".length();
    long total = 0;
    for (PassTiming r : rows) {
      width = Math.max(width, r.pass().length());
      total += r.nanos();
    }
    String format = "%-" + width + "s  %10s%n";
    out.printf(Locale.ROOT, format, "step", "time (ms)");
    for (PassTiming r : rows) {
      out.printf(Locale.ROOT, format, r.pass(), millis(r.nanos()));
    }
    out.printf(Locale.ROOT, format, "total", millis(total));
    out.flush();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }
}
