package ancc.ir.graph.text;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Placement;
import ancc.ir.program.TileKind;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.parse.Numbers;
import ancc.ir.graph.text.parse.OpReader;
import ancc.ir.graph.text.parse.Pos;
import ancc.ir.graph.text.parse.SourceErrors;
import ancc.ir.graph.text.parse.TensorReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree into a {@link Module}: resolves value names (each defined once, before any
 * use), reads types, constants and ops through the shared readers of
 * {@link ancc.ir.graph.text.parse}. Parse tree classes stay inside this package.
 */
final class ModuleReader {
  private static final TensorReader.Wording WORDING = new TensorReader.Wording("constants sidecar",
      "write the IR with a sidecar (IrFiles.write) to keep large constants");

  private final SourceErrors errors;
  private final TensorReader tensors;
  private final OpReader ops;
  private final Map<String, Value> values = new HashMap<>();
  private final Map<String, Token> definedAt = new HashMap<>();

  /** {@code sidecar} holds the constants of {@code blob<...>} (null: none); {@code sidecarName} names it in errors. */
  ModuleReader(SourceErrors errors, ByteBuffer sidecar, String sidecarName) {
    Numbers numbers = new Numbers(errors);
    this.errors = errors;
    this.tensors = new TensorReader(errors, numbers, sidecar, sidecarName, WORDING);
    this.ops = new OpReader(errors, numbers);
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
        b.constant(v, tensors.tensor(v.type(), Pos.of(c.type().getStart()), GraphTrees.init(c.constInit()),
            "constant " + IrPrinter.ref(v)));
      } else if (item.nodeDecl() != null) {
        b.node(node(item.nodeDecl()));
      } else {
        b.output(use(item.outputDecl().VALUE()));
      }
    }
    return b.build();
  }

  private Node node(GraphIrParser.NodeDeclContext n) {
    Op op = ops.read(GraphTrees.op(n.ident(), n.attrDict()));
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
        parts.add(new Placement.Part(kind, channel(part.INT(0)), channel(part.INT(1))));
      }
    }
    try {
      return new Placement(parts);
    } catch (IllegalArgumentException e) {
      throw errors.at(p, e.getMessage());
    }
  }

  private long channel(TerminalNode n) {
    try {
      return Long.parseLong(n.getText());
    } catch (NumberFormatException e) {
      throw errors.at(n.getSymbol(), "channel index " + n.getText() + " is out of range");
    }
  }

  private Value define(TerminalNode nameToken, TensorType type) {
    String name = Syntax.sigilName(nameToken.getText());
    Token t = nameToken.getSymbol();
    Token previous = definedAt.putIfAbsent(name, t);
    if (previous != null) {
      throw errors.at(t, "redefinition of value " + nameToken.getText() + " (first defined at "
          + Pos.of(previous) + ")");
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
    return tensors.type(GraphTrees.type(t));
  }
}
