package ancc.ir.chip.file;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The inclusive range of a whole number or plain number key, checked as the value is read
 * ({@code must be between 1 and 16, got 17}) and stated in the JSON Schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Range {
  double min();

  double max();
}
