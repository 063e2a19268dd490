package ancc.ir.chip.file;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key the chip file must have: Jackson's {@code @JsonProperty(required = true)} under a short
 * name. Reading fails with {@code missing (required)} without it, and the JSON Schema lists it
 * as required. Keys without it are optional and arrive as null when absent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@JacksonAnnotationsInside
@JsonProperty(required = true)
public @interface Required {}
