package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The partitioner's flags: help text without format warnings, rejected by {@code run --mode reference}, progress. */
class PartitionFlagsTest {
  private static final String IMAGES = Cli.testdata("fashion_mnist/images_256.npy").toString();
  private static final String LABELS = Cli.testdata("fashion_mnist/labels_256.npy").toString();
  private static final String MLP = Cli.testdata("models/mlp.onnx").toString();

  @Test
  void helpOfEveryPartitioningCommandPrintsThePercentSignWithoutWarnings() {
    // picocli reports a description it cannot format on System.err, not on the command's stream
    PrintStream saved = System.err;
    ByteArrayOutputStream tracer = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
      for (String cmd : List.of("compile", "run", "eval")) {
        Cli.Result r = Cli.run(cmd, "--help");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("e.g. 1% (default: 0.5%)"), cmd + ": " + r);
        assertFalse(r.out().contains("%%"), cmd + ": " + r);
        assertFalse(r.err().contains("WARN"), cmd + ": " + r);
      }
    } finally {
      System.setErr(saved);
    }
    assertEquals("", tracer.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theListOfPartitionOptionsIsComplete() {
    Set<String> declared = new TreeSet<>();
    for (OptionSpec o : CommandLine.Model.CommandSpec.forAnnotatedObject(new PartitionFlags()).options()) {
      declared.add(o.longestName());
    }
    assertEquals(declared, new TreeSet<>(PartitionFlags.OPTIONS));
  }

  @Test
  void referenceModeRejectsThePartitionerOptions(@TempDir Path dir) {
    Path out = dir.resolve("x.npy");
    String input = Cli.testdata("fashion_mnist/images_16.npy").toString();
    for (List<String> opt : List.of(List.of("--budget", "1%"), List.of("--calib", IMAGES), List.of("--calib-chips",
        "3"), List.of("--granularity", "kernel"), List.of("--cache-dir", dir.toString()))) {
      Cli.Result r = Cli.run(concat(List.of("run", MLP, "--input", input, "-o", out.toString(), "--mode",
          "reference"), opt));
      assertEquals(2, r.code(), opt + ": " + r);
      assertTrue(r.err().contains(opt.get(0) + " needs --mode ideal or analog"), r::toString);
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void evalWithNoProgressPrintsNoPartitionerStageLines(@TempDir Path dir) {
    List<String> base = List.of("eval", MLP, "--images", IMAGES, "--labels", LABELS, "--samples", "32",
        "--placement", "auto", "--calib", IMAGES, "--calib-labels", LABELS, "--calib-samples", "32", "--budget", "1%",
        "--cache-dir", dir.toString());
    Cli.Result loud = Cli.run(base.toArray(String[]::new));
    assertEquals(0, loud.code(), loud::toString);
    assertTrue(loud.err().contains("ancc: verify done"), loud::toString);
    Cli.Result quiet = Cli.run(concat(base, List.of("--no-progress")));
    assertEquals(0, quiet.code(), quiet::toString);
    assertFalse(quiet.err().contains(" done"), quiet::toString);
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }
}
