package ancc.ir.program.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ancc.ir.graph.text.RoundTrip;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramSamples;
import ancc.ir.program.ProgramVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** program/everything.xbp is the checked-in text of ProgramSamples.everything(): the format must not drift. */
class GoldenProgramTest {
  static String resource(String path) throws IOException {
    try (InputStream in = GoldenProgramTest.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void goldenTextParsesToTheSampleAndPrintsBackByteForByte() throws IOException {
    String text = resource("/program/everything.xbp");
    Program p = ProgramParser.parse(text, "everything.xbp");
    RoundTrip.assertSameText(text, ProgramPrinter.print(p));
    assertEquals(text, ProgramPrinter.print(p));
    ProgramRoundTrip.assertEqual(ProgramSamples.everything(), p, "the golden program");
    RoundTrip.assertSameText(text, ProgramPrinter.print(ProgramSamples.everything()));
    assertEquals(List.of(), ProgramVerifier.check(p));
  }

  @Test
  void commentsLayoutAndDeclarationOrderAreNotSignificant() throws IOException {
    String text = resource("/program/everything.xbp");
    String messy = "// written by hand\n" + text.replace("\n  ", "\n    // a comment line\n\t ")
        .replace(", ", " ,\n ").replace(" -> ", "->").replace(" = ", "=");
    RoundTrip.assertSameText(text, ProgramPrinter.print(ProgramParser.parse(messy, "messy.xbp")));
    // Tile blocks may come before the declarations they use.
    int tiles = text.indexOf("  tile 0 memristor {");
    int end = text.lastIndexOf("}\n");
    int header = text.indexOf("{\n") + 2;
    String reordered = text.substring(0, header) + text.substring(tiles, end) + text.substring(header, tiles) + "}\n";
    RoundTrip.assertSameText(text, ProgramPrinter.print(ProgramParser.parse(reordered, "reordered.xbp")));
  }
}
