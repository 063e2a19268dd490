package ancc.ir.chip;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.file.ChipFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reading chip descriptions: from text, from a file, or a preset shipped in the jar
 * ({@code ancc/chips/NAME.yaml}). Every problem with the input is an
 * {@link InvalidInputException} with a one-line message {@code FILE:LINE:COL: key 'PATH': problem}.
 */
public final class Chips {
  private static final List<String> PRESETS = List.of("default", "hermes-pcm", "neurram", "isaac");

  private Chips() {}

  /** Parses chip YAML; {@code fileName} is used in error messages. */
  public static Chip parse(String yaml, String fileName) {
    return ChipFileReader.read(yaml, fileName);
  }

  /** Reads and parses a chip file. */
  public static Chip load(Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** The names of the shipped presets, in a fixed order. */
  public static List<String> presetNames() {
    return PRESETS;
  }

  /** A shipped preset by name. */
  public static Chip preset(String name) {
    if (!PRESETS.contains(name)) {
      throw new InvalidInputException("unknown chip preset '" + name + "' (presets: " + String.join(", ", PRESETS)
          + ")");
    }
    String resource = "ancc/chips/" + name + ".yaml";
    try (InputStream in = Chips.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("preset resource " + resource + " is missing from the build");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read preset resource " + resource, e);
    }
  }

  /**
   * A preset name, or a path to a {@code .yaml}/{@code .yml} chip file. Anything else is an
   * error naming both possibilities.
   */
  public static Chip resolve(String nameOrPath) {
    String lower = nameOrPath.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return load(Path.of(nameOrPath));
    }
    if (PRESETS.contains(nameOrPath)) {
      return preset(nameOrPath);
    }
    throw new InvalidInputException("unknown chip '" + nameOrPath + "': not a preset (" + String.join(", ", PRESETS)
        + ") nor a .yaml/.yml file");
  }
}
