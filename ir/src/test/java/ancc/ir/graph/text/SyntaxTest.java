package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyntaxTest {
  private static void assertFloatRoundTrips(int bits) {
    float f = Float.intBitsToFloat(bits);
    String text = Syntax.formatFloat(f);
    assertEquals(bits, Float.floatToRawIntBits(Syntax.parseFloat(text)), text);
  }

  @Test
  void floatsRoundTripToIdenticalBits() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      assertFloatRoundTrips(r.nextInt());
    }
    int[] special = {0, 0x80000000, 1, 0x80000001, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000,
        0xffc00000, 0x7f800001, 0x7fffffff, 0xffffffff, 0x3dcccccd, 0x00800000, 0x007fffff};
    for (int bits : special) {
      assertFloatRoundTrips(bits);
    }
    assertEquals("nan", Syntax.formatFloat(Float.NaN));
    assertEquals("-inf", Syntax.formatFloat(Float.NEGATIVE_INFINITY));
    assertEquals("-0.0", Syntax.formatFloat(-0f));
    assertNull(Syntax.parseFloat("nan(0x3f800000)"));
  }

  @Test
  void namesAreQuotedOnlyWhenNeeded() {
    assertEquals("conv1.weight", Syntax.name("conv1.weight"));
    assertEquals("0", Syntax.name("0"));
    assertEquals("\"/conv1/Conv_output_0\"", Syntax.name("/conv1/Conv_output_0"));
    assertEquals("\"onnx::Gemm_7\"", Syntax.name("onnx::Gemm_7"));
    assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", Syntax.name("a\"b\\c\nd\te\u0001"));
    assertEquals("N", Syntax.symbol("N"));
    assertEquals("\"_\"", Syntax.symbol("_"));
    assertEquals("\"nan\"", Syntax.symbol("nan"));
    assertEquals("\"2x\"", Syntax.symbol("2x"));
  }

  @Test
  void quotedStringsRoundTrip() {
    String odd = "a\"b\\c\nd\te\r\u0001\u007f é ✓";
    assertEquals(odd, Syntax.unquote(Syntax.quote(odd)));
    assertEquals("x", Syntax.sigilName("%x"));
    assertEquals("a b", Syntax.sigilName("%\"a b\""));
  }
}
