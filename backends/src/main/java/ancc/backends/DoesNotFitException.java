package ancc.backends;

import ancc.ir.InvalidInputException;

/**
 * The model needs more of some tile resource than the chip has (crossbars, SRAM macros, or a
 * digital tile for digital work). The message states need against have per tile kind, e.g.
 * {@code needs 312 crossbars of 256x256, chip has 256}. The CLI exits with code 4.
 */
public class DoesNotFitException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public DoesNotFitException(String message) {
    super(message);
  }
}
