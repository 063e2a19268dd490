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

/** The shared option mixins: help text without format warnings, rejected by {@code run --mode reference}, progress. */
class PlacementOptionsTest {
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
  void runRejectsEverySimulatorOptionInReferenceMode() {
    Set<String> declared = new TreeSet<>();
    for (Object mixin : List.of(new ChipOption(), new PlacementOptions(), new InstanceOptions(), new ReadOptions())) {
      for (OptionSpec o : CommandLine.Model.CommandSpec.forAnnotatedObject(mixin).options()) {
        declared.add(o.longestName());
      }
    }
    declared.add("--json");
    assertEquals(declared, new TreeSet<>(RunCommand.SIMULATOR_ONLY));
  }

  @Test
  void referenceModeRejectsThePartitionerOptions(@TempDir Path dir) {
    Path out = dir.resolve("x.npy");
    String input = Cli.testdata("fashion_mnist/images_16.npy").toString();
    for (List<String> opt : List.of(List.of("--budget", "1%"), List.of("--calib", IMAGES), List.of("--chips",
        "3"), List.of("--granularity", "kernel"), List.of("--cache-dir", dir.toString()))) {
      Cli.Result r = Cli.run(concat(List.of("run", MLP, "--input", input, "-o", out.toString(), "--mode",
          "reference"), opt));
      assertEquals(2, r.code(), opt + ": " + r);
      assertTrue(r.err().contains(opt.get(0) + " needs --mode ideal or analog"), r::toString);
      assertFalse(Files.exists(out));
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }
}
