package ancc.ir.graph.text;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.StructuralEquality;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Test utility for every module that produces graph IR: {@link #assertRoundTrip} prints the
 * module, parses it back, prints again and requires identical text and a structurally equal
 * module, reporting the first differing line or node. It throws {@link AssertionError}, so it
 * works under any test framework. Other modules can reuse it through ir's test classes.
 */
public final class RoundTrip {
  private RoundTrip() {}

  /** Checks print -> parse -> print (inline constants, then all constants in a sidecar); returns the text. */
  public static String assertRoundTrip(Module m) {
    String text = IrPrinter.print(m);
    Module parsed = parse(text, "<round-trip>", null);
    assertSameText(text, IrPrinter.print(parsed));
    assertEqual(m, parsed, "parse(print(m))");

    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    String withBlobs = IrPrinter.print(m, IrPrinter.Options.DEFAULT.withInlineLimit(0), new SidecarWriter(bin));
    Module viaSidecar = parse(withBlobs, "<round-trip-sidecar>", ByteBuffer.wrap(bin.toByteArray()));
    assertEqual(m, viaSidecar, "parse(print(m) with sidecar)");
    assertSameText(text, IrPrinter.print(viaSidecar));
    return text;
  }

  /** Fails with the first difference between expected and actual, if any. */
  public static void assertEqual(Module expected, Module actual, String what) {
    Optional<String> d = StructuralEquality.firstDifference(expected, actual);
    if (d.isPresent()) {
      throw new AssertionError(what + " differs from the original module: " + d.get());
    }
  }

  /** Fails, naming the first differing line, when the two texts differ. */
  public static void assertSameText(String expected, String actual) {
    if (expected.equals(actual)) {
      return;
    }
    String[] a = expected.split("\n", -1);
    String[] b = actual.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of text>";
      String y = i < b.length ? b[i] : "<end of text>";
      if (!x.equals(y)) {
        throw new AssertionError("printed text differs at line " + (i + 1) + ":\n  expected: " + x
            + "\n  actual:   " + y);
      }
    }
    throw new AssertionError("printed texts differ");
  }

  private static Module parse(String text, String name, ByteBuffer sidecar) {
    try {
      return sidecar == null ? IrParser.parse(text, name) : IrParser.parse(text, name, sidecar);
    } catch (InvalidInputException e) {
      throw new AssertionError("printed module does not parse: " + e.getMessage() + "\n" + text, e);
    }
  }
}
