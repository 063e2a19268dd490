package ancc.ir.chip;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.YamlNode.Entry;
import ancc.ir.chip.YamlNode.Loc;
import ancc.ir.chip.YamlNode.Mapping;
import ancc.ir.chip.YamlNode.Scalar;
import ancc.ir.chip.YamlNode.ScalarType;
import ancc.ir.chip.YamlNode.Sequence;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads YAML text into a {@link YamlNode} tree with Jackson's streaming YAML parser, recording the
 * location of every key and value. Syntax errors, duplicate keys and a second document are
 * reported as one-line {@code FILE:LINE:COL: message} errors.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private final String file;
  private final JsonParser p;

  private YamlTree(String file, JsonParser p) {
    this.file = file;
    this.p = p;
  }

  /** Parses one YAML document. */
  static YamlNode parse(String text, String file) {
    try (JsonParser p = FACTORY.createParser(text)) {
      YamlTree t = new YamlTree(file, p);
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InvalidInputException(file + ":1:1: the file is empty");
      }
      YamlNode root = t.node(first);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw t.error(loc(p.currentTokenLocation()), "only one YAML document is allowed");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntax(file, e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private YamlNode node(JsonToken token) throws IOException {
    Loc at = loc(p.currentTokenLocation());
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      throw error(at, "YAML aliases (*" + p.getText() + ") are not supported in chip files");
    }
    switch (token) {
      case START_OBJECT:
        return mapping(at);
      case START_ARRAY: {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          items.add(node(t));
        }
        return new Sequence(List.copyOf(items), at);
      }
      case VALUE_STRING:
        return new Scalar(p.getText(), ScalarType.STRING, at);
      case VALUE_NUMBER_INT:
        return new Scalar(p.getText(), ScalarType.INTEGER, at);
      case VALUE_NUMBER_FLOAT:
        return new Scalar(p.getText(), ScalarType.FLOAT, at);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Scalar(p.getText(), ScalarType.BOOLEAN, at);
      case VALUE_NULL:
        return new Scalar("", ScalarType.NULL, at);
      default:
        throw error(at, "unexpected YAML content " + token);
    }
  }

  private Mapping mapping(Loc at) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String key = p.currentName();
      Loc keyLoc = loc(p.currentTokenLocation());
      if (entries.containsKey(key)) {
        throw error(keyLoc, "duplicate key '" + key + "' (first at line " + entries.get(key).keyLoc().line() + ")");
      }
      YamlNode value = node(p.nextToken());
      entries.put(key, new Entry(key, keyLoc, value));
    }
    return new Mapping(entries, at);
  }

  private InvalidInputException error(Loc at, String message) {
    return new InvalidInputException(file + ":" + at + ": " + message);
  }

  private static Loc loc(JsonLocation l) {
    return new Loc(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):");

  /**
   * A SnakeYAML syntax error as one line. Its message alternates description lines ("while
   * parsing a block mapping", "expected <block end>, but found '-'") with marks ("in 'reader',
   * line 9, column 3:") and source excerpts; the last mark is where the problem is.
   */
  static InvalidInputException syntax(String file, JsonProcessingException e) {
    String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    List<String> what = new ArrayList<>();
    String where = null;
    for (String line : text.lines().toList()) {
      Matcher m = MARK.matcher(line);
      if (m.find()) {
        where = m.group(1) + ":" + m.group(2);
      } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        what.add(line.strip());
      }
    }
    if (where == null && e.getLocation() != null) {
      where = loc(e.getLocation()).toString();
    }
    String message = what.isEmpty() ? "syntax error" : String.join(": ", what);
    return new InvalidInputException(file + (where == null ? "" : ":" + where) + ": YAML syntax error: " + message, e);
  }
}
