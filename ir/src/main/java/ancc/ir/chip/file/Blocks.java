package ancc.ir.chip.file;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.CollectionType;

/**
 * Jackson's deserializers of blocks (records) and lists, made to refuse a YAML null
 * ({@code mesh:} with nothing after it) as the scalars do, and enums read as {@link Values.Word}s.
 */
final class Blocks extends BeanDeserializerModifier {
  private static final long serialVersionUID = 1L;

  @Override
  public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
      JsonDeserializer<?> deserializer) {
    return deserializer instanceof Values.Scalar ? deserializer : new NotNull(deserializer, "a mapping of keys");
  }

  @Override
  public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
      BeanDescription desc, JsonDeserializer<?> deserializer) {
    return new NotNull(deserializer, "a list");
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
      BeanDescription desc, JsonDeserializer<?> deserializer) {
    return new Values.Word(type.getRawClass());
  }

  /** A deserializer that refuses null and leaves absent keys null. */
  static final class NotNull extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    private final String expected;

    NotNull(JsonDeserializer<?> delegate, String expected) {
      super(delegate);
      this.expected = expected;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new NotNull(newDelegatee, expected);
    }

    @Override
    public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      throw new BadValue(ctxt.getParser(), "expected " + expected + ", got nothing");
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
