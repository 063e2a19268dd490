package ancc.ir.program.text;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.RoundTrip;
import ancc.ir.graph.text.SidecarWriter;
import ancc.ir.program.Program;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Test utility for everything that produces programs: {@link #assertRoundTrip} prints the
 * program, parses it back, prints again and requires identical text and a structurally equal
 * program (first with every tensor inline, then with every tensor in a sidecar). Throws
 * {@link AssertionError} naming the first differing line or element.
 */
public final class ProgramRoundTrip {
  private ProgramRoundTrip() {}

  /** Checks print -> parse -> print, inline and via a sidecar; returns the inline text. */
  public static String assertRoundTrip(Program p) {
    String text = ProgramPrinter.print(p);
    Program parsed = parse(text, "<round-trip>", null);
    RoundTrip.assertSameText(text, ProgramPrinter.print(parsed));
    assertEqual(p, parsed, "parse(print(p))");

    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    String withBlobs = ProgramPrinter.print(p, IrPrinter.Options.DEFAULT.withInlineLimit(0), new SidecarWriter(bin));
    Program viaSidecar = parse(withBlobs, "<round-trip-sidecar>", ByteBuffer.wrap(bin.toByteArray()));
    assertEqual(p, viaSidecar, "parse(print(p) with sidecar)");
    RoundTrip.assertSameText(text, ProgramPrinter.print(viaSidecar));
    return text;
  }

  public static void assertEqual(Program expected, Program actual, String what) {
    Optional<String> d = ProgramEquality.firstDifference(expected, actual);
    if (d.isPresent()) {
      throw new AssertionError(what + " differs from the original program: " + d.get());
    }
  }

  private static Program parse(String text, String name, ByteBuffer sidecar) {
    try {
      return sidecar == null ? ProgramParser.parse(text, name) : ProgramParser.parse(text, name, sidecar);
    } catch (InvalidInputException e) {
      throw new AssertionError("printed program does not parse: " + e.getMessage() + "\n" + text, e);
    }
  }
}
