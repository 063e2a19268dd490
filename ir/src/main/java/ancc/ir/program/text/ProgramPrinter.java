package ancc.ir.program.text;

import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.SidecarWriter;
import ancc.ir.graph.text.TextSyntax;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Prints a crossbar mapping program in its textual assembly (see docs/isa.md). Output is
 * deterministic: header, inputs, outputs, constants, arrays, buffers, then one block per tile
 * program, all in program order; floats in a form that parses back to the same bits, so
 * {@code print(parse(print(p)))} equals {@code print(p)}.
 */
public final class ProgramPrinter {
  /** First line of every printed program. */
  public static final String HEADER = "// ancc crossbar mapping program\n";

  private final IrPrinter.Options options;
  private final SidecarWriter sidecar;
  private final StringBuilder out = new StringBuilder();

  private ProgramPrinter(IrPrinter.Options options, SidecarWriter sidecar) {
    this.options = options;
    this.sidecar = sidecar;
  }

  /** The program with every constant and every array's cells inline ({@code dense<...>}). */
  public static String print(Program p) {
    return print(p, new IrPrinter.Options(Integer.MAX_VALUE, false), null);
  }

  /**
   * The program text. Constants and cell tensors with more than {@code options.inlineLimit()}
   * elements go to {@code sidecar} when it is not null (cells whose values all fit in 0..255 as
   * {@code blob_u8}, one byte each); without a sidecar they are elided
   * ({@code dense_elided<count>}, display only) when {@code options.elide()}, else inline.
   */
  public static String print(Program p, IrPrinter.Options options, SidecarWriter sidecar) {
    ProgramPrinter printer = new ProgramPrinter(options, sidecar);
    printer.program(p);
    return printer.out.toString();
  }

  /** One instruction line of program {@code p} (without indentation), as in the program text. */
  public static String instr(Instr instr, Program p) {
    return InstrPrinter.print(instr, constantTest(p));
  }

  /**
   * {@link #instr} for many instructions of {@code p}: the program's buffer names are gathered
   * once, not per instruction (which is quadratic over a program of thousands of instructions).
   */
  public static java.util.function.Function<Instr, String> instrs(Program p) {
    Predicate<String> constants = constantTest(p);
    return instr -> InstrPrinter.print(instr, constants);
  }

  /** One array declaration line for display: cells elided ({@code dense_elided<count>}, which does not parse). */
  public static String array(ArrayImage a) {
    ProgramPrinter printer = new ProgramPrinter(new IrPrinter.Options(0, true), null);
    printer.arrayDecl(a);
    return printer.out.toString();
  }

  /** A digital operand is printed as a constant ({@code @name}) when it names a constant and no buffer. */
  private static Predicate<String> constantTest(Program p) {
    Set<String> buffers = p.buffers().stream().map(Buffer::name).collect(Collectors.toSet());
    return name -> p.constants().containsKey(name) && !buffers.contains(name);
  }

  private void program(Program p) {
    out.append(HEADER);
    out.append("program ").append(InstrPrinter.symbol(p.name())).append(" chip ").append(TextSyntax.quote(p.chipName()))
        .append(" sha256 ").append(TextSyntax.quote(p.chipHash())).append(" {\n");
    for (Value v : p.inputs()) {
      out.append("  input ").append(InstrPrinter.value(v.name())).append(" : ").append(IrPrinter.type(v.type()))
          .append('\n');
    }
    for (Value v : p.outputs()) {
      out.append("  output ").append(InstrPrinter.value(v.name())).append(" : ").append(IrPrinter.type(v.type()))
          .append('\n');
    }
    for (Map.Entry<String, Tensor> e : p.constants().entrySet()) {
      Tensor t = e.getValue();
      out.append("  const ").append(InstrPrinter.symbol(e.getKey())).append(" : ").append(IrPrinter.type(t.type()))
          .append(" = ");
      tensor(t, false);
      out.append('\n');
    }
    for (ArrayImage a : p.arrays()) {
      out.append("  ");
      arrayDecl(a);
      out.append('\n');
    }
    for (Buffer b : p.buffers()) {
      out.append("  buffer ").append(InstrPrinter.value(b.name())).append(" : ").append(IrPrinter.type(b.type()))
          .append(" tile ").append(b.tile());
      if (b.spilled()) {
        out.append(" in ").append(b.space().text());
      }
      out.append('\n');
    }
    Predicate<String> isConstant = constantTest(p);
    for (TileProgram t : p.tiles()) {
      out.append("  tile ").append(t.tile()).append(' ').append(t.kind().text()).append(" {\n");
      for (Instr i : t.instrs()) {
        out.append("    ").append(InstrPrinter.print(i, isConstant)).append('\n');
      }
      out.append("  }\n");
    }
    out.append("}\n");
  }

  private void arrayDecl(ArrayImage a) {
    ArrayLayout l = a.layout();
    out.append("array #").append(a.id()).append(' ').append(a.kind().text()).append(" tile ").append(a.tile())
        .append(" slot ").append(a.slot()).append(" layer ").append(TextSyntax.quote(l.layer()))
        .append(" in ").append(l.inStart()).append(':').append((long) l.inStart() + l.inCount())
        .append(" out ").append(l.outStart()).append(':').append((long) l.outStart() + l.outCount())
        .append(" weight_bits ").append(l.weightBits()).append(" slices ").append(l.slices())
        .append(" slice_bits ").append(l.sliceBits()).append(' ').append(InstrPrinter.enumText(l.encoding()))
        .append(" cells : ").append(IrPrinter.type(a.cells().type())).append(" = ");
    tensor(a.cells(), true);
  }

  private void tensor(Tensor t, boolean cells) {
    int n = t.size();
    if (n > options.inlineLimit() && sidecar != null) {
      byte[] bytes = cells ? asBytes(t) : null;
      if (bytes != null) {
        out.append("blob_u8<").append(sidecar.appendBytes(bytes)).append(", ").append(n).append('>');
      } else {
        out.append("blob<").append(sidecar.append(t)).append(", ").append(n).append('>');
      }
    } else if (n > options.inlineLimit() && options.elide()) {
      out.append("dense_elided<").append(n).append('>');
    } else {
      out.append(IrPrinter.denseLiteral(t));
    }
  }

  /** The elements as unsigned bytes when every one is in 0..255, else null. */
  private static byte[] asBytes(Tensor t) {
    if (t.isFloating()) {
      return null;
    }
    long[] l = t.longs();
    byte[] b = new byte[l.length];
    for (int i = 0; i < l.length; i++) {
      if (l[i] < 0 || l[i] > 255) {
        return null;
      }
      b[i] = (byte) l[i];
    }
    return b;
  }
}
