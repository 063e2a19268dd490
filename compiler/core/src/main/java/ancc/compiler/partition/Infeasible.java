package ancc.compiler.partition;

/**
 * A solver found no partition within the budget and the chip's capacity. An {@link
 * IllegalStateException} (a unit's digital choice always has no drop and fits, so with a digital
 * tile on the chip this is not reached); {@link Partitioner#solve} turns it into a diagnostic
 * ({@link NoPartition}).
 */
final class Infeasible extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The unit the greedy solver could not start on a choice without drop, or -1. */
  private final int unit;

  Infeasible(String message, int unit) {
    super(message);
    this.unit = unit;
  }

  int unit() {
    return unit;
  }
}
