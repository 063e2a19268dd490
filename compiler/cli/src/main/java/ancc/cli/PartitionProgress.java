package ancc.cli;

import ancc.compiler.partition.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The partitioner's progress on stderr: on a terminal a bar redrawn in place per stage
 * ({@code [#######        ] 45% sensitivity}); otherwise one line per finished stage; nothing
 * when disabled ({@code --no-progress}, {@code --quiet}). Warnings always print, as
 * {@code ancc: warning: ...}.
 */
final class PartitionProgress implements ProgressListener {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final boolean bar;
  private int lastPercent = -1;

  PartitionProgress(PrintWriter err) {
    this(err, true);
  }

  /** Stage lines or bars only when {@code enabled}. */
  PartitionProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
    this.bar = System.console() != null;
  }

  @Override
  public void progress(String stage, int done, int total) {
    if (!enabled) {
      return;
    }
    int percent = total <= 0 ? 100 : (int) (100L * done / total);
    if (bar && percent != lastPercent) {
      int filled = WIDTH * percent / 100;
      err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
          + String.format(Locale.ROOT, "%3d%% ", percent) + stage + "   ");
      lastPercent = percent;
      if (done >= total) {
        err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
        lastPercent = -1;
      }
      err.flush();
    } else if (!bar && done >= total && total > 0) {
      err.println("ancc: " + stage + " done");
      err.flush();
    }
  }

  @Override
  public void warn(String message) {
    err.println("ancc: warning: " + message);
    err.flush();
  }
}
