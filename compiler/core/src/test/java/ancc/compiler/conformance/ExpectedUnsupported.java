package ancc.compiler.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conformance cases ancc is known not to support, read from {@value #RESOURCE}: one case a
 * line, {@code SUITE/CASE OP} (the op type the importer names when it rejects the model), blank
 * lines and {@code #} comments ignored. docs/conformance.md explains the groups.
 */
final class ExpectedUnsupported {
  static final String RESOURCE = "/ancc/compiler/conformance/expected-unsupported.txt";

  private ExpectedUnsupported() {}

  /** Case id -> op type, in file order. */
  static Map<String, String> read() {
    try (InputStream in = ExpectedUnsupported.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + RESOURCE + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + ": " + e, e);
    }
  }

  static Map<String, String> parse(String text) {
    Map<String, String> cases = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length != 2 || !f[0].contains("/")) {
        throw new IllegalStateException(RESOURCE + ":" + (i + 1) + ": expected 'SUITE/CASE OP', got '" + line + "'");
      }
      if (cases.put(f[0], f[1]) != null) {
        throw new IllegalStateException(RESOURCE + ":" + (i + 1) + ": case " + f[0] + " is listed twice");
      }
    }
    return Collections.unmodifiableMap(cases);
  }
}
