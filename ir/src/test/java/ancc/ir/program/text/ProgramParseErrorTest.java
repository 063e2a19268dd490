package ancc.ir.program.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import org.junit.jupiter.api.Test;

class ProgramParseErrorTest {
  private static final String HEAD = "program @m chip \"c\" sha256 \"h\" {\n"
      + "  input %x : f32[N,4]\n"
      + "  output %y : f32[N,4]\n"
      + "  const @s : f32[4] = dense<[1.0, 2.0, 3.0, 4.0]>\n"
      + "  buffer %a : f32[N,4] tile 0\n"
      + "  buffer %b : f32[N,4] tile 0\n";
  private static final String ARRAY = "  array #0 memristor tile 0 slot 0 layer \"l\" in 0:2 out 0:1 weight_bits 2"
      + " slices 1 slice_bits 1 differential cells : i64[2,2] = dense<[1, 0, 0, 1]>\n";

  private static String error(String text) {
    return assertThrows(InvalidInputException.class, () -> ProgramParser.parse(text, "bad.xbp")).getMessage();
  }

  /** The error for HEAD + ARRAY + a memristor tile 0 whose body (line 8 on) is {@code body}. */
  private static String inTile(String body) {
    return error(HEAD + ARRAY + "  tile 0 memristor {\n" + body + "  }\n}\n");
  }

  /** The error for HEAD + {@code decls} (line 7 on) + "}". */
  private static String decl(String decls) {
    return error(HEAD + decls + "}\n");
  }

  @Test
  void validBaseParses() {
    ProgramParser.parse(HEAD + ARRAY + "  tile 0 memristor {\n    load %x -> %a\n  }\n}\n", "ok.xbp");
  }

  @Test
  void unknownMemorySpace() {
    assertEquals("bad.xbp:7:34: unknown memory space 'cache' (expected one of: local, global, dram)",
        decl("  buffer %c : f32[N,4] tile 0 in cache\n"));
  }

  @Test
  void memorySpacesParse() {
    ancc.ir.program.Program p = ProgramParser.parse(HEAD + "  buffer %g : f32[N,4] tile 0 in global\n"
        + "  buffer %d : f32[N,4] tile 0 in dram\n  buffer %l : f32[N,4] tile 0 in local\n"
        + ARRAY + "  tile 0 memristor {\n    load %x -> %a\n  }\n}\n", "ok.xbp");
    assertEquals(ancc.ir.program.Buffer.Space.GLOBAL, p.buffers().get(2).space());
    assertEquals(ancc.ir.program.Buffer.Space.DRAM, p.buffers().get(3).space());
    assertEquals(ancc.ir.program.Buffer.Space.LOCAL, p.buffers().get(4).space());
    // local is the default and is not written
    String text = ProgramPrinter.print(p);
    assertEquals(true, text.contains("  buffer %g : f32[N,4] tile 0 in global\n  buffer %d : f32[N,4] tile 0 in dram\n"
        + "  buffer %l : f32[N,4] tile 0\n"), text);
  }

  @Test
  void syntaxErrorsStopAtTheFirstProblem() {
    assertEquals("bad.xbp:9:13: syntax error: missing '->' at '%a'", inTile("    load %x %a\n"));
    assertEquals("bad.xbp:9:19: syntax error: extraneous input 'tile' expecting {'}', 'load', 'store',"
        + " 'send', 'recv', 'im2col', 'quantize', 'mvm', 'shift_add', 'dequantize', 'digital', 'barrier'}",
        inTile("    load %x -> %a tile\n"));
    assertEquals("bad.xbp:9:27: unknown instruction 'maybe'", inTile("    shift_add #0 %a -> %b maybe\n"));
    assertEquals("bad.xbp:1:12: syntax error: missing 'chip' at '\"c\"'", error("program @m \"c\" sha256 \"h\" {\n}\n"));
  }

  @Test
  void unknownInstruction() {
    assertEquals("bad.xbp:9:5: unknown instruction 'frob'", inTile("    frob %a -> %b\n"));
    assertEquals("bad.xbp:10:5: unknown instruction 'mov'", inTile("    load %x -> %a\n    mov %a -> %b\n"));
  }

  @Test
  void undefinedNames() {
    assertEquals("bad.xbp:9:18: undefined buffer %z", inTile("    digital relu(%z) -> %b\n"));
    assertEquals("bad.xbp:9:47: undefined constant @t", inTile("    dequantize %a -> %b input_scale 1.0 scale @t\n"));
    assertEquals("bad.xbp:9:21: undefined constant @\"s 2\"", inTile("    digital add(%a, @\"s 2\") -> %b\n"));
    assertEquals("bad.xbp:9:9: undefined array #3",
        inTile("    mvm #3 %a -> %b bit_serial input_bits 4 adc_bits 8 full_scale 1.0\n"));
    assertEquals("bad.xbp:9:10: undefined input %q", inTile("    load %q -> %a\n"));
    assertEquals("bad.xbp:9:17: undefined output %x", inTile("    store %a -> %x\n"));
    assertEquals("bad.xbp:9:23: undefined buffer %c", inTile("    send %a -> tile 1 %c route [0, 1]\n"));
  }

  @Test
  void im2colRowTile() {
    String im2col = "    im2col %a -> %b kernel_shape [1] strides [1] pads [0, 0] dilations [1]";
    assertEquals("bad.xbp:10:3: syntax error: missing INT at '}'", inTile(im2col + " row_tile\n"));
    assertEquals("bad.xbp:9:85: im2col row_tile: integer 99999999999999999999 is out of range",
        inTile(im2col + " row_tile 99999999999999999999\n"));
  }

  @Test
  void badOperandsAndAttributes() {
    assertEquals("bad.xbp:9:13: unknown op 'frobnicate'", inTile("    digital frobnicate(%a) -> %b\n"));
    assertEquals("bad.xbp:9:26: flatten: unknown attribute 'axes' (expected axis)",
        inTile("    digital flatten(%a) {axes = 1} -> %b\n"));
    assertEquals("bad.xbp:9:33: flatten: attribute axis expects an integer, got 1.5",
        inTile("    digital flatten(%a) {axis = 1.5} -> %b\n"));
    assertEquals("bad.xbp:9:13: flatten: missing attribute 'axis'", inTile("    digital flatten(%a) -> %b\n"));
    assertEquals("bad.xbp:9:21: mvm: unknown input mode 'bit_parallel' (bit_serial, multi_bit)",
        inTile("    mvm #0 %a -> %b bit_parallel input_bits 4 adc_bits 8 full_scale 1.0\n"));
    assertEquals("bad.xbp:9:30: quantize: expected signed or unsigned, got 'maybe'",
        inTile("    quantize %a -> %b bits 8 maybe scale 1.0\n"));
    assertEquals("bad.xbp:9:43: quantize scale: nan(0x00000001) is not a NaN bit pattern",
        inTile("    quantize %a -> %b bits 8 signed scale nan(0x00000001)\n"));
    assertEquals("bad.xbp:9:15: tile id: integer 99999999999999999999 is out of range",
        inTile("    recv tile 99999999999999999999 -> %a\n"));
  }

  @Test
  void declarationErrors() {
    assertEquals("bad.xbp:7:10: redefinition of buffer %a (first defined at 5:10)", decl("  buffer %a : f32[1] tile 1\n"));
    assertEquals("bad.xbp:7:9: redefinition of constant @s (first defined at 4:9)",
        decl("  const @s : f32[] = dense<1.0>\n"));
    assertEquals("bad.xbp:8:9: redefinition of array #0 (first defined at 7:9)", decl(ARRAY + ARRAY));
    assertEquals("bad.xbp:8:8: second tile program for tile 0 (first at 7:8)",
        decl("  tile 0 digital { }\n  tile 0 sram {\n  }\n"));
    assertEquals("bad.xbp:7:10: unknown tile kind 'analog' (memristor, sram, digital)", decl("  tile 0 analog {\n  }\n"));
    assertEquals("bad.xbp:7:27: buffer tile must be in 0..2147483647, got -1", decl("  buffer %c : f32[1] tile -1\n"));
    assertEquals("bad.xbp:7:15: unknown element type 'float32'", decl("  buffer %c : float32[1] tile 0\n"));
  }

  @Test
  void arrayErrors() {
    assertEquals("bad.xbp:7:97: unknown weight encoding 'pair' (differential, offset, twos_complement)",
        decl(ARRAY.replace("differential", "pair")));
    assertEquals("bad.xbp:7:49: array #0 in range 2:2 is empty (write START:END with END > START)",
        decl(ARRAY.replace("in 0:2", "in 2:2")));
    assertEquals("bad.xbp:7:3: array #0: layout needs 3x2 cells, array is 2x2", decl(ARRAY.replace("in 0:2", "in 0:3")));
    assertEquals("bad.xbp:7:3: array #0: two's complement layout needs one bit per slice and slices = weight bits",
        decl(ARRAY.replace("differential", "twos_complement")));
    assertEquals("bad.xbp:7:129: array #0 cells: dense has 3 elements but type i64[2,2] needs 4",
        decl(ARRAY.replace("[1, 0, 0, 1]", "[1, 0, 0]")));
    assertEquals("bad.xbp:7:3: array #0: cells must be an integer [rows, cols] tensor",
        decl(ARRAY.replace("i64[2,2] = dense<[1, 0, 0, 1]>", "i64[4] = dense<[1, 0, 0, 1]>")));
    assertEquals("bad.xbp:7:129: array #0 cells: blob<0, 4> needs the sidecar file, and none was given",
        decl(ARRAY.replace("dense<[1, 0, 0, 1]>", "blob<0, 4>")));
  }
}
