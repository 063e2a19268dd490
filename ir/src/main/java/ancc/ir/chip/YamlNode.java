package ancc.ir.chip;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node remembers where it starts in the file, so that
 * semantic errors found after parsing can still name the line. Built by {@link YamlTree}.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  /** 1-based line and column. */
  record Loc(int line, int col) {
    @Override
    public String toString() {
      return line + ":" + col;
    }
  }

  Loc loc();

  /** What a node is, for "expected a mapping, got a list" messages. */
  String describe();

  /** A key with its own location and its value. */
  record Entry(String key, Loc keyLoc, YamlNode value) {}

  /** A mapping; entries in file order, keys unique. */
  record Mapping(Map<String, Entry> entries, Loc loc) implements YamlNode {
    public String describe() {
      return "a mapping";
    }
  }

  record Sequence(List<YamlNode> items, Loc loc) implements YamlNode {
    public String describe() {
      return "a list";
    }
  }

  /** The scalar's token type as the YAML parser resolved it. */
  enum ScalarType { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

  record Scalar(String text, ScalarType type, Loc loc) implements YamlNode {
    public String describe() {
      switch (type) {
        case STRING:
          return "the text '" + text + "'";
        case NULL:
          return "nothing";
        default:
          return "'" + text + "'";
      }
    }
  }
}
