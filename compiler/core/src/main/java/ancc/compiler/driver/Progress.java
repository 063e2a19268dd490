package ancc.compiler.driver;

import ancc.compiler.partition.ProgressListener;

/**
 * Where a {@link Pipeline} reports its stages: the CLI draws bars or prints lines, the Maven
 * plugin logs, a library caller may ignore them ({@link #NONE}). Called on the caller's thread.
 */
public interface Progress {

  /** One running stage. */
  interface Stage {
    /** Advances by {@code n} of the stage's steps. */
    void step(long n);

    /** Sets the progress of a sub-step {@code what}: {@code done} of {@code total}. */
    default void progress(String what, long done, long total) {}

    /** A warning the user must see, now. */
    default void warn(String message) {}

    /** Ends the stage; {@code summary} (may be empty) says what it did. */
    void done(String summary);

    /** This stage as the partitioner's listener. */
    default ProgressListener asPartitionListener() {
      Stage self = this;
      return new ProgressListener() {
        @Override
        public void progress(String what, int done, int total) {
          self.progress(what, done, total);
        }

        @Override
        public void warn(String message) {
          self.warn(message);
        }
      };
    }
  }

  /** Starts a stage of {@code steps} steps (0 or less: unknown). */
  Stage start(String name, long steps);

  /** Warnings still go nowhere: for callers that collect them from the results instead. */
  Progress NONE = (name, steps) -> new Stage() {
    @Override
    public void step(long n) {}

    @Override
    public void done(String summary) {}
  };
}
