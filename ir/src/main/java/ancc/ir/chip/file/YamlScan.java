package ancc.ir.chip.file;

import ancc.ir.InvalidInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One pass of Jackson's YAML parser over a chip file before anything is bound: syntax errors,
 * duplicate keys, YAML aliases and a second document are refused here, the tokens are kept for
 * databind ({@link #tokens()}), and the line and column of every key and value is remembered
 * under its key path ({@code tiles[0].cell.g_max}), so that an error found while binding (a
 * missing key, a rule between two keys) still names its line.
 */
final class YamlScan {

  /** 1-based line and column. */
  record Loc(int line, int col) {
    @Override
    public String toString() {
      return line + ":" + col;
    }
  }

  /** Where a value starts and what it is ({@code a mapping}, {@code the text '2'}). */
  record Node(Loc at, JsonToken token, String what) {}

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

  private final String file;
  private final Map<String, Loc> keys = new HashMap<>();
  private final Map<String, Node> values = new HashMap<>();
  private final TokenBuffer tokens;

  private YamlScan(String file, TokenBuffer tokens) {
    this.file = file;
    this.tokens = tokens;
  }

  /** Reads the one YAML document of {@code text}. */
  static YamlScan of(JsonParser p, String file) throws IOException {
    YamlScan scan = new YamlScan(file, new TokenBuffer(p));
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new InvalidInputException(file + ":1:1: the file is empty");
    }
    int depth = 0;
    do {
      scan.note(p, t);
      scan.copy(p, t);
      depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
    } while (depth > 0 && (t = p.nextToken()) != null);
    if (p.nextToken() != null) {
      throw scan.error(loc(p.currentTokenLocation()), "only one YAML document is allowed");
    }
    return scan;
  }

  /**
   * Numbers are kept as written in decimal: YAML 1.1 would read {@code 010} as 8 and {@code 0x10}
   * as 16; here {@code 010} is 10, and other spellings stay text in a number token, which the
   * deserializers refuse, quoting it.
   */
  private void copy(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      String digits = p.getText().replace("_", "");
      if (DECIMAL.matcher(digits).matches()) {
        tokens.writeNumber(new BigInteger(digits));
      } else {
        tokens.writeNumber(p.getText());
      }
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      tokens.writeNumber(p.getText());
    } else {
      tokens.copyCurrentEvent(p);
    }
  }

  /** The document's tokens, for databind. */
  TokenBuffer tokens() {
    return tokens;
  }

  private void note(JsonParser p, JsonToken t) throws IOException {
    Loc at = loc(p.currentTokenLocation());
    JsonStreamContext context = p.getParsingContext();
    if (t == JsonToken.FIELD_NAME) {
      String path = path(context);
      Loc first = keys.putIfAbsent(path, at);
      if (first != null) {
        throw error(at, "duplicate key '" + p.currentName() + "' (first at line " + first.line() + ")");
      }
    } else if (!t.isStructEnd()) {
      if (p instanceof YAMLParser y && y.isCurrentAlias()) {
        throw error(at, "YAML aliases (*" + p.getText() + ") are not supported in chip files");
      }
      String path = path(t.isStructStart() ? context.getParent() : context);
      values.put(path, new Node(at, t, Values.describe(t, p.getText())));
    }
  }

  /** The location of the key {@code path}, if the file has it. */
  Loc key(String path) {
    return keys.get(path);
  }

  /** The value at {@code path}, if the file has it. */
  Node value(String path) {
    return values.get(path);
  }

  InvalidInputException error(Loc at, String message) {
    return new InvalidInputException(file + ":" + at + ": " + message);
  }

  static Loc loc(JsonLocation l) {
    return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  /** {@code tiles[0].cell}: the key path of a parsing context (empty for the top level). */
  private static String path(JsonStreamContext c) {
    if (c == null || c.inRoot()) {
      return "";
    }
    String parent = path(c.getParent());
    if (c.inArray()) {
      return c.getCurrentIndex() < 0 ? parent : parent + "[" + c.getCurrentIndex() + "]";
    }
    String name = c.getCurrentName();
    return name == null ? parent : parent.isEmpty() ? name : parent + "." + name;
  }
}
