package ancc.ir.chip.file;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text key that must match {@code regex} (whole text); {@code hint} says so in words for the
 * error message ({@code must be HINT, got 'TEXT'}). Stated in the JSON Schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Matches {
  String regex();

  String hint();
}
