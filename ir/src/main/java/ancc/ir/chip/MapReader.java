package ancc.ir.chip;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.YamlNode.Entry;
import ancc.ir.chip.YamlNode.Loc;
import ancc.ir.chip.YamlNode.Mapping;
import ancc.ir.chip.YamlNode.Scalar;
import ancc.ir.chip.YamlNode.ScalarType;
import ancc.ir.chip.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys of one YAML mapping, checking types, units and ranges in place, and knows the
 * key path (e.g. {@code tiles[0].adc}) and file for error messages: every error is one line
 * {@code FILE:LINE:COL: key 'PATH': problem}. Keys never asked for are rejected by {@link #finish()}.
 */
final class MapReader {
  private final String file;
  private final String path;
  private final Mapping map;
  private final Set<String> asked = new LinkedHashSet<>();

  MapReader(String file, String path, YamlNode node) {
    this.file = file;
    this.path = path;
    if (!(node instanceof Mapping m)) {
      throw error(node.loc(), path.isEmpty() ? "the file" : "key '" + path + "'",
          "expected a mapping of keys, got " + node.describe());
    }
    this.map = m;
  }

  String file() {
    return file;
  }

  /** The key path of {@code key} in this mapping. */
  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    asked.add(key);
    return map.entries().containsKey(key);
  }

  /** The location of key's value, or of this mapping when the key is absent. */
  Loc loc(String key) {
    Entry e = map.entries().get(key);
    return e == null ? map.loc() : e.value().loc();
  }

  /** An error about {@code key} of this mapping, at its value (or at the mapping when absent). */
  InvalidInputException fail(String key, String message) {
    return error(loc(key), "key '" + path(key) + "'", message);
  }

  private InvalidInputException error(Loc at, String what, String message) {
    return new InvalidInputException(file + ":" + at + ": " + what + ": " + message);
  }

  YamlNode node(String key) {
    asked.add(key);
    Entry e = map.entries().get(key);
    if (e == null) {
      throw fail(key, "missing (required)");
    }
    return e.value();
  }

  private Scalar scalar(String key, String expected) {
    YamlNode n = node(key);
    if (!(n instanceof Scalar s) || s.type() == ScalarType.NULL) {
      throw fail(key, expected + ", got " + n.describe());
    }
    return s;
  }

  MapReader map(String key) {
    return new MapReader(file, path(key), node(key));
  }

  /** The non-empty list under key, each item read by {@code item(node, path)}. */
  <T> List<T> list(String key, Function<Item, T> item) {
    YamlNode n = node(key);
    if (!(n instanceof Sequence seq)) {
      throw fail(key, "expected a list, got " + n.describe());
    }
    if (seq.items().isEmpty()) {
      throw fail(key, "must not be empty");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      out.add(item.apply(new Item(file, path(key) + "[" + i + "]", seq.items().get(i))));
    }
    return List.copyOf(out);
  }

  /** One list element with its path, for {@link #list}. */
  record Item(String file, String path, YamlNode node) {
    MapReader map() {
      return new MapReader(file, path, node);
    }

    InvalidInputException fail(String message) {
      return new InvalidInputException(file + ":" + node.loc() + ": key '" + path + "': " + message);
    }

    /** A signed quantity with a unit (polynomial coefficients). */
    double quantity(Dimension d) {
      if (!(node instanceof Scalar s) || s.type() != ScalarType.STRING) {
        throw fail(d.expectation() + ", got " + node.describe() + (node instanceof Scalar ? " (no unit)" : ""));
      }
      try {
        return d.parse(s.text());
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage());
      }
    }

    String text(String expected) {
      if (!(node instanceof Scalar s) || s.type() != ScalarType.STRING) {
        throw fail(expected + ", got " + node.describe());
      }
      return s.text();
    }
  }

  String string(String key) {
    Scalar s = scalar(key, "expected text");
    if (s.type() != ScalarType.STRING) {
      throw fail(key, "expected text, got " + s.describe());
    }
    return s.text();
  }

  int integer(String key, int min, int max) {
    Scalar s = scalar(key, "expected a whole number");
    if (s.type() != ScalarType.INTEGER) {
      throw fail(key, "expected a whole number, got " + s.describe());
    }
    long v;
    try {
      v = Long.parseLong(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      throw fail(key, "expected a decimal whole number between " + min + " and " + max + ", got " + s.describe());
    }
    if (v < min || v > max) {
      throw fail(key, v <= 0 && min > 0 ? "must be positive (" + min + " to " + max + "), got " + v
          : "must be between " + min + " and " + max + ", got " + v);
    }
    return (int) v;
  }

  /** A plain number (fractions, rates, coefficients) in [min, max]. */
  double number(String key, double min, double max) {
    Scalar s = scalar(key, "expected a number");
    if (s.type() != ScalarType.INTEGER && s.type() != ScalarType.FLOAT) {
      throw fail(key, "expected a number, got " + s.describe());
    }
    double v;
    try {
      v = Double.parseDouble(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      throw fail(key, "expected a number, got " + s.describe());
    }
    if (!(v >= min && v <= max)) {
      throw fail(key, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + s.text());
    }
    return v;
  }

  double number(String key, double min, double max, double absent) {
    return has(key) ? number(key, min, max) : absent;
  }

  boolean bool(String key) {
    Scalar s = scalar(key, "expected true or false");
    if (s.type() != ScalarType.BOOLEAN) {
      throw fail(key, "expected true or false, got " + s.describe());
    }
    return Boolean.parseBoolean(s.text());
  }

  /** One of a closed set of words, e.g. {@code kind: memristor}. */
  <E> E choice(String key, Map<String, E> words) {
    Scalar s = scalar(key, "expected one of " + words.keySet());
    E e = s.type() == ScalarType.STRING ? words.get(s.text()) : null;
    if (e == null) {
      throw fail(key, "unknown value '" + s.text() + "' (expected one of: " + String.join(", ", words.keySet()) + ")");
    }
    return e;
  }

  /** A quantity with a unit in SI, at least {@code min} (SI) and, if {@code positive}, above zero. */
  double quantity(String key, Dimension d, boolean positive) {
    Scalar s = scalar(key, d.expectation());
    if (s.type() != ScalarType.STRING) {
      throw fail(key, d.expectation() + ", got " + s.describe() + " (no unit)");
    }
    double v;
    try {
      v = d.parse(s.text());
    } catch (IllegalArgumentException e) {
      throw fail(key, e.getMessage());
    }
    if (positive ? !(v > 0) : v < 0) {
      throw fail(key, "must be " + (positive ? "positive" : "zero or more") + ", got " + s.text());
    }
    return v;
  }

  Quantities.DataSize size(String key) {
    Scalar s = scalar(key, Quantities.DataSize.EXPECTATION);
    if (s.type() != ScalarType.STRING) {
      throw fail(key, Quantities.DataSize.EXPECTATION + ", got " + s.describe() + " (no unit)");
    }
    Quantities.DataSize size;
    try {
      size = Quantities.DataSize.parse(s.text());
    } catch (IllegalArgumentException e) {
      throw fail(key, e.getMessage());
    }
    if (size.bytes() <= 0) {
      throw fail(key, "must be positive, got " + s.text());
    }
    return size;
  }

  /** Rejects the first key (in file order) that was never read. */
  void finish() {
    Set<String> known = new HashSet<>(asked);
    for (Entry e : map.entries().values()) {
      if (!known.contains(e.key())) {
        throw error(e.keyLoc(), "key '" + path(e.key()) + "'",
            "unknown key (expected one of: " + String.join(", ", asked) + ")");
      }
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
