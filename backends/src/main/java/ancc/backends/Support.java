package ancc.backends;

import java.util.Objects;

/** Whether a backend can run a node: supported, or not with a one-line reason. */
public record Support(boolean supported, String reason) {
  private static final Support YES = new Support(true, "");

  public Support {
    Objects.requireNonNull(reason, "reason");
  }

  public static Support yes() {
    return YES;
  }

  public static Support no(String reason) {
    return new Support(false, reason);
  }
}
