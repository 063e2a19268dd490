package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps docs/ir.md honest: its example parses and verifies, and its op table names every op. */
class DocsTest {
  private static final Path DOC = Path.of("..", "docs", "ir.md");

  @Test
  void exampleParsesAndVerifies() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("```\nmodule @lenet {");
    assertTrue(start >= 0, "no example in " + DOC);
    String example = doc.substring(start + 4, doc.indexOf("```", start + 4));
    Module m = IrParser.parse(example, "docs/ir.md", ByteBuffer.allocate(600));
    assertEquals(List.of(), Verifier.check(m));
    RoundTrip.assertRoundTrip(m);
  }

  @Test
  void opTableNamesEveryOp() throws IOException {
    List<String> rows = Files.readAllLines(DOC).stream().filter(l -> l.startsWith("| `")).collect(Collectors.toList());
    TreeSet<String> missing = new TreeSet<>();
    for (OpSchema s : OpSchema.all()) {
      String quoted = "`" + s.opName() + "`";
      if (rows.stream().noneMatch(r -> r.substring(0, r.indexOf(" |", 2)).contains(quoted))) {
        missing.add(s.opName());
      }
    }
    assertEquals(new TreeSet<>(), missing, "ops missing from the table in " + DOC);
  }
}
