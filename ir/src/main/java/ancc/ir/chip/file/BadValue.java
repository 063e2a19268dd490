package ancc.ir.chip.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A value the chip file's deserializers refuse, with the message as the user reads it
 * ({@code must be between 1 and 16, got 17}); Jackson adds the key path on the way out.
 */
final class BadValue extends JsonMappingException {
  private static final long serialVersionUID = 1L;

  BadValue(JsonParser p, String message) {
    super(p, message);
  }
}
