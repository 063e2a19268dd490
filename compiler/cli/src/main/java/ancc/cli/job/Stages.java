package ancc.cli.job;

import ancc.compiler.driver.Progress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How the commands report the pipeline's stages on stderr: progress bars on a terminal (me.tongfei
 * progressbar, redrawn in place and cleared when a stage ends), one line per finished stage
 * otherwise (pipes, files, CI), or only warnings ({@code --quiet}). Nothing on stdout depends on it.
 */
public abstract class Stages implements Progress {

  /** Bars when {@code terminal}, else lines; only warnings when {@code quiet}. */
  public static Stages of(boolean quiet, boolean terminal, PrintWriter err, PrintStream terminalStream) {
    if (quiet) {
      return new Quiet(err);
    }
    return terminal ? new Bars(terminalStream) : new Lines(err);
  }

  /** Whether this process's stderr (file descriptor 2) is a terminal (Linux: /proc/self/fd/2 is a tty). */
  public static boolean stderrIsTerminal() {
    try {
      Path fd = Path.of("/proc/self/fd/2");
      if (Files.exists(fd)) {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the console check
    }
    return System.console() != null;
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  /** Warnings only. */
  static final class Quiet extends Stages {
    private final PrintWriter err;

    Quiet(PrintWriter err) {
      this.err = err;
    }

    @Override
    public Stage start(String name, long steps) {
      return new Stage() {
        @Override
        public void step(long n) {}

        @Override
        public void warn(String message) {
          err.println("ancc: warning: " + message);
          err.flush();
        }

        @Override
        public void done(String summary) {}
      };
    }
  }

  /** One line per finished stage: {@code ancc: STAGE: SUMMARY (1.2 s)}. */
  static final class Lines extends Stages {
    private final PrintWriter err;

    Lines(PrintWriter err) {
      this.err = err;
    }

    @Override
    public Stage start(String name, long steps) {
      long t0 = System.nanoTime();
      return new Stage() {
        @Override
        public void step(long n) {}

        @Override
        public void warn(String message) {
          err.println("ancc: warning: " + message);
          err.flush();
        }

        @Override
        public void done(String summary) {
          err.println("ancc: " + name + (summary.isEmpty() ? "" : ": " + summary) + " (" + seconds(t0) + ")");
          err.flush();
        }
      };
    }
  }

  /** A progress bar per stage, cleared at its end, then a line with its summary. */
  static final class Bars extends Stages {
    private final PrintStream out;

    Bars(PrintStream out) {
      this.out = out;
    }

    @Override
    public Stage start(String name, long steps) {
      long t0 = System.nanoTime();
      ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(steps > 0 ? steps : -1)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200).continuousUpdate()
          .setConsumer(new ConsoleProgressBarConsumer(out)).clearDisplayOnFinish().hideEta().build();
      return new Stage() {
        @Override
        public void step(long n) {
          bar.stepBy(n);
        }

        @Override
        public void progress(String what, long done, long total) {
          bar.maxHint(total);
          bar.stepTo(done);
          bar.setExtraMessage(what);
        }

        @Override
        public void warn(String message) {
          out.println("\nancc: warning: " + message);
          out.flush();
        }

        @Override
        public void done(String summary) {
          bar.close();
          out.println("ancc: " + name + (summary.isEmpty() ? "" : ": " + summary) + " (" + seconds(t0) + ")");
          out.flush();
        }
      };
    }
  }
}
