package ancc.compiler.partition;

/**
 * Progress of a partitioner run, for a progress bar: the stage ({@code sensitivity},
 * {@code verify}, {@code baselines}) and how many of its steps are done; and warnings the user
 * must see (e.g. that no calibration data was given). Called on the caller's thread.
 */
public interface ProgressListener {

  /** {@code done} of {@code total} steps of {@code stage} are finished. */
  void progress(String stage, int done, int total);

  /** A warning to show the user (one line). */
  default void warn(String message) {}

  /** Ignores everything. */
  ProgressListener NONE = (stage, done, total) -> { };
}
