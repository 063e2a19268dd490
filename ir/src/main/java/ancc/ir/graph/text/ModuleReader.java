package ancc.ir.graph.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Placement;
import ancc.ir.program.TileKind;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into a {@link Module}: resolves value names (each defined once, before any
 * use), reads types, constants and ops. Parse tree classes stay inside this package.
 */
final class ModuleReader {
  private final SourceErrors errors;
  private final ConstantReader constants;
  private final OpReader ops;
  private final Map<String, Value> values = new HashMap<>();
  private final Map<String, Token> definedAt = new HashMap<>();

  ModuleReader(SourceErrors errors, ConstantReader constants) {
    this.errors = errors;
    this.constants = constants;
    this.ops = new OpReader(errors, constants);
  }

  Module read(GraphIrParser.FileContext file) {
    Module.Builder b = Module.builder(Syntax.sigilName(file.MODULE_NAME().getText()));
    for (GraphIrParser.ItemContext item : file.item()) {
      if (item.inputDecl() != null) {
        GraphIrParser.InputDeclContext in = item.inputDecl();
        b.input(define(in.VALUE(), type(in.type())));
      } else if (item.constDecl() != null) {
        GraphIrParser.ConstDeclContext c = item.constDecl();
        Value v = define(c.VALUE(), type(c.type()));
        b.constant(v, constants.read(c, v));
      } else if (item.nodeDecl() != null) {
        b.node(node(item.nodeDecl()));
      } else {
        b.output(use(item.outputDecl().VALUE()));
      }
    }
    return b.build();
  }

  private Node node(GraphIrParser.NodeDeclContext n) {
    Op op = ops.read(n.ident(), n.attrDict());
    List<Value> inputs = new ArrayList<>();
    for (GraphIrParser.OperandContext o : n.operand()) {
      inputs.add(o.VALUE() == null ? null : use(o.VALUE()));
    }
    List<TerminalNode> names = n.VALUE();
    List<GraphIrParser.TypeContext> types = n.type();
    if (names.size() != types.size()) {
      throw errors.at(types.get(0), op.name() + " defines " + names.size() + " value(s) but lists "
          + types.size() + " type(s)");
    }
    List<TensorType> outTypes = new ArrayList<>();
    for (GraphIrParser.TypeContext t : types) {
      outTypes.add(type(t));
    }
    List<Value> outputs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      outputs.add(define(names.get(i), outTypes.get(i)));
    }
    String loc = n.location() == null ? "" : Syntax.unquote(n.location().STRING().getText());
    return new Node(op, inputs, outputs, loc, n.placement() == null ? null : placement(n.placement()));
  }

  private Placement placement(GraphIrParser.PlacementContext p) {
    List<Placement.Part> parts = new ArrayList<>();
    for (GraphIrParser.PlacePartContext part : p.placePart()) {
      TileKind kind;
      try {
        kind = TileKind.fromText(part.ident().getText());
      } catch (IllegalArgumentException e) {
        throw errors.at(part.ident(), e.getMessage());
      }
      if (part.INT().isEmpty()) {
        parts.add(new Placement.Part(kind, 0, Placement.ALL));
      } else {
        parts.add(new Placement.Part(kind, Long.parseLong(part.INT(0).getText()), Long.parseLong(part.INT(1).getText())));
      }
    }
    try {
      return new Placement(parts);
    } catch (IllegalArgumentException e) {
      throw errors.at(p, e.getMessage());
    }
  }

  private Value define(TerminalNode nameToken, TensorType type) {
    String name = Syntax.sigilName(nameToken.getText());
    Token t = nameToken.getSymbol();
    Token previous = definedAt.putIfAbsent(name, t);
    if (previous != null) {
      throw errors.at(t, "redefinition of value " + nameToken.getText() + " (first defined at "
          + previous.getLine() + ":" + (previous.getCharPositionInLine() + 1) + ")");
    }
    Value v = new Value(name, type);
    values.put(name, v);
    return v;
  }

  private Value use(TerminalNode nameToken) {
    Value v = values.get(Syntax.sigilName(nameToken.getText()));
    if (v == null) {
      throw errors.at(nameToken.getSymbol(), "undefined value " + nameToken.getText());
    }
    return v;
  }

  private TensorType type(GraphIrParser.TypeContext t) {
    String dtypeText = t.ident().getText();
    DType dtype = null;
    for (DType d : DType.values()) {
      if (d.text().equals(dtypeText)) {
        dtype = d;
      }
    }
    if (dtype == null) {
      throw errors.at(t, "unknown element type '" + dtypeText + "'");
    }
    List<Dim> dims = new ArrayList<>();
    for (GraphIrParser.DimContext d : t.dim()) {
      dims.add(dim(d));
    }
    return new TensorType(dtype, dims);
  }

  private Dim dim(GraphIrParser.DimContext d) {
    if (d.INT() != null) {
      long size = constants.longOf(d.INT().getSymbol(), d.getStart(), "dimension");
      if (size < 0) {
        throw errors.at(d, "negative dimension " + size);
      }
      return Dim.of(size);
    } else if (d.ident() != null) {
      return Dim.sym(d.ident().getText());
    } else if (d.STRING() != null) {
      return Dim.sym(Syntax.unquote(d.STRING().getText()));
    }
    return Dim.UNKNOWN;
  }
}
