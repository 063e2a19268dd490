package ancc.ir.program.text;

import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.TextSyntax;
import ancc.ir.graph.text.parse.Pos;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import ancc.ir.program.WeightEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into a {@link Program}. Declarations (inputs, outputs, constants, arrays,
 * buffers) may come in any order; each name is declared once. Tile blocks are read after every
 * declaration, so instructions may name anything declared anywhere in the file.
 */
final class ProgramReader {
  private final ProgramErrors errors;
  private final TensorText tensors;
  final Map<String, Value> inputs = new LinkedHashMap<>();
  final Map<String, Value> outputs = new LinkedHashMap<>();
  final Map<String, Tensor> constants = new LinkedHashMap<>();
  final Map<Long, ArrayImage> arrays = new LinkedHashMap<>();
  final Map<String, Buffer> buffers = new LinkedHashMap<>();
  private final Map<String, Token> definedAt = new HashMap<>();

  ProgramReader(ProgramErrors errors, TensorText tensors) {
    this.errors = errors;
    this.tensors = tensors;
  }

  Program read(ProgramIrParser.FileContext file) {
    List<ProgramIrParser.TileDeclContext> tileDecls = new ArrayList<>();
    for (ProgramIrParser.DeclContext d : file.decl()) {
      if (d.inputDecl() != null) {
        ProgramIrParser.InputDeclContext in = d.inputDecl();
        inputs.put(define("input", in.VALUE()), new Value(name(in.VALUE()), tensors.type(in.type())));
      } else if (d.outputDecl() != null) {
        ProgramIrParser.OutputDeclContext out = d.outputDecl();
        outputs.put(define("output", out.VALUE()), new Value(name(out.VALUE()), tensors.type(out.type())));
      } else if (d.constDecl() != null) {
        ProgramIrParser.ConstDeclContext c = d.constDecl();
        String n = define("constant", c.SYMBOL());
        constants.put(n, tensors.tensor(c.init(), c.type(), "constant " + c.SYMBOL().getText()));
      } else if (d.arrayDecl() != null) {
        ArrayImage a = array(d.arrayDecl());
        define("array", "#" + a.id(), d.arrayDecl().ARRAY().getSymbol());
        arrays.put((long) a.id(), a);
      } else if (d.bufferDecl() != null) {
        ProgramIrParser.BufferDeclContext b = d.bufferDecl();
        String n = define("buffer", b.VALUE());
        buffers.put(n, new Buffer(n, tensors.nonNegativeInt(b.INT().getSymbol(), "buffer tile"), tensors.type(b.type()),
            b.ident() == null ? Buffer.Space.LOCAL : space(b.ident())));
      } else {
        tileDecls.add(d.tileDecl());
      }
    }
    InstrReader instrs = new InstrReader(errors, tensors, this);
    Map<Integer, Token> tileAt = new HashMap<>();
    List<TileProgram> tiles = new ArrayList<>();
    for (ProgramIrParser.TileDeclContext t : tileDecls) {
      Token idToken = t.INT().getSymbol();
      int id = tensors.nonNegativeInt(idToken, "tile id");
      Token previous = tileAt.putIfAbsent(id, idToken);
      if (previous != null) {
        throw errors.at(idToken, "second tile program for tile " + id + " (first at " + Pos.of(previous) + ")");
      }
      TileKind kind = tileKind(t.ident());
      List<Instr> list = new ArrayList<>();
      for (ProgramIrParser.InstrContext i : t.instr()) {
        list.add(instrs.read(i));
      }
      tiles.add(new TileProgram(id, kind, list));
    }
    return new Program(TextSyntax.sigilName(file.SYMBOL().getText()), TextSyntax.unquote(file.STRING(0).getText()),
        TextSyntax.unquote(file.STRING(1).getText()), List.copyOf(inputs.values()), List.copyOf(outputs.values()),
        constants, List.copyOf(arrays.values()), List.copyOf(buffers.values()), tiles);
  }

  private ArrayImage array(ProgramIrParser.ArrayDeclContext a) {
    Token idToken = a.ARRAY().getSymbol();
    String what = "array " + idToken.getText();
    int id = (int) tensors.arrayId(idToken);
    TileKind kind = tileKind(a.ident(0));
    int tile = tensors.nonNegativeInt(a.INT(0).getSymbol(), what + " tile");
    int slot = tensors.nonNegativeInt(a.INT(1).getSymbol(), what + " slot");
    int[] in = range(a.range(0), what + " in");
    int[] out = range(a.range(1), what + " out");
    int weightBits = tensors.nonNegativeInt(a.INT(2).getSymbol(), what + " weight_bits");
    int slices = tensors.nonNegativeInt(a.INT(3).getSymbol(), what + " slices");
    int sliceBits = tensors.nonNegativeInt(a.INT(4).getSymbol(), what + " slice_bits");
    WeightEncoding encoding = encoding(a.ident(1));
    Tensor cells = tensors.tensor(a.init(), a.type(), what + " cells");
    try {
      ArrayLayout layout = new ArrayLayout(TextSyntax.unquote(a.STRING().getText()), in[0], in[1] - in[0], out[0],
          out[1] - out[0], weightBits, slices, sliceBits, encoding);
      return new ArrayImage(id, kind, tile, slot, layout, cells);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw errors.at(a, m.startsWith(what + ":") ? m : what + ": " + m);
    }
  }

  /** {@code START:END} as {start, end}, end > start. */
  private int[] range(ProgramIrParser.RangeContext r, String what) {
    int start = tensors.nonNegativeInt(r.INT(0).getSymbol(), what + " start");
    int end = tensors.nonNegativeInt(r.INT(1).getSymbol(), what + " end");
    if (end <= start) {
      throw errors.at(r, what + " range " + start + ":" + end + " is empty (write START:END with END > START)");
    }
    return new int[] {start, end};
  }

  private Buffer.Space space(ProgramIrParser.IdentContext ctx) {
    try {
      return Buffer.Space.fromText(ctx.getText());
    } catch (IllegalArgumentException e) {
      throw errors.at(ctx, e.getMessage());
    }
  }

  private TileKind tileKind(ProgramIrParser.IdentContext ctx) {
    try {
      return TileKind.fromText(ctx.getText());
    } catch (IllegalArgumentException e) {
      throw errors.at(ctx, e.getMessage());
    }
  }

  private WeightEncoding encoding(ProgramIrParser.IdentContext ctx) {
    for (WeightEncoding e : WeightEncoding.values()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(ctx.getText())) {
        return e;
      }
    }
    throw errors.at(ctx, "unknown weight encoding '" + ctx.getText() + "' (differential, offset, twos_complement)");
  }

  private static String name(TerminalNode sigilToken) {
    return name(sigilToken.getText());
  }

  private static String name(String sigilText) {
    return TextSyntax.sigilName(sigilText);
  }

  /** Records a declaration; a second declaration of the same kind and name is an error. */
  private String define(String kind, TerminalNode nameToken) {
    String n = name(nameToken);
    define(kind, nameToken.getText(), nameToken.getSymbol());
    return n;
  }

  private void define(String kind, String shown, Token t) {
    Token previous = definedAt.putIfAbsent(kind + " " + (shown.startsWith("#") ? shown : name(t.getText())), t);
    if (previous != null) {
      throw errors.at(t, "redefinition of " + kind + " " + shown + " (first defined at " + Pos.of(previous) + ")");
    }
  }
}
