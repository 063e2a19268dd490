package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class IrParseErrorTest {
  private static final String HEAD = "module @m {\n  input %x : f32[N,4]\n";

  /** Parses HEAD + body + "}" as bad.air and returns the error message. */
  private static String error(String body) {
    return assertThrows(InvalidInputException.class, () -> IrParser.parse(HEAD + body + "}\n", "bad.air")).getMessage();
  }

  private static void assertError(String expected, String body) {
    assertEquals(expected, error(body));
  }

  @Test
  void syntaxErrorStopsAtTheFirstProblem() {
    assertEquals("bad.air:2:12: syntax error: missing ':' at 'f32'",
        assertThrows(InvalidInputException.class, () -> IrParser.parse("module @m {\n  input %x f32[1]\n}\n", "bad.air"))
            .getMessage());
    assertError("bad.air:3:16: syntax error: extraneous input ')' expecting {'{', ':'}",
        "  %y = relu(%x)) : f32[N,4]\n");
    assertError("bad.air:3:8: syntax error: token recognition error at: '%\"x\\n'", "  %y = %\"x\n\" : f32[1]\n");
    assertEquals("bad.air:1:12: syntax error: mismatched input '<EOF>' expecting {'}', 'input', 'const', 'output', VALUE}",
        assertThrows(InvalidInputException.class, () -> IrParser.parse("module @m {", "bad.air")).getMessage());
  }

  @Test
  void unknownOp() {
    assertError("bad.air:3:8: unknown op 'frobnicate'", "  %y = frobnicate(%x) : f32[N,4]\n");
  }

  @Test
  void attributeErrorsNameTheAttribute() {
    assertError("bad.air:3:21: flatten: unknown attribute 'axes' (expected axis)",
        "  %y = flatten(%x) {axes = 1} : f32[N,4]\n");
    assertError("bad.air:3:28: flatten: attribute axis expects an integer, got 1.5",
        "  %y = flatten(%x) {axis = 1.5} : f32[N,4]\n");
    assertError("bad.air:3:20: flatten: missing attribute 'axis'", "  %y = flatten(%x) {} : f32[N,4]\n");
    assertError("bad.air:3:8: flatten: missing attribute 'axis'", "  %y = flatten(%x) : f32[N,4]\n");
    assertError("bad.air:3:31: flatten: duplicate attribute 'axis'", "  %y = flatten(%x) {axis = 1, axis = 2} : f32[N,4]\n");
    assertError("bad.air:3:18: relu: unknown attribute 'alpha' (relu has no attributes)",
        "  %y = relu(%x) {alpha = 1.0} : f32[N,4]\n");
    assertError("bad.air:3:42: softmax: attribute coerce2d expects true or false, got 1",
        "  %y = softmax(%x) {axis = 1, coerce2d = 1} : f32[N,4]\n");
    assertError("bad.air:3:23: cast: attribute to expects an element type (f32, f16, bf16, f64, i64, i32, i16, i8,"
        + " u8, u16, u32, u64, bool), got float", "  %y = cast(%x) {to = float} : f32[N,4]\n");
    assertError("bad.air:3:28: pad: attribute mode expects one of constant, reflect, edge, wrap, got mirror",
        "  %y = pad(%x, %x) {mode = mirror} : f32[N,4]\n");
    assertError("bad.air:3:34: transpose: attribute perm element 1 expects an integer, got x",
        "  %y = transpose(%x) {perm = [0, x]} : f32[N,4]\n");
    assertError("bad.air:3:30: transpose: attribute perm expects a list of integers like [1, 2], got 0",
        "  %y = transpose(%x) {perm = 0} : f32[N,4]\n");
  }

  @Test
  void valueErrors() {
    assertError("bad.air:3:13: undefined value %z", "  %y = relu(%z) : f32[N,4]\n");
    assertError("bad.air:4:3: redefinition of value %y (first defined at 3:3)",
        "  %y = relu(%x) : f32[N,4]\n  %y = relu(%x) : f32[N,4]\n");
    assertError("bad.air:3:9: redefinition of value %\"x\" (first defined at 2:9)", "  input %\"x\" : f32[1]\n");
    assertError("bad.air:3:10: undefined value %\"a b\"", "  output %\"a b\"\n");
    assertError("bad.air:3:23: relu defines 2 value(s) but lists 1 type(s)", "  %y, %z = relu(%x) : f32[N,4]\n");
  }

  @Test
  void typeErrors() {
    assertError("bad.air:3:14: unknown element type 'float32'", "  input %z : float32[1]\n");
    assertError("bad.air:3:20: negative dimension -3", "  input %z : f32[2,-3]\n");
    assertError("bad.air:3:14: constant %c needs a static shape, got f32[N]", "  const %c : f32[N] = dense<[1.0]>\n");
  }

  @Test
  void constantErrors() {
    assertError("bad.air:3:23: constant %c: dense has 2 elements but type f32[3] needs 3",
        "  const %c : f32[3] = dense<[1.0, 2.0]>\n");
    assertError("bad.air:3:33: constant %c element 1: expected an integer, got 2.5",
        "  const %c : i64[2] = dense<[1, 2.5]>\n");
    assertError("bad.air:3:34: constant %c element 1: bool elements are 0 or 1, got 2",
        "  const %c : bool[2] = dense<[1, 2]>\n");
    assertError("bad.air:3:25: constant %c: dense_elided is a display-only form and cannot be parsed;"
        + " write the IR with a sidecar (IrFiles.write) to keep large constants",
        "  const %c : f32[100] = dense_elided<100>\n");
    assertError("bad.air:3:25: constant %c: blob<0, 100> needs the constants sidecar file, and none was given",
        "  const %c : f32[100] = blob<0, 100>\n");
    assertError("bad.air:3:25: constant %c: blob<0, 99> has 99 elements but the type needs 100",
        "  const %c : f32[100] = blob<0, 99>\n");
    assertError("bad.air:3:28: constant %c element 0: nan(0x1) is not a NaN bit pattern",
        "  const %c : f32[] = dense<nan(0x1)>\n");
  }

  @Test
  void blobOutOfRangeOfTheSidecar() {
    String text = "module @m {\n  const %c : i64[4] = blob<64, 4>\n}\n";
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IrParser.parse(text, "bad.air", ByteBuffer.allocate(80)));
    assertEquals("bad.air:2:23: constant %c: blob<64, 4> (bytes 64 to 96) is out of range of the 80-byte sidecar",
        e.getMessage());
  }
}
