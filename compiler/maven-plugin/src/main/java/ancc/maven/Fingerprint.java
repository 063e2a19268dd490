package ancc.maven;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a goal's result depends on, as ordered {@code key=value} lines: file contents by
 * SHA-256, the chip by the hash of its canonical description, and every setting as text. A goal
 * stores the lines beside its outputs after a successful run and does no work while the lines it
 * would store are the same and its outputs are present. Comparing two fingerprints names the
 * keys that differ, so a rebuild can say why.
 */
public final class Fingerprint {
  private final Map<String, String> entries = new LinkedHashMap<>();

  /** Records a setting; null is recorded as {@code -}. Keys are unique. */
  public Fingerprint add(String key, Object value) {
    if (key.contains("=") || key.contains("\n")) {
      throw new IllegalArgumentException("bad fingerprint key: " + key);
    }
    String v = value == null ? "-" : value.toString().replace("\n", "\\n");
    if (entries.putIfAbsent(key, v) != null) {
      throw new IllegalArgumentException("fingerprint key recorded twice: " + key);
    }
    return this;
  }

  /** Records a file by its contents (SHA-256 and size); a null file is recorded as absent. */
  public Fingerprint addFile(String key, Path file) throws IOException {
    return add(key, file == null ? null : sha256(file) + " " + Files.size(file));
  }

  /** The lines, one {@code key=value} each, ending in a newline. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    entries.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  /** Parses {@link #text()}; lines without '=' are ignored. */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }

  /** The keys whose values differ between {@code stored} and this fingerprint, or that only one has. */
  public List<String> changedSince(Map<String, String> stored) {
    Set<String> keys = new TreeSet<>(entries.keySet());
    keys.addAll(stored.keySet());
    List<String> changed = new ArrayList<>();
    for (String k : keys) {
      if (!java.util.Objects.equals(entries.get(k), stored.get(k))) {
        changed.add(k);
      }
    }
    return changed;
  }

  /** The fingerprint stored in {@code file}, or an empty map when there is none. */
  public static Map<String, String> read(Path file) throws IOException {
    return Files.isRegularFile(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : Map.of();
  }

  /** Writes {@link #text()} to {@code file} atomically. */
  public void write(Path file) throws IOException {
    byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
    ancc.runtime.io.StagedFiles.writeAtomically(file, out -> out.write(bytes));
  }

  /** The SHA-256 of a file's bytes, in lower-case hex. */
  public static String sha256(Path file) throws IOException {
    return MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString();
  }
}
