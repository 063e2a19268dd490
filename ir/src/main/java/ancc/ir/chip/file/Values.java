package ancc.ir.chip.file;

import ancc.ir.chip.Quantities;
import ancc.ir.units.Dimension;
import ancc.ir.units.Reading;
import ancc.ir.units.UnitException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The deserializers of the chip file's scalar values: whole numbers, plain numbers, booleans,
 * text, closed sets of words (enums, as their lower-case names) and quantities with units. Each
 * takes only its own YAML token type ({@code "16"} in quotes is text, not a number), checks the
 * {@link Range}, {@link Matches}, {@link Positive} or {@link Signed} annotation of its key, and
 * says what it expected and what it got.
 */
final class Values {
  private Values() {}

  /** The module with the deserializers of every scalar type the binding records use. */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("ancc-chip-file");
    m.addDeserializer(int.class, new Whole(null));
    m.addDeserializer(Integer.class, new Whole(null));
    m.addDeserializer(double.class, new Plain(null));
    m.addDeserializer(Double.class, new Plain(null));
    m.addDeserializer(boolean.class, new Bool());
    m.addDeserializer(Boolean.class, new Bool());
    m.addDeserializer(String.class, new Text(null));
    QUANTITIES.forEach(q -> add(m, q));
    m.setDeserializerModifier(new Blocks());
    return m;
  }

  /** The quantity types of the chip records, each with its dimension. */
  private static final List<Quantity<?>> QUANTITIES = List.of(
      new Quantity<>(Quantities.Energy.class, Dimension.ENERGY, r -> new Quantities.Energy(r.si()),
          Quantities.Energy::joules),
      new Quantity<>(Quantities.Time.class, Dimension.TIME, r -> new Quantities.Time(r.si()), Quantities.Time::seconds),
      new Quantity<>(Quantities.Power.class, Dimension.POWER, r -> new Quantities.Power(r.si()),
          Quantities.Power::watts),
      new Quantity<>(Quantities.Conductance.class, Dimension.CONDUCTANCE, r -> new Quantities.Conductance(r.si()),
          Quantities.Conductance::siemens),
      new Quantity<>(Quantities.Area.class, Dimension.AREA, r -> new Quantities.Area(r.si()), Quantities.Area::m2),
      new Quantity<>(Quantities.Voltage.class, Dimension.VOLTAGE, r -> new Quantities.Voltage(r.si()),
          Quantities.Voltage::volts),
      new Quantity<>(Quantities.Frequency.class, Dimension.FREQUENCY, r -> new Quantities.Frequency(r.si()),
          Quantities.Frequency::hertz),
      new Quantity<>(Quantities.Bandwidth.class, Dimension.BANDWIDTH, r -> new Quantities.Bandwidth(r.si()),
          Quantities.Bandwidth::bytesPerSecond),
      new Quantity<>(Quantities.DataSize.class, Dimension.BYTES, r -> new Quantities.DataSize(r.bytes()),
          Quantities.DataSize::bytes));

  /** The dimension of each quantity type, for the JSON Schema's patterns. */
  static final Map<Class<?>, Dimension> DIMENSIONS = QUANTITIES.stream()
      .collect(Collectors.toMap(Quantity::handledType, q -> q.dimension));

  @SuppressWarnings("unchecked")
  private static <T> void add(SimpleModule m, Quantity<T> q) {
    m.addDeserializer((Class<T>) q.handledType(), q);
  }

  /** The word of an enum constant in chip files: its lower-case name ({@code BIT_SERIAL} is {@code bit_serial}). */
  static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** What the current token is, for "got ..." ({@code the text '2'}, {@code '2.5'}, {@code a mapping}). */
  static String describe(JsonParser p) throws IOException {
    return describe(p.currentToken(), p.getText());
  }

  static String describe(JsonToken t, String text) {
    if (t == JsonToken.START_OBJECT) {
      return "a mapping";
    }
    if (t == JsonToken.START_ARRAY) {
      return "a list";
    }
    if (t == JsonToken.VALUE_NULL) {
      return "nothing";
    }
    return t == JsonToken.VALUE_STRING ? "the text '" + text + "'" : "'" + text + "'";
  }

  /** "must be between 1 and 16, got 17"; "must be positive (1 to 16), got 0". */
  static String outOfRange(long v, long min, long max) {
    return v <= 0 && min > 0 ? "must be positive (" + min + " to " + max + "), got " + v
        : "must be between " + min + " and " + max + ", got " + v;
  }

  /** A whole number whose range depends on another key, checked when its block is built. */
  static void checkRange(String key, long v, long min, long max) {
    KeyProblem.check(v >= min && v <= max, key, () -> outOfRange(v, min, max));
  }

  /** Whole numbers and plain numbers in messages: {@code 1}, {@code 0.5}. */
  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * One scalar type: refuses YAML null ({@code expected ..., got nothing}) but leaves an absent
   * optional key null.
   */
  abstract static class Scalar<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;

    Scalar(Class<?> type) {
      super(type);
    }

    /** "expected a whole number". */
    abstract String expected();

    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      throw new BadValue(ctxt.getParser(), expected() + ", got nothing");
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }

    BadValue got(JsonParser p) throws IOException {
      return new BadValue(p, expected() + ", got " + describe(p));
    }
  }

  /** A whole number (YAML integer), in its key's {@link Range} if it has one. */
  static final class Whole extends Scalar<Integer> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Range range;

    Whole(Range range) {
      super(Integer.class);
      this.range = range;
    }

    @Override
    String expected() {
      return "expected a whole number";
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
      return new Whole(property == null ? null : property.getAnnotation(Range.class));
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw got(p);
      }
      long min = range == null ? Integer.MIN_VALUE : (long) range.min();
      long max = range == null ? Integer.MAX_VALUE : (long) range.max();
      long v;
      try {
        v = Long.parseLong(p.getText().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new BadValue(p, "expected a decimal whole number between " + min + " and " + max + ", got "
            + describe(p));
      }
      if (v < min || v > max) {
        throw new BadValue(p, outOfRange(v, min, max));
      }
      return (int) v;
    }
  }

  /** A plain number (YAML integer or float: fractions, rates), in its key's {@link Range}. */
  static final class Plain extends Scalar<Double> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Range range;

    Plain(Range range) {
      super(Double.class);
      this.range = range;
    }

    @Override
    String expected() {
      return "expected a number";
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
      return new Plain(property == null ? null : property.getAnnotation(Range.class));
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw got(p);
      }
      double v;
      try {
        v = Double.parseDouble(p.getText().replace("_", ""));
      } catch (NumberFormatException e) {
        throw got(p);
      }
      if (range != null && !(v >= range.min() && v <= range.max())) {
        throw new BadValue(p, "must be between " + fmt(range.min()) + " and " + fmt(range.max()) + ", got "
            + p.getText());
      }
      return v;
    }
  }

  /** {@code true} or {@code false}. */
  static final class Bool extends Scalar<Boolean> {
    private static final long serialVersionUID = 1L;

    Bool() {
      super(Boolean.class);
    }

    @Override
    String expected() {
      return "expected true or false";
    }

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
        throw got(p);
      }
      return t == JsonToken.VALUE_TRUE;
    }
  }

  /** Text (a YAML string), matching its key's {@link Matches} if it has one. */
  static final class Text extends Scalar<String> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Matches pattern;

    Text(Matches pattern) {
      super(String.class);
      this.pattern = pattern;
    }

    @Override
    String expected() {
      return "expected text";
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
      return new Text(property == null ? null : property.getAnnotation(Matches.class));
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw got(p);
      }
      String s = p.getText();
      if (pattern != null && !s.matches(pattern.regex())) {
        throw new BadValue(p, "must be " + pattern.hint() + ", got '" + s + "'");
      }
      return s;
    }
  }

  /** One of an enum's constants, written as its lower-case name. */
  static final class Word<E extends Enum<E>> extends Scalar<E> {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, E> words;

    Word(Class<E> type) {
      super(type);
      this.words = Arrays.stream(type.getEnumConstants())
          .collect(Collectors.toMap(Values::word, e -> e, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Override
    String expected() {
      return "expected one of " + List.copyOf(words.keySet());
    }

    @Override
    public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.currentToken().isScalarValue()) {
        throw got(p);
      }
      E e = p.currentToken() == JsonToken.VALUE_STRING ? words.get(p.getText()) : null;
      if (e == null) {
        throw new BadValue(p, "unknown value '" + p.getText() + "' (expected one of: "
            + String.join(", ", words.keySet()) + ")");
      }
      return e;
    }
  }

  /**
   * A quantity with a unit ({@code 1.67pJ}), zero or more unless its key is {@link Signed}, above
   * zero if it is {@link Positive}.
   */
  static final class Quantity<T> extends Scalar<T> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Dimension dimension;
    private final transient Function<Reading, T> make;
    private final transient ToDoubleFunction<T> si;
    private final boolean signed;
    private final boolean positive;

    Quantity(Class<T> type, Dimension dimension, Function<Reading, T> make, ToDoubleFunction<T> si) {
      this(type, dimension, make, si, false, false);
    }

    private Quantity(Class<T> type, Dimension dimension, Function<Reading, T> make, ToDoubleFunction<T> si,
        boolean signed, boolean positive) {
      super(type);
      this.dimension = dimension;
      this.make = make;
      this.si = si;
      this.signed = signed;
      this.positive = positive;
    }

    @Override
    String expected() {
      return dimension.expectation();
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
      boolean s = property != null && property.getAnnotation(Signed.class) != null;
      boolean pos = property != null && property.getAnnotation(Positive.class) != null;
      return new Quantity<>((Class<T>) handledType(), dimension, make, si, s, pos);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.VALUE_STRING) {
        throw new BadValue(p, expected() + ", got " + describe(p) + (t.isScalarValue() ? " (no unit)" : ""));
      }
      T value;
      try {
        value = make.apply(dimension.read(p.getText(), Dimension.Spelling.SYMBOL));
      } catch (UnitException e) {
        throw new BadValue(p, e.getMessage());
      }
      double v = si.applyAsDouble(value);
      if (positive ? !(v > 0) : !signed && v < 0) {
        throw new BadValue(p, "must be " + (positive ? "positive" : "zero or more") + ", got " + p.getText());
      }
      return value;
    }
  }
}
