package ancc.ir.program.text;

import ancc.ir.graph.Op;
import ancc.ir.graph.text.TextSyntax;
import ancc.ir.graph.text.parse.OpReader;
import ancc.ir.program.Instr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds one {@link Instr} from its parse tree, resolving every name against the program's
 * declarations: {@code %name} operands are buffers (for {@code load} and {@code store}, the
 * program input or output), {@code @name} operands constants, {@code #id} arrays. Which tile a
 * buffer lives on is the {@link ancc.ir.program.ProgramVerifier}'s business.
 */
final class InstrReader {
  private final ProgramErrors errors;
  private final TensorText numbers;
  private final ProgramReader decls;
  private final OpReader ops;

  InstrReader(ProgramErrors errors, TensorText numbers, ProgramReader decls) {
    this.errors = errors;
    this.numbers = numbers;
    this.decls = decls;
    this.ops = new OpReader(errors, numbers.numbers());
  }

  Instr read(ProgramIrParser.InstrContext ctx) {
    try {
      return instr(ctx);
    } catch (IllegalArgumentException e) {
      throw errors.at(ctx, ctx.getStart().getText() + ": " + e.getMessage());
    }
  }

  private Instr instr(ProgramIrParser.InstrContext ctx) {
    if (ctx instanceof ProgramIrParser.LoadInstrContext i) {
      return new Instr.Load(buffer(i.VALUE(1)), declared(i.VALUE(0), "input", decls.inputs.containsKey(name(i.VALUE(0)))));
    } else if (ctx instanceof ProgramIrParser.StoreInstrContext i) {
      return new Instr.Store(buffer(i.VALUE(0)),
          declared(i.VALUE(1), "output", decls.outputs.containsKey(name(i.VALUE(1)))));
    } else if (ctx instanceof ProgramIrParser.SendInstrContext i) {
      return new Instr.Send(buffer(i.VALUE(0)), tile(i.INT()), buffer(i.VALUE(1)), numbers.ints(i.intList(), "send route"));
    } else if (ctx instanceof ProgramIrParser.RecvInstrContext i) {
      return new Instr.Recv(buffer(i.VALUE()), tile(i.INT()));
    } else if (ctx instanceof ProgramIrParser.Im2colInstrContext i) {
      return new Instr.Im2col(buffer(i.VALUE(0)), buffer(i.VALUE(1)), numbers.ints(i.intList(0), "im2col kernel_shape"),
          numbers.ints(i.intList(1), "im2col strides"), numbers.ints(i.intList(2), "im2col pads"),
          numbers.ints(i.intList(3), "im2col dilations"),
          i.INT() == null ? 0L : numbers.longOf(i.INT().getSymbol(), "im2col row_tile"));
    } else if (ctx instanceof ProgramIrParser.QuantizeInstrContext i) {
      String sign = i.ident().getText();
      if (!sign.equals("signed") && !sign.equals("unsigned")) {
        throw errors.at(i.ident(), "quantize: expected signed or unsigned, got '" + sign + "'");
      }
      return new Instr.Quantize(buffer(i.VALUE(0)), buffer(i.VALUE(1)),
          numbers.longOf(i.INT().getSymbol(), "quantize bits"), sign.equals("signed"),
          numbers.floatOf(i.number(), "quantize scale"));
    } else if (ctx instanceof ProgramIrParser.MvmInstrContext i) {
      return new Instr.Mvm(array(i.ARRAY()), buffer(i.VALUE(0)), buffer(i.VALUE(1)), inputMode(i.ident()),
          numbers.longOf(i.INT(0).getSymbol(), "mvm input_bits"), numbers.longOf(i.INT(1).getSymbol(), "mvm adc_bits"),
          numbers.floatOf(i.number(), "mvm full_scale"));
    } else if (ctx instanceof ProgramIrParser.ShiftAddInstrContext i) {
      boolean hasInputs = i.VALUE().size() == 3;
      return new Instr.ShiftAdd(array(i.ARRAY()), buffer(i.VALUE(0)), hasInputs ? buffer(i.VALUE(1)) : null,
          buffer(i.VALUE(hasInputs ? 2 : 1)), i.acc != null);
    } else if (ctx instanceof ProgramIrParser.DequantizeInstrContext i) {
      return new Instr.Dequantize(buffer(i.VALUE(0)), buffer(i.VALUE(1)),
          numbers.floatOf(i.number(), "dequantize input_scale"), constant(i.SYMBOL(0)),
          i.SYMBOL().size() > 1 ? constant(i.SYMBOL(1)) : null);
    } else if (ctx instanceof ProgramIrParser.DigitalInstrContext i) {
      return digital(i);
    } else if (ctx instanceof ProgramIrParser.BarrierInstrContext i) {
      return new Instr.Barrier(numbers.longOf(i.INT().getSymbol(), "barrier id"));
    }
    throw new IllegalStateException("unhandled instruction form " + ctx.getClass().getSimpleName());
  }

  private Instr digital(ProgramIrParser.DigitalInstrContext d) {
    Op op = ops.read(ProgramTrees.op(d.ident(), d.attrDict()));
    List<String> inputs = new ArrayList<>();
    for (ProgramIrParser.OperandContext o : d.operand()) {
      if (o.VALUE() != null) {
        inputs.add(buffer(o.VALUE()));
      } else if (o.SYMBOL() != null) {
        inputs.add(constant(o.SYMBOL()));
      } else {
        inputs.add(null);
      }
    }
    List<String> outputs = new ArrayList<>();
    for (TerminalNode v : d.VALUE()) {
      outputs.add(buffer(v));
    }
    return new Instr.Digital(op, inputs, outputs);
  }

  private Instr.InputMode inputMode(ProgramIrParser.IdentContext ctx) {
    for (Instr.InputMode m : Instr.InputMode.values()) {
      if (m.name().toLowerCase(Locale.ROOT).equals(ctx.getText())) {
        return m;
      }
    }
    throw errors.at(ctx, "mvm: unknown input mode '" + ctx.getText() + "' (bit_serial, multi_bit)");
  }

  private int tile(TerminalNode t) {
    return numbers.nonNegativeInt(t.getSymbol(), "tile id");
  }

  private static String name(TerminalNode t) {
    return TextSyntax.sigilName(t.getText());
  }

  private String buffer(TerminalNode t) {
    return declared(t, "buffer", decls.buffers.containsKey(name(t)));
  }

  private String constant(TerminalNode t) {
    return declared(t, "constant", decls.constants.containsKey(name(t)));
  }

  private long array(TerminalNode t) {
    long id = numbers.arrayId(t.getSymbol());
    if (!decls.arrays.containsKey(id)) {
      throw errors.at(t.getSymbol(), "undefined array " + t.getText());
    }
    return id;
  }

  private String declared(TerminalNode t, String kind, boolean exists) {
    if (!exists) {
      throw errors.at(t.getSymbol(), "undefined " + kind + " " + t.getText());
    }
    return name(t);
  }
}
