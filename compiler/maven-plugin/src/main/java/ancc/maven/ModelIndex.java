package ancc.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of models the last {@code ancc:compile} built, {@code OUT/ancc-models.txt}: one model
 * name (its output folder below {@code OUT}) per line. {@code ancc:verify} checks exactly these,
 * so folders of models since removed from the build are not gated.
 */
final class ModelIndex {
  static final String FILE = "ancc-models.txt";

  private ModelIndex() {}

  /** Writes the list when it differs from the stored one. */
  static void write(Path outputDirectory, List<String> names) throws IOException {
    Path file = outputDirectory.resolve(FILE);
    String text = names.isEmpty() ? "" : String.join("\n", names) + "\n";
    if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    Files.createDirectories(outputDirectory);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ancc.runtime.io.StagedFiles.writeAtomically(file, out -> out.write(bytes));
  }

  /** The stored list; null when {@code ancc:compile} has not run into this folder. */
  static List<String> read(Path outputDirectory) throws IOException {
    Path file = outputDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(line.trim());
      }
    }
    return out;
  }
}
