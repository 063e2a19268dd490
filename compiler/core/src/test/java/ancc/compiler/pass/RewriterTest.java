package ancc.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.IrParser;
import ancc.ir.graph.text.IrPrinter;
import org.junit.jupiter.api.Test;

class RewriterTest {
  private static final TensorType T = TensorType.of(DType.F32, 2);

  @Test
  void followsChainsAndTypeChanges() {
    Value a = new Value("a", T);
    Value b = new Value("b", T);
    Value b2 = new Value("b", TensorType.of(DType.F32, 3));
    Rewriter rw = new Rewriter().replace(a, b).replace(b, b2);
    assertEquals(b2, rw.apply(a));
    assertEquals(b2, rw.apply(b));
    assertEquals(new Value("c", T), rw.apply(new Value("c", T)));
    assertNull(rw.apply((Value) null));
  }

  @Test
  void rejectsCycles() {
    Value a = new Value("a", T);
    Value b = new Value("b", T);
    Rewriter rw = new Rewriter().replace(a, b).replace(b, a);
    assertThrows(IllegalStateException.class, () -> rw.apply(a));
  }

  @Test
  void renamesDefinitionsUsesAndGraphOutputs() {
    Module m = IrParser.parse(String.join("\n",
        "module @m {",
        "  input %x : f32[2]",
        "  %a = relu(%x) : f32[2]",
        "  %b = neg(%a) : f32[2]",
        "  output %a",
        "  output %b",
        "}",
        ""), "m.air");
    Rewriter rw = new Rewriter().replace(new Value("a", T), new Value("r", T));
    assertEquals(String.join("\n",
        "module @m {",
        "  input %x : f32[2]",
        "  %r = relu(%x) : f32[2]",
        "  %b = neg(%r) : f32[2]",
        "  output %r",
        "  output %b",
        "}",
        ""), IrPrinter.print(rw.apply(m)));
    assertSame(m, new Rewriter().apply(m));
  }
}
