package ancc.maven;

import ancc.compiler.driver.Progress;
import org.apache.maven.plugin.logging.Log;

/** The pipeline's stages in the Maven log: finished stages at debug level, warnings as warnings. */
final class LogProgress implements Progress {
  private final Log log;
  private final String model;

  LogProgress(Log log, String model) {
    this.log = log;
    this.model = model;
  }

  @Override
  public Stage start(String name, long steps) {
    long t0 = System.nanoTime();
    return new Stage() {
      @Override
      public void step(long n) {}

      @Override
      public void warn(String message) {
        log.warn("ancc: " + model + ": " + message);
      }

      @Override
      public void done(String summary) {
        if (log.isDebugEnabled()) {
          log.debug(String.format(java.util.Locale.ROOT, "ancc: %s: %s%s (%.1f s)", model, name,
              summary.isEmpty() ? "" : ": " + summary, (System.nanoTime() - t0) / 1e9));
        }
      }
    };
  }
}
