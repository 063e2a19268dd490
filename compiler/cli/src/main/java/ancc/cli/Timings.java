package ancc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Wall times of the stages of one command, printed as a table by {@code --timing}. */
final class Timings {
  private record Row(String name, long nanos) {}

  private final List<Row> rows = new ArrayList<>();

  void add(String name, long nanos) {
    rows.add(new Row(name, nanos));
  }

  /** Runs {@code stage}, records its wall time under {@code name} and returns its result. */
  <T> T time(String name, Stage<T> stage) throws Exception {
    long t0 = System.nanoTime();
    T result = stage.run();
    add(name, System.nanoTime() - t0);
    return result;
  }

  /** The time of the stage recorded last. */
  long lastNanos() {
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).nanos();
  }

  long totalNanos() {
    return rows.stream().mapToLong(Row::nanos).sum();
  }

  void print(PrintWriter out) {
    int width = "total".length();
    for (Row r : rows) {
      width = Math.max(width, r.name().length());
    }
    String format = "%-" + width + "s  %10s%n";
    out.printf(Locale.ROOT, format, "stage", "time (ms)");
    for (Row r : rows) {
      out.printf(Locale.ROOT, format, r.name(), millis(r.nanos()));
    }
    out.printf(Locale.ROOT, format, "total", millis(totalNanos()));
    out.flush();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  @FunctionalInterface
  interface Stage<T> {
    T run() throws Exception;
  }
}
