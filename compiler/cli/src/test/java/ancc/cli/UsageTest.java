package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Help, version and usage errors (exit 2), and the internal-error report (exit 1). */
class UsageTest {

  @Test
  void helpOnEveryCommandExitsZero() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"import", "--help"}, {"run", "--help"}, {"help", "run"}}) {
      Cli.Result r = Cli.run(args);
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().startsWith("Usage: ancc"), r::toString);
      assertEquals("", r.err());
    }
    assertTrue(Cli.run("run", "--help").out().contains("--output-dir=DIR"));
    assertTrue(Cli.run("import", "--help").out().contains("--print-after-all"));
  }

  @Test
  void versionExitsZero() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.code(), r::toString);
    // "ancc 0.1.0-SNAPSHOT (commit 3a9b946, 2026-12-07)", or "(commit unknown)" outside git
    String first = r.out().lines().findFirst().orElse("");
    assertTrue(first.matches("ancc \\S+ \\(commit ([0-9a-f]{7}(-dirty)?, \\d{4}-\\d{2}-\\d{2}|unknown)\\)"), first);
    assertEquals("ancc " + ancc.compiler.BuildInfo.current().describe(), first);
  }

  private static void assertUsageError(Cli.Result r, String expected) {
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(expected), r::toString);
    assertTrue(r.err().contains("Usage: ancc"), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertUsageError(Cli.run("import", "--frobnicate", "m.onnx"), "Unknown option: '--frobnicate'");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertUsageError(Cli.run("compile-everything"), "Unmatched argument");
  }

  @Test
  void noCommandIsAUsageError() {
    assertUsageError(Cli.run(), "missing command");
  }

  @Test
  void missingModelIsAUsageError() {
    assertUsageError(Cli.run("run", "-o", "x.npy"), "Missing required parameter: 'MODEL.onnx|MODEL.air|COMPILED_DIR'");
  }

  @Test
  void runWithoutAnyOutputIsAUsageError() {
    Cli.Result r = Cli.run("run", "model-that-is-never-opened.onnx", "--input", "x.npy");
    assertUsageError(r, "no output: give -o OUT.npy or --output-dir DIR");
    assertTrue(r.err().startsWith("ancc run: "), r::toString);
  }

  @Test
  void unknownModeIsAUsageError() {
    assertUsageError(Cli.run("run", "m.onnx", "-o", "x.npy", "--mode", "simulate"),
        "unknown mode 'simulate' (modes: reference, ideal, analog)");
  }

  @Test
  void internalErrorsPointToAnccDebug() {
    StringWriter text = new StringWriter();
    int code = new ErrorReporter(false).report(new IllegalStateException("boom"), new PrintWriter(text));
    assertEquals(1, code);
    assertEquals("ancc: internal error: java.lang.IllegalStateException: boom\n"
        + "ancc: rerun with ANCC_DEBUG=1 for a stack trace\n", text.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void debugAddsTheStackTrace() {
    StringWriter text = new StringWriter();
    int code = new ErrorReporter(true).report(new IllegalStateException("boom"), new PrintWriter(text));
    assertEquals(1, code);
    assertTrue(text.toString().startsWith("ancc: internal error: java.lang.IllegalStateException: boom"));
    assertTrue(text.toString().contains("at ancc.cli.UsageTest"), text::toString);
  }

  @Test
  void messagesAreKeptOnOneLine() {
    assertEquals("a b c", ErrorReporter.oneLine(" a\n  b\r\nc\n"));
  }

  @Test
  void printAfterNamesAStepOrIsAUsageError() {
    Cli.Result r = Cli.run("compile", "model-that-is-never-opened.onnx", "--print-after", "lower,frobnicate");
    assertUsageError(r, "print-after: no step 'frobnicate' (steps: import, read-ir, remove-identity,");
  }
}
