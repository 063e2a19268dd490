package ancc.compiler.eval;

import ancc.ir.InvalidInputException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data given as one file per graph input, {@code NAME=FILE} (e.g. {@code ids=ids.npy} and
 * {@code attention_mask=mask.npy} for a model with token ids and a mask), as the data options of
 * the command line take them ({@code --calib}, {@code --images}, each repeatable). The options'
 * single path carries the bindings as one text, the {@code NAME=FILE} items joined by the path
 * separator ({@value #SEPARATOR}, as in a class path): {@link #join} writes it, {@link #split}
 * reads it back. A path that names an existing file is always that file, so file names may hold
 * {@code =}.
 */
public final class DataFiles {
  /** The separator of the joined bindings. */
  public static final String SEPARATOR = File.pathSeparator;

  private DataFiles() {}

  /**
   * The one path of the data option's values: a single value as it is, several {@code NAME=FILE}
   * values joined; null for none.
   */
  public static Path join(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return Path.of(values.get(0));
    }
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0 || eq == v.length() - 1) {
        throw new InvalidInputException("data file '" + v + "': with several files, each is NAME=FILE (a graph input"
            + " and its .npy file)");
      }
    }
    return Path.of(String.join(SEPARATOR, values));
  }

  /**
   * The files of {@code path} by graph input name when it is a list of {@code NAME=FILE} bindings
   * (one or more, every NAME one of {@code inputs}); null when it is a plain file name.
   *
   * @throws InvalidInputException when a binding names no graph input, an input twice, or no file
   */
  public static Map<String, Path> split(Path path, List<String> inputs) {
    String text = path.toString();
    if (Files.exists(path) || text.indexOf('=') <= 0) {
      return null;
    }
    List<String> items = new ArrayList<>(List.of(text.split(java.util.regex.Pattern.quote(SEPARATOR), -1)));
    Map<String, Path> out = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      String name = eq < 0 ? item : item.substring(0, eq);
      if (eq <= 0 || !inputs.contains(name)) {
        if (items.size() == 1) {
          return null;
        }
        throw new InvalidInputException("data " + item + ": '" + name + "' is not a graph input of the model"
            + " (inputs: " + String.join(", ", inputs) + ")");
      }
      if (eq == item.length() - 1) {
        throw new InvalidInputException("data " + item + ": no file after '='");
      }
      Path file = Path.of(item.substring(eq + 1));
      Path previous = out.put(name, file);
      if (previous != null) {
        throw new InvalidInputException("data " + item + ": graph input '" + name + "' is given twice (also "
            + previous + ")");
      }
    }
    return out;
  }

  /**
   * A short name of the data {@code path} for summaries: its file name, or for several {@code
   * NAME=FILE} bindings each as {@code NAME=FILE_NAME}, joined by ", ".
   */
  public static String describe(Path path) {
    String text = path.toString();
    if (Files.exists(path) || !text.contains(SEPARATOR) || text.indexOf('=') <= 0) {
      Path name = path.getFileName();
      return name == null ? text : name.toString();
    }
    List<String> out = new ArrayList<>();
    for (String item : text.split(java.util.regex.Pattern.quote(SEPARATOR), -1)) {
      int eq = item.indexOf('=');
      Path f = Path.of(item.substring(eq + 1)).getFileName();
      out.add(item.substring(0, eq + 1) + (f == null ? item.substring(eq + 1) : f));
    }
    return String.join(", ", out);
  }
}
