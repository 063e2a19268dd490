package ancc.runtime.io;

import ancc.ir.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header dictionary of a {@code .npy} file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (16, 10), }}.
 *
 * <p>The header is a Python literal; this is a small strict parser for exactly the subset NumPy
 * writes: a dict with the three keys {@code descr} (a string), {@code fortran_order} ({@code True}
 * or {@code False}) and {@code shape} (a tuple of non-negative integers, with the trailing comma
 * a one-element tuple needs). Keys may come in any order, strings may use either quote, and the
 * dict may be followed by spaces and must end with a newline. Anything else is an error.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

  NpyHeader {
    shape = shape.clone();
  }

  /** Python-literal text of this header, without padding or the final newline. */
  String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("{'descr': '").append(descr).append("', 'fortran_order': ")
        .append(fortranOrder ? "True" : "False").append(", 'shape': (");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    if (shape.length == 1) {
      sb.append(',');
    }
    return sb.append("), }").toString();
  }

  /**
   * Parses the header text (everything after the length field). {@code source} names the file
   * for error messages.
   */
  static NpyHeader parse(String text, String source) {
    return new Parser(text, source).header();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyHeader h && descr.equals(h.descr) && fortranOrder == h.fortranOrder
        && Arrays.equals(shape, h.shape);
  }

  @Override
  public int hashCode() {
    return descr.hashCode() * 31 + Arrays.hashCode(shape) + (fortranOrder ? 1 : 0);
  }

  @Override
  public String toString() {
    return format();
  }

  /** Recursive descent over the header characters. */
  private static final class Parser {
    private final String s;
    private final String source;
    private int pos;

    Parser(String s, String source) {
      this.s = s;
      this.source = source;
    }

    NpyHeader header() {
      if (s.isEmpty() || s.charAt(s.length() - 1) != '\n') {
        throw error("the header does not end with a newline");
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      skipSpaces();
      expect('{');
      skipSpaces();
      while (peek() != '}') {
        int keyAt = pos;
        String key = string();
        skipSpaces();
        expect(':');
        skipSpaces();
        Object value = value();
        if (entries.put(key, value) != null) {
          pos = keyAt;
          throw error("duplicate key '" + key + "'");
        }
        skipSpaces();
        if (peek() == ',') {
          pos++;
          skipSpaces();
        } else if (peek() != '}') {
          throw error("expected ',' or '}'");
        }
      }
      pos++;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
          throw error("unexpected text after the header dict");
        }
        pos++;
      }
      return build(entries);
    }

    private NpyHeader build(Map<String, Object> entries) {
      for (String key : entries.keySet()) {
        if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
          throw new InvalidInputException(source + ": malformed .npy header: unexpected key '"
              + printable(key) + "' (expected descr, fortran_order, shape)");
        }
      }
      Object descr = required(entries, "descr");
      Object fortran = required(entries, "fortran_order");
      Object shape = required(entries, "shape");
      if (!(descr instanceof String d)) {
        throw new InvalidInputException(source + ": malformed .npy header: 'descr' must be a string;"
            + " structured dtypes are not supported");
      }
      if (!(fortran instanceof Boolean f)) {
        throw new InvalidInputException(source + ": malformed .npy header: 'fortran_order' must be True or False");
      }
      if (!(shape instanceof long[] dims)) {
        throw new InvalidInputException(source + ": malformed .npy header: 'shape' must be a tuple of integers");
      }
      return new NpyHeader(d, f, dims);
    }

    private Object required(Map<String, Object> entries, String key) {
      Object v = entries.get(key);
      if (v == null) {
        throw new InvalidInputException(source + ": malformed .npy header: missing key '" + key + "'");
      }
      return v;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (s.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      throw error("expected a string, True, False or a tuple");
    }

    private long[] tuple() {
      expect('(');
      skipSpaces();
      long[] dims = new long[0];
      boolean trailingComma = false;
      while (peek() != ')') {
        long d = integer();
        dims = Arrays.copyOf(dims, dims.length + 1);
        dims[dims.length - 1] = d;
        skipSpaces();
        trailingComma = false;
        if (peek() == ',') {
          pos++;
          trailingComma = true;
          skipSpaces();
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in the shape tuple");
        }
      }
      if (dims.length == 1 && !trailingComma) {
        throw error("'shape' must be a tuple: a single dimension needs a trailing comma");
      }
      pos++;
      return dims;
    }

    private long integer() {
      int start = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
        pos++;
      }
      if (pos == start) {
        throw error("expected a non-negative integer dimension");
      }
      String digits = s.substring(start, pos);
      if (pos < s.length() && s.charAt(pos) == 'L') {
        pos++; // Python 2 long literal, as written by old NumPy versions
      }
      if (digits.length() > 18) {
        pos = start;
        throw error("dimension " + digits + " is too large");
      }
      return Long.parseLong(digits);
    }

    private String string() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string");
      }
      int start = ++pos;
      while (pos < s.length() && s.charAt(pos) != quote) {
        if (s.charAt(pos) == '\\' || s.charAt(pos) == '\n') {
          throw error("unsupported character in a string");
        }
        pos++;
      }
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      return s.substring(start, pos++);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end of header");
      }
      return s.charAt(pos);
    }

    private void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    private InvalidInputException error(String what) {
      int end = Math.min(s.length(), pos + 20);
      String near = pos < s.length() ? ", near \"" + printable(s.substring(pos, end)) + "\"" : "";
      return new InvalidInputException(
          source + ": malformed .npy header: " + what + " at offset " + pos + near);
    }

    /** Keeps messages on one line and readable whatever bytes the header holds. */
    private static String printable(String raw) {
      StringBuilder sb = new StringBuilder();
      for (char c : raw.toCharArray()) {
        if (c >= 0x20 && c < 0x7f) {
          sb.append(c);
        } else if (c == '\n') {
          sb.append("\\n");
        } else {
          sb.append(String.format("\\x%02x", (int) c & 0xff));
        }
      }
      return sb.toString();
    }
  }
}
