package ancc.backends;

import ancc.ir.InvalidInputException;
import ancc.ir.program.TileKind;
import java.util.Map;

/**
 * The model needs more of some tile resource than the chip has (crossbars, SRAM macros, a
 * digital tile for digital work, or tile buffer). The message states need against have per tile
 * kind, e.g. {@code needs 312 crossbars of 256x256, chip has 256}. A buffer overflow also carries
 * {@link #bufferNeeds()}: per tile kind that overflows, the largest buffer need in bytes, so a
 * caller can grow the chip without reading the message. The CLI exits with code 4.
 */
public class DoesNotFitException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final Map<TileKind, Long> bufferNeeds;

  public DoesNotFitException(String message) {
    this(message, Map.of());
  }

  public DoesNotFitException(String message, Map<TileKind, Long> bufferNeeds) {
    super(message);
    this.bufferNeeds = Map.copyOf(bufferNeeds);
  }

  /** Per overflowing tile kind, the largest buffer need (bytes) of its tiles; empty when no tile buffer overflowed. */
  public Map<TileKind, Long> bufferNeeds() {
    return bufferNeeds;
  }

  /** This exception with {@code suffix} appended to its message, keeping {@link #bufferNeeds()}. */
  public DoesNotFitException appended(String suffix) {
    return new DoesNotFitException(getMessage() + suffix, bufferNeeds);
  }
}
