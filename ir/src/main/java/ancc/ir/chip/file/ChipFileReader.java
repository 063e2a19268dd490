package ancc.ir.chip.file;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.file.YamlScan.Loc;
import ancc.ir.chip.file.YamlScan.Node;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chip file text -> {@link Chip}: the YAML is read whole ({@link YamlScan}: syntax, duplicate
 * keys, one document), then Jackson binds it into {@link ChipFile} (keys checked,
 * values typed, units parsed, rules between keys checked as each block is built), and every
 * problem becomes one line {@code FILE:LINE:COL: key 'PATH': problem} at the offending value
 * (at the key, for unknown and duplicate keys; at the enclosing block, for a missing key).
 */
public final class ChipFileReader {
  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final ObjectMapper MAPPER = YAMLMapper.builder(FACTORY)
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(Values.module())
      .build();
  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private ChipFileReader() {}

  /** Reads one chip file; {@code file} names it in messages. */
  public static Chip read(String text, String file) {
    YamlScan p = null;
    try (JsonParser yaml = FACTORY.createParser(text)) {
      p = YamlScan.of(yaml, file);
      return MAPPER.readValue(p.tokens().asParser(), ChipFile.class).toChip();
    } catch (JsonMappingException e) {
      throw translate(e, p);
    } catch (JsonProcessingException e) {
      throw Syntax.error(file, e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** A databind failure as the user's one line, located by the parser's memory. */
  private static InvalidInputException translate(JsonMappingException e, YamlScan p) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException ie) {
        return ie;
      }
      if (c instanceof KeyProblem k) {
        return at(p, join(path(e), k.key()), k.getMessage());
      }
    }
    String path = path(e);
    Node node = p.value(path);
    if (e instanceof UnrecognizedPropertyException u) {
      return p.error(p.key(path), "key '" + path + "': unknown key (expected one of: "
          + String.join(", ", keys(u.getReferringClass())) + ")");
    }
    if (e instanceof InvalidTypeIdException t && (node == null || node.token() == JsonToken.START_OBJECT)) {
      return typeId(t, p, path);
    }
    if (e instanceof BadValue) {
      return at(p, path, e.getOriginalMessage());
    }
    if (node == null) {
      return missing(p, path, parent(path));
    }
    String what = path.isEmpty() ? "the file" : "key '" + path + "'";
    String want = isList(e) ? "a list" : "a mapping of keys";
    boolean fits = node.token() == (isList(e) ? JsonToken.START_ARRAY : JsonToken.START_OBJECT);
    return p.error(node.at(), what + ": " + (fits ? e.getOriginalMessage().lines().findFirst().orElse("invalid")
        : "expected " + want + ", got " + node.what()));
  }

  /** The key that picks a block's record ({@code kind}, {@code model}, {@code type}) is missing or unknown. */
  private static InvalidInputException typeId(InvalidTypeIdException t, YamlScan p, String path) {
    Class<?> base = t.getBaseType().getRawClass();
    String key = join(path, base.getAnnotation(JsonTypeInfo.class).property());
    List<String> names = Arrays.stream(base.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name)
        .toList();
    Node given = p.value(key);
    if (given == null) {
      return missing(p, key, path);
    }
    boolean word = given.token().isScalarValue() && given.token() != JsonToken.VALUE_NULL;
    return p.error(given.at(), "key '" + key + "': " + (word ? "unknown value '" + t.getTypeId()
        + "' (expected one of: " + String.join(", ", names) + ")" : "expected one of " + names + ", got "
        + given.what()));
  }

  private static boolean isList(JsonMappingException e) {
    return e instanceof MismatchedInputException m && m.getTargetType() != null
        && List.class.isAssignableFrom(m.getTargetType());
  }

  private static InvalidInputException missing(YamlScan p, String key, String block) {
    Node parent = p.value(block);
    Loc at = parent == null ? new Loc(1, 1) : parent.at();
    return p.error(at, "key '" + key + "': missing (required)");
  }

  private static InvalidInputException at(YamlScan p, String path, String message) {
    Node n = p.value(path);
    for (String up = path; n == null && !up.isEmpty(); ) {
      up = parent(up);
      n = p.value(up);
    }
    return p.error(n == null ? new Loc(1, 1) : n.at(), "key '" + path + "': " + message);
  }

  /** {@code tiles[0].cell.g_max} from Jackson's path of references. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** The keys of a block in order: the type key of its kind (if any), then its record components. */
  static List<String> keys(Class<?> block) {
    List<String> out = new ArrayList<>();
    for (Class<?> i : block.getInterfaces()) {
      JsonTypeInfo info = i.getAnnotation(JsonTypeInfo.class);
      if (info != null) {
        out.add(info.property());
      }
    }
    if (block.isRecord()) {
      Arrays.stream(block.getRecordComponents()).map(c -> SNAKE.translate(c.getName())).forEach(out::add);
    }
    return out;
  }

  /** SnakeYAML's multi-line syntax errors as one line. */
  static final class Syntax {
    private static final Pattern MARK =
        Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):");

    private Syntax() {}

    /**
     * The message alternates description lines ("while parsing a block mapping", "expected
     * <block end>, but found '-'") with marks ("in 'reader', line 9, column 3:") and source
     * excerpts; the last mark is where the problem is.
     */
    static InvalidInputException error(String file, JsonProcessingException e) {
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
        where = YamlScan.loc(e.getLocation()).toString();
      }
      String message = what.isEmpty() ? "syntax error" : String.join(": ", what);
      return new InvalidInputException(file + (where == null ? "" : ":" + where) + ": YAML syntax error: " + message,
          e);
    }
  }
}
