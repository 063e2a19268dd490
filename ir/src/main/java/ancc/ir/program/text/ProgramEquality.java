package ancc.ir.program.text;

import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.TextSyntax;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Structural comparison of two programs, reporting the first difference in words: header,
 * inputs, outputs, constants (element bits, so NaN payloads and -0.0 count), arrays (placement,
 * layout, cells), buffers, then each tile's instructions, in that order.
 */
public final class ProgramEquality {
  private ProgramEquality() {}

  public static boolean equal(Program a, Program b) {
    return firstDifference(a, b).isEmpty();
  }

  /** The first difference, e.g. {@code tile 0 instr 3: mvm #0 %q -> %c ... vs mvm #1 %q -> %c ...}. */
  public static Optional<String> firstDifference(Program a, Program b) {
    return Optional.ofNullable(diff(a, b));
  }

  private static String diff(Program a, Program b) {
    if (!a.name().equals(b.name())) {
      return "program name @" + a.name() + " vs @" + b.name();
    }
    if (!a.chipName().equals(b.chipName()) || !a.chipHash().equals(b.chipHash())) {
      return "chip " + a.chipName() + " " + a.chipHash() + " vs " + b.chipName() + " " + b.chipHash();
    }
    String d = values("input", a.inputs(), b.inputs());
    d = d != null ? d : values("output", a.outputs(), b.outputs());
    d = d != null ? d : constants(a.constants(), b.constants());
    d = d != null ? d : arrays(a.arrays(), b.arrays());
    d = d != null ? d : buffers(a.buffers(), b.buffers());
    return d != null ? d : tiles(a, b);
  }

  private static String values(String what, List<Value> a, List<Value> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return what + " " + i + ": " + show(a.get(i)) + " vs " + show(b.get(i));
      }
    }
    return a.size() == b.size() ? null : what + " count " + a.size() + " vs " + b.size();
  }

  private static String show(Value v) {
    return "%" + TextSyntax.name(v.name()) + " : " + IrPrinter.type(v.type());
  }

  private static String constants(Map<String, Tensor> a, Map<String, Tensor> b) {
    Iterator<Map.Entry<String, Tensor>> ia = a.entrySet().iterator();
    Iterator<Map.Entry<String, Tensor>> ib = b.entrySet().iterator();
    for (int i = 0; ia.hasNext() && ib.hasNext(); i++) {
      Map.Entry<String, Tensor> ea = ia.next();
      Map.Entry<String, Tensor> eb = ib.next();
      if (!ea.getKey().equals(eb.getKey())) {
        return "constant " + i + ": name @" + ea.getKey() + " vs @" + eb.getKey();
      }
      String d = tensor(ea.getValue(), eb.getValue());
      if (d != null) {
        return "constant @" + ea.getKey() + ": " + d;
      }
    }
    return a.size() == b.size() ? null : "constant count " + a.size() + " vs " + b.size();
  }

  /** The first difference between two tensors (type, then element bits), or null. */
  static String tensor(Tensor a, Tensor b) {
    if (a.dtype() != b.dtype() || !a.type().equals(b.type()) || a.isFloating() != b.isFloating()) {
      return "tensor type " + IrPrinter.type(a.type()) + " vs " + IrPrinter.type(b.type());
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.isFloating()) {
        float x = a.floats()[i];
        float y = b.floats()[i];
        if (Float.floatToRawIntBits(x) != Float.floatToRawIntBits(y)) {
          return "element " + i + " differs " + TextSyntax.formatFloat(x) + " vs " + TextSyntax.formatFloat(y);
        }
      } else if (a.longs()[i] != b.longs()[i]) {
        return "element " + i + " differs " + a.longs()[i] + " vs " + b.longs()[i];
      }
    }
    return null;
  }

  private static String arrays(List<ArrayImage> a, List<ArrayImage> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      ArrayImage x = a.get(i);
      ArrayImage y = b.get(i);
      if (x.id() != y.id() || x.kind() != y.kind() || x.tile() != y.tile() || x.slot() != y.slot()
          || !x.layout().equals(y.layout())) {
        return "array " + i + ": " + header(x) + " vs " + header(y);
      }
      String d = tensor(x.cells(), y.cells());
      if (d != null) {
        return "array #" + x.id() + " cells: " + d;
      }
    }
    return a.size() == b.size() ? null : "array count " + a.size() + " vs " + b.size();
  }

  /** An array's declaration line without its cells' values. */
  private static String header(ArrayImage a) {
    String line = ProgramPrinter.array(a);
    return line.substring(0, line.indexOf(" = "));
  }

  private static String buffers(List<Buffer> a, List<Buffer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Buffer x = a.get(i);
      Buffer y = b.get(i);
      if (!x.equals(y)) {
        return "buffer " + i + ": %" + TextSyntax.name(x.name()) + " : " + IrPrinter.type(x.type()) + " tile "
            + x.tile() + " in " + x.space().text() + " vs %" + TextSyntax.name(y.name()) + " : "
            + IrPrinter.type(y.type()) + " tile " + y.tile() + " in " + y.space().text();
      }
    }
    return a.size() == b.size() ? null : "buffer count " + a.size() + " vs " + b.size();
  }

  private static String tiles(Program pa, Program pb) {
    List<TileProgram> a = pa.tiles();
    List<TileProgram> b = pb.tiles();
    java.util.function.Function<Instr, String> printA = ProgramPrinter.instrs(pa);
    java.util.function.Function<Instr, String> printB = ProgramPrinter.instrs(pb);
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      TileProgram x = a.get(i);
      TileProgram y = b.get(i);
      if (x.tile() != y.tile() || x.kind() != y.kind()) {
        return "tile program " + i + ": tile " + x.tile() + " " + x.kind().text() + " vs tile " + y.tile() + " "
            + y.kind().text();
      }
      List<Instr> ia = x.instrs();
      List<Instr> ib = y.instrs();
      for (int k = 0; k < Math.min(ia.size(), ib.size()); k++) {
        String la = printA.apply(ia.get(k));
        String lb = printB.apply(ib.get(k));
        if (!ia.get(k).equals(ib.get(k)) || !la.equals(lb)) {
          return "tile " + x.tile() + " instr " + k + ": " + la + " vs " + lb;
        }
      }
      if (ia.size() != ib.size()) {
        return "tile " + x.tile() + " instruction count " + ia.size() + " vs " + ib.size();
      }
    }
    return a.size() == b.size() ? null : "tile program count " + a.size() + " vs " + b.size();
  }
}
