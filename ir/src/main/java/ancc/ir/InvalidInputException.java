package ancc.ir;

/**
 * Bad user input: a malformed model, data file, IR text or chip file. The message is one line
 * that names the file and the node or field at fault; the CLI prints it and exits with code 3.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The same problem, prefixed with the file (or other context) it was found in. */
  public InvalidInputException in(String context) {
    return new InvalidInputException(context + ": " + getMessage(), this);
  }
}
