package ancc.ir.graph.text;

import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.List;
import java.util.Map;

/**
 * Prints a graph IR module in the textual format (see docs/ir.md). Output is deterministic:
 * inputs, constants, nodes and outputs in module order, attributes in record component order,
 * floats in a form that parses back to the same bits, so {@code print(parse(print(m)))} equals
 * {@code print(m)}.
 */
public final class IrPrinter {

  /**
   * Printing options. {@code inlineLimit}: constants with more elements go to the sidecar when a
   * {@link SidecarWriter} is given. {@code elide}: with no sidecar, print such constants as
   * {@code dense_elided<count>} — a display-only form for terminals and logs, which the parser
   * rejects. Without a sidecar and without elide, every constant is printed inline.
   */
  public record Options(int inlineLimit, boolean elide) {
    /** Default: inline limit 16 elements, no eliding. */
    public static final Options DEFAULT = new Options(16, false);

    public Options {
      if (inlineLimit < 0) {
        throw new IllegalArgumentException("negative inline limit " + inlineLimit);
      }
    }

    public Options withInlineLimit(int limit) {
      return new Options(limit, elide);
    }

    public Options withElide(boolean e) {
      return new Options(inlineLimit, e);
    }
  }

  private final Options options;
  private final SidecarWriter sidecar;
  private final StringBuilder out = new StringBuilder();

  private IrPrinter(Options options, SidecarWriter sidecar) {
    this.options = options;
    this.sidecar = sidecar;
  }

  /** The module with every constant inline. */
  public static String print(Module m) {
    return print(m, Options.DEFAULT, null);
  }

  /**
   * The module text; constants above the inline limit go to {@code sidecar} as blobs when it is
   * not null, else are elided or printed inline according to {@code options}.
   */
  public static String print(Module m, Options options, SidecarWriter sidecar) {
    IrPrinter p = new IrPrinter(options, sidecar);
    p.module(m);
    return p.out.toString();
  }

  /** The textual form of a tensor type, e.g. {@code f32[N,3,?,"seq len"]}. */
  public static String type(TensorType t) {
    StringBuilder b = new StringBuilder(t.dtype().text()).append('[');
    List<Dim> dims = t.dims();
    for (int i = 0; i < dims.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      Dim d = dims.get(i);
      if (d instanceof Dim.Sym s) {
        b.append(Syntax.symbol(s.name()));
      } else {
        b.append(d);
      }
    }
    return b.append(']').toString();
  }

  /** A value reference as printed, e.g. {@code %x} or {@code %"/conv1/Conv_output_0"}. */
  public static String ref(Value v) {
    return "%" + Syntax.name(v.name());
  }

  /** One node line without indentation or newline. */
  public static String node(Node n) {
    StringBuilder b = new StringBuilder();
    List<Value> outs = n.outputs();
    for (int i = 0; i < outs.size(); i++) {
      b.append(i > 0 ? ", " : "").append(ref(outs.get(i)));
    }
    Op op = n.op();
    b.append(" = ").append(op.name()).append('(');
    List<Value> ins = n.inputs();
    for (int i = 0; i < ins.size(); i++) {
      b.append(i > 0 ? ", " : "").append(ins.get(i) == null ? "_" : ref(ins.get(i)));
    }
    b.append(')');
    List<OpSchema.Attribute> attrs = OpSchema.of(op).attributes();
    if (!attrs.isEmpty()) {
      b.append(" {");
      for (int i = 0; i < attrs.size(); i++) {
        OpSchema.Attribute a = attrs.get(i);
        b.append(i > 0 ? ", " : "").append(a.name()).append(" = ").append(OpSchema.formatValue(a.get(op)));
      }
      b.append('}');
    }
    b.append(" : ");
    for (int i = 0; i < outs.size(); i++) {
      b.append(i > 0 ? ", " : "").append(type(outs.get(i).type()));
    }
    if (!n.loc().isEmpty()) {
      b.append(" loc(").append(Syntax.quote(n.loc())).append(')');
    }
    if (n.placement() != null) {
      b.append(' ').append(n.placement());
    }
    return b.toString();
  }

  private void module(Module m) {
    out.append("module @").append(Syntax.name(m.name())).append(" {\n");
    for (Value v : m.inputs()) {
      out.append("  input ").append(ref(v)).append(" : ").append(type(v.type())).append('\n');
    }
    for (Map.Entry<Value, Tensor> e : m.constants().entrySet()) {
      Value v = e.getKey();
      out.append("  const ").append(ref(v)).append(" : ").append(type(v.type())).append(" = ");
      constant(e.getValue());
      out.append('\n');
    }
    for (Node n : m.nodes()) {
      out.append("  ").append(node(n)).append('\n');
    }
    for (Value v : m.outputs()) {
      out.append("  output ").append(ref(v)).append('\n');
    }
    out.append("}\n");
  }

  private void constant(Tensor t) {
    int n = t.size();
    if (n > options.inlineLimit() && sidecar != null) {
      long offset = sidecar.append(t);
      out.append("blob<").append(offset).append(", ").append(n).append('>');
    } else if (n > options.inlineLimit() && options.elide()) {
      out.append("dense_elided<").append(n).append('>');
    } else {
      dense(t);
    }
  }

  private void dense(Tensor t) {
    out.append(denseLiteral(t));
  }

  /**
   * A tensor's inline form, {@code dense<[1.0, -2.5]>} ({@code dense<x>} for a scalar): elements
   * in C order, floats exact. Shared with the other ancc text formats that embed constants.
   */
  public static String denseLiteral(Tensor t) {
    StringBuilder out = new StringBuilder("dense<");
    boolean scalar = t.rank() == 0;
    if (!scalar) {
      out.append('[');
    }
    int n = t.size();
    if (t.isFloating()) {
      float[] f = t.floats();
      for (int i = 0; i < n; i++) {
        out.append(i > 0 ? ", " : "").append(Syntax.formatFloat(f[i]));
      }
    } else {
      long[] l = t.longs();
      for (int i = 0; i < n; i++) {
        out.append(i > 0 ? ", " : "").append(l[i]);
      }
    }
    if (!scalar) {
      out.append(']');
    }
    return out.append('>').toString();
  }
}
