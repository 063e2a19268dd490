package ancc.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models of a build: the files below a folder whose path relative to it matches an include
 * pattern and no exclude pattern. Patterns are Ant-style, as in Maven file sets: {@code *} and
 * {@code ?} stay within one path segment, {@code **} spans any number of segments (also none:
 * {@code **}{@code /*.onnx} matches {@code mlp.onnx} and {@code a/b/mlp.onnx}); {@code /} and
 * {@code \} both separate segments; case matters.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** A model found: its file and its path relative to the model folder, with '/' separators. */
  public record Model(Path file, String relative) {
    /** The relative path without the {@code .onnx} extension: the model's name and output folder. */
    public String name() {
      return relative.regionMatches(true, relative.length() - 5, ".onnx", 0, 5) && relative.length() > 5
          ? relative.substring(0, relative.length() - 5) : relative;
    }
  }

  /** The regular files below {@code dir} matching {@code includes} and no {@code excludes}, sorted by path. */
  public static List<Model> scan(Path dir, List<String> includes, List<String> excludes) throws IOException {
    List<Pattern> in = includes.stream().map(ModelFiles::compile).toList();
    List<Pattern> out = excludes.stream().map(ModelFiles::compile).toList();
    List<Model> models = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        if (in.stream().anyMatch(p -> p.matcher(rel).matches()) && out.stream().noneMatch(p -> p.matcher(rel).matches())) {
          models.add(new Model(f, rel));
        }
      }
    }
    return models;
  }

  /** An Ant-style pattern as a regular expression over '/'-separated relative paths. */
  static Pattern compile(String antPattern) {
    String p = antPattern.trim().replace('\\', '/');
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p + "**";
    }
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (p.startsWith("**/", i)) {
        re.append("(?:.*/)?");
        i += 3;
      } else if (p.startsWith("**", i)) {
        re.append(".*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return Pattern.compile(re.toString());
  }
}
