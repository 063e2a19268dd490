package ancc.maven;

/**
 * A plugin parameter (a gate, a placement, a budget, ...) whose value cannot be understood; the
 * message is one line naming the parameter and the value.
 */
public final class ParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ParameterException(String message) {
    super(message);
  }
}
