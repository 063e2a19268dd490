package ancc.ir.graph.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The textual shape of one op, derived by reflection from its record: the op name (from
 * {@link Op#name()}) and the printed attributes (every record component except a {@code kind}
 * enum component, which selects the op name instead: {@code add}, {@code relu},
 * {@code reduce_mean}). The registry covers every permitted subclass of {@link Op}, so adding an
 * op record needs no change to the printer or parser. One requirement on op records: their
 * canonical constructor must accept zero-valued attributes (0, 0.0, false, the first enum
 * constant, an empty list), used once to learn each op's name.
 */
public final class OpSchema {
  /** The attribute value types the textual format supports. */
  public enum ValueKind { LONG, FLOAT, BOOL, DTYPE, ENUM, LONG_LIST }

  /** One printed attribute: its snake_case name, record component and value type. */
  public record Attribute(String name, RecordComponent component, ValueKind kind) {
    /** This attribute's value in {@code op} (boxed: Long, Float, Boolean, DType, an enum, List). */
    public Object get(Op op) {
      try {
        return component.getAccessor().invoke(op);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }

    /** The enum type of an ENUM attribute. */
    public Class<?> enumType() {
      return component.getType();
    }
  }

  private static final Map<String, OpSchema> BY_NAME = buildRegistry();

  private final String opName;
  private final Class<? extends Op> recordType;
  private final Enum<?> kind;
  private final int kindIndex;
  private final int componentCount;
  private final List<Attribute> attributes;
  private final Constructor<?> constructor;

  private OpSchema(String opName, Class<? extends Op> recordType, Enum<?> kind, int kindIndex,
      int componentCount, List<Attribute> attributes, Constructor<?> constructor) {
    this.opName = opName;
    this.recordType = recordType;
    this.kind = kind;
    this.kindIndex = kindIndex;
    this.componentCount = componentCount;
    this.attributes = attributes;
    this.constructor = constructor;
  }

  /** The op name in the textual IR, e.g. {@code conv} or {@code reduce_mean}. */
  public String opName() {
    return opName;
  }

  public Class<? extends Op> recordType() {
    return recordType;
  }

  /** Printed attributes in record component order. */
  public List<Attribute> attributes() {
    return attributes;
  }

  /** The schema for an op name, if there is such an op. */
  public static Optional<OpSchema> forName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The schema of an op instance. */
  public static OpSchema of(Op op) {
    OpSchema s = BY_NAME.get(op.name());
    if (s == null || s.recordType != op.getClass()) {
      throw new IllegalStateException("op " + op + " is not in the op registry");
    }
    return s;
  }

  /** Every op name, each with its schema, in registry order (permitted subclass order). */
  public static Collection<OpSchema> all() {
    return Collections.unmodifiableCollection(BY_NAME.values());
  }

  /** Builds the op from attribute values given in {@link #attributes()} order. */
  public Op create(List<Object> values) {
    if (values.size() != attributes.size()) {
      throw new IllegalArgumentException(opName + " takes " + attributes.size() + " attributes");
    }
    Object[] args = new Object[componentCount];
    int a = 0;
    for (int i = 0; i < componentCount; i++) {
      args[i] = i == kindIndex ? kind : values.get(a++);
    }
    return instantiate(recordType, constructor, args);
  }

  /** The textual form of an attribute value as the printer writes it. */
  public static String formatValue(Object v) {
    if (v instanceof Float f) {
      return Syntax.formatFloat(f);
    } else if (v instanceof DType d) {
      return d.text();
    } else if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    } else if (v instanceof List<?> l) {
      return l.stream().map(OpSchema::formatValue).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(v);
  }

  /** camelCase to snake_case: kernelShape -> kernel_shape, transA -> trans_a. */
  static String snakeCase(String camel) {
    StringBuilder b = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          b.append('_');
        }
        b.append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- registry construction

  private static Map<String, OpSchema> buildRegistry() {
    Map<String, OpSchema> byName = new LinkedHashMap<>();
    for (Class<?> c : Op.class.getPermittedSubclasses()) {
      if (!c.isRecord()) {
        throw new IllegalStateException("op class " + c.getName() + " is not a record");
      }
      @SuppressWarnings("unchecked")
      Class<? extends Op> type = (Class<? extends Op>) c;
      for (OpSchema s : schemasOf(type)) {
        OpSchema previous = byName.put(s.opName, s);
        if (previous != null) {
          throw new IllegalStateException("op name '" + s.opName + "' is used by both "
              + previous.recordType.getSimpleName() + " and " + type.getSimpleName());
        }
      }
    }
    return byName;
  }

  private static List<OpSchema> schemasOf(Class<? extends Op> type) {
    RecordComponent[] comps = type.getRecordComponents();
    Class<?>[] types = new Class<?>[comps.length];
    List<Attribute> attrs = new ArrayList<>();
    int kindIndex = -1;
    for (int i = 0; i < comps.length; i++) {
      types[i] = comps[i].getType();
      if (comps[i].getName().equals("kind") && types[i].isEnum()) {
        kindIndex = i;
      } else {
        attrs.add(new Attribute(snakeCase(comps[i].getName()), comps[i], kindOf(type, comps[i])));
      }
    }
    Constructor<?> ctor;
    try {
      ctor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("op record " + type.getName() + " has no canonical constructor", e);
    }
    List<Attribute> attributes = List.copyOf(attrs);
    Object[] kinds = kindIndex < 0 ? new Object[] {null} : types[kindIndex].getEnumConstants();
    List<OpSchema> out = new ArrayList<>();
    for (Object k : kinds) {
      Object[] args = new Object[comps.length];
      for (int i = 0; i < comps.length; i++) {
        args[i] = i == kindIndex ? k : zeroValue(types[i]);
      }
      String name = instantiate(type, ctor, args).name();
      out.add(new OpSchema(name, type, (Enum<?>) k, kindIndex, comps.length, attributes, ctor));
    }
    return out;
  }

  private static ValueKind kindOf(Class<?> op, RecordComponent c) {
    Class<?> t = c.getType();
    if (t == long.class) {
      return ValueKind.LONG;
    } else if (t == float.class) {
      return ValueKind.FLOAT;
    } else if (t == boolean.class) {
      return ValueKind.BOOL;
    } else if (t == DType.class) {
      return ValueKind.DTYPE;
    } else if (t.isEnum()) {
      return ValueKind.ENUM;
    } else if (t == List.class && c.getGenericType() instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      if (args.length == 1 && args[0] == Long.class) {
        return ValueKind.LONG_LIST;
      }
    }
    throw new IllegalStateException("attribute " + c.getName() + " of op " + op.getSimpleName()
        + " has type " + c.getGenericType().getTypeName()
        + ", which the textual IR cannot represent (use long, float, boolean, DType, an enum or List<Long>)");
  }

  private static Object zeroValue(Class<?> t) {
    if (t == long.class) {
      return 0L;
    } else if (t == float.class) {
      return 0f;
    } else if (t == boolean.class) {
      return false;
    } else if (t.isEnum()) {
      return t.getEnumConstants()[0];
    }
    return List.of();
  }

  private static Op instantiate(Class<? extends Op> type, Constructor<?> ctor, Object[] args) {
    try {
      return type.cast(ctor.newInstance(args));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), cause);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
    }
  }
}
