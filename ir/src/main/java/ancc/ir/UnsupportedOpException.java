package ancc.ir;

/**
 * A well-formed model that uses an operator (or an operator variant, attribute value or data
 * type) that ancc does not support. Still invalid input for the CLI (exit code 3), but tools
 * such as the conformance runner count it apart from failures.
 */
public class UnsupportedOpException extends InvalidInputException {
  private static final long serialVersionUID = 1L;
  private final String opType;

  /** opType is the unsupported operator's name as the model spells it, e.g. {@code LSTM}. */
  public UnsupportedOpException(String opType, String message) {
    super(message);
    this.opType = opType;
  }

  public String opType() {
    return opType;
  }
}
