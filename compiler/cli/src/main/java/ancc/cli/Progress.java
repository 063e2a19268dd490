package ancc.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress display of {@code ancc eval} on stderr. On a terminal (the JVM has a console) a bar
 * is redrawn in place, e.g. {@code [#########           ] 45% chip 1/5 (seed 0)}, and cleared at the
 * end; otherwise (pipes, files, tests) nothing but one compact line per finished chip instance, so
 * logs stay short. {@code --no-progress} turns both off.
 */
final class Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean bar;
  private final boolean lines;
  private final long total;
  private long done;
  private int lastPercent = -1;

  Progress(PrintWriter err, boolean enabled, long totalSteps) {
    this.err = err;
    this.bar = enabled && System.console() != null;
    this.lines = enabled && !bar;
    this.total = Math.max(1, totalSteps);
  }

  /** Advances by {@code steps} of the total, labelled with what is running. */
  void advance(long steps, String label) {
    done += steps;
    if (!bar) {
      return;
    }
    int percent = (int) (100 * done / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = (int) (WIDTH * done / total);
    err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + String.format(Locale.ROOT, "%3d%% ", percent) + label);
    err.flush();
  }

  /** A finished unit of work: a line when not drawing a bar. */
  void finished(String line) {
    if (lines) {
      err.println("ancc: " + line);
      err.flush();
    }
  }

  /** Clears the bar. */
  void close() {
    if (bar && lastPercent >= 0) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }
}
