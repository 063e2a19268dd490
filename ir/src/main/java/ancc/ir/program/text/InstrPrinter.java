package ancc.ir.program.text;

import ancc.ir.graph.Op;
import ancc.ir.graph.text.OpSchema;
import ancc.ir.graph.text.TextSyntax;
import ancc.ir.program.Instr;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The one-line textual form of each instruction (see docs/isa.md), one visit per instruction kind.
 * Data flows left to right: sources, then {@code ->}, then destinations, then the instruction's
 * parameters.
 */
final class InstrPrinter implements Instr.Visitor<Void, Void> {
  private final Predicate<String> isConstant;
  private final StringBuilder b = new StringBuilder();

  /** {@code isConstant}: whether a digital operand name is a program constant (printed {@code @name}) rather than a buffer. */
  private InstrPrinter(Predicate<String> isConstant) {
    this.isConstant = isConstant;
  }

  static String print(Instr instr, Predicate<String> isConstant) {
    InstrPrinter p = new InstrPrinter(isConstant);
    p.instr(instr);
    return p.b.toString();
  }

  static String value(String name) {
    return "%" + TextSyntax.name(name);
  }

  static String symbol(String name) {
    return "@" + TextSyntax.name(name);
  }

  static String ints(List<Long> l) {
    return OpSchema.formatValue(l);
  }

  static String enumText(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private InstrPrinter w(Object... parts) {
    for (Object o : parts) {
      b.append(o);
    }
    return this;
  }

  private void instr(Instr instr) {
    b.append(instr.name()).append(' ');
    instr.accept(this, null);
  }

  public Void visit(Instr.Load i, Void c) {
    w(value(i.input()), " -> ", value(i.dst()));
    return null;
  }

  public Void visit(Instr.Store i, Void c) {
    w(value(i.src()), " -> ", value(i.output()));
    return null;
  }

  public Void visit(Instr.Send i, Void c) {
    w(value(i.src()), " -> tile ", i.toTile(), " ", value(i.dst()), " route ", ints(i.route()));
    return null;
  }

  public Void visit(Instr.Recv i, Void c) {
    w("tile ", i.fromTile(), " -> ", value(i.dst()));
    return null;
  }

  public Void visit(Instr.Im2col i, Void c) {
    w(value(i.src()), " -> ", value(i.dst()), " kernel_shape ", ints(i.kernelShape()), " strides ",
        ints(i.strides()), " pads ", ints(i.pads()), " dilations ", ints(i.dilations()));
    if (i.rowTile() > 0) {
      w(" row_tile ", i.rowTile());
    }
    return null;
  }

  public Void visit(Instr.Quantize i, Void c) {
    w(value(i.src()), " -> ", value(i.dst()), " bits ", i.bits(), i.signed() ? " signed" : " unsigned",
        " scale ", TextSyntax.formatFloat(i.scale()));
    return null;
  }

  public Void visit(Instr.Mvm i, Void c) {
    w("#", i.array(), " ", value(i.src()), " -> ", value(i.dst()), " ", enumText(i.mode()), " input_bits ",
        i.inputBits(), " adc_bits ", i.adcBits(), " full_scale ", TextSyntax.formatFloat(i.adcFullScale()));
    return null;
  }

  public Void visit(Instr.ShiftAdd i, Void c) {
    w("#", i.array(), " ", value(i.src()));
    if (i.inputs() != null) {
      w(" inputs ", value(i.inputs()));
    }
    w(" -> ", value(i.dst()), i.accumulate() ? " accumulate" : "");
    return null;
  }

  public Void visit(Instr.Dequantize i, Void c) {
    w(value(i.src()), " -> ", value(i.dst()), " input_scale ", TextSyntax.formatFloat(i.inputScale()),
        " scale ", symbol(i.scale()));
    if (i.bias() != null) {
      w(" bias ", symbol(i.bias()));
    }
    return null;
  }

  public Void visit(Instr.Digital d, Void c) {
    Op op = d.op();
    b.append(op.name()).append('(');
    for (int k = 0; k < d.inputs().size(); k++) {
      String in = d.inputs().get(k);
      b.append(k > 0 ? ", " : "").append(in == null ? "_" : isConstant.test(in) ? symbol(in) : value(in));
    }
    b.append(')');
    List<OpSchema.Attribute> attrs = OpSchema.of(op).attributes();
    if (!attrs.isEmpty()) {
      b.append(" {");
      for (int k = 0; k < attrs.size(); k++) {
        OpSchema.Attribute a = attrs.get(k);
        b.append(k > 0 ? ", " : "").append(a.name()).append(" = ").append(OpSchema.formatValue(a.get(op)));
      }
      b.append('}');
    }
    for (int k = 0; k < d.outputs().size(); k++) {
      b.append(k > 0 ? ", " : " -> ").append(value(d.outputs().get(k)));
    }
    return null;
  }

  public Void visit(Instr.Barrier i, Void c) {
    w(i.id());
    return null;
  }
}
