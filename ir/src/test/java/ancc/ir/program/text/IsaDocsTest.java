package ancc.ir.program.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.RoundTrip;
import ancc.ir.graph.text.SidecarWriter;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramSamples;
import ancc.ir.program.ProgramVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Keeps docs/isa.md honest: its example is valid printer output, and every instruction has a section. */
class IsaDocsTest {
  private static final Path DOC = Path.of("..", "docs", "isa.md");

  @Test
  void exampleParsesVerifiesAndIsPrinterOutput() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("```\n" + ProgramPrinter.HEADER);
    assertTrue(start >= 0, "no example in " + DOC);
    String example = doc.substring(start + 4, doc.indexOf("```", start + 4));
    Program p = ProgramParser.parse(example, "docs/isa.md", ByteBuffer.allocate(198144 + 65536));
    assertEquals(List.of(), ProgramVerifier.check(p));
    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    RoundTrip.assertSameText(example, ProgramPrinter.print(p, IrPrinter.Options.DEFAULT, new SidecarWriter(bin)));
    assertEquals(198144 + 65536, bin.size());
    ProgramRoundTrip.assertRoundTrip(p);
  }

  @Test
  void everyInstructionHasASectionAndASyntaxRow() throws IOException {
    String doc = Files.readString(DOC);
    TreeSet<String> missing = new TreeSet<>();
    for (var t : ProgramSamples.everything().tiles()) {
      for (Instr i : t.instrs()) {
        if (!doc.contains("\n### " + i.name() + "\n") || !doc.contains("\n| `" + i.name() + "` | `" + i.name())) {
          missing.add(i.name());
        }
      }
    }
    assertEquals(new TreeSet<>(), missing, "instructions without a section or syntax row in " + DOC);
  }
}
