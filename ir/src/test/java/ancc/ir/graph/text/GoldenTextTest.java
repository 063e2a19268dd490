package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenTextTest {
  static String resource(String path) throws IOException {
    try (InputStream in = GoldenTextTest.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void lenetLikePrintsBackByteForByte() throws IOException {
    String text = resource("/graph/lenet-like.air");
    Module m = IrParser.parse(text, "lenet-like.air");
    RoundTrip.assertSameText(text, IrPrinter.print(m));
    assertEquals(text, IrPrinter.print(m));
    assertEquals(List.of(), Verifier.checkStructure(m));
    assertEquals(7, m.nodes().size());
    assertEquals("/conv1/Conv", m.nodes().get(0).loc());
    assertEquals("onnx::Gemm_7", m.nodes().get(4).output().name());
    RoundTrip.assertRoundTrip(m);
  }

  @Test
  void commentsAndLayoutAreNotSignificant() throws IOException {
    String text = resource("/graph/lenet-like.air");
    String messy = "// produced by hand\n" + text.replace("\n  ", "\n    // a comment line\n\t ")
        .replace(", ", " ,\n ").replace(" = ", "=");
    RoundTrip.assertSameText(text, IrPrinter.print(IrParser.parse(messy, "messy.air")));
  }
}
