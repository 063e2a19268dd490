package ancc.ir.graph.text;

import ancc.ir.graph.text.parse.AttrValue;
import ancc.ir.graph.text.parse.InitSyntax;
import ancc.ir.graph.text.parse.NumberText;
import ancc.ir.graph.text.parse.OpSyntax;
import ancc.ir.graph.text.parse.Pos;
import ancc.ir.graph.text.parse.TypeSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the graph IR parse tree's numbers, types, ops and constant initializers into the
 * grammar-neutral forms of {@link ancc.ir.graph.text.parse}, which check and build them.
 */
final class GraphTrees {
  private GraphTrees() {}

  static NumberText number(GraphIrParser.NumberContext n) {
    return new NumberText(Pos.of(n.getStart()), n.getText(), n.INT() != null);
  }

  static OpSyntax op(GraphIrParser.IdentContext name, GraphIrParser.AttrDictContext dict) {
    List<OpSyntax.Attr> attrs = new ArrayList<>();
    if (dict != null) {
      for (GraphIrParser.AttrContext a : dict.attr()) {
        attrs.add(new OpSyntax.Attr(Pos.of(a.getStart()), a.ident().getText(), attrValue(a.attrValue())));
      }
    }
    Pos dictPos = dict == null ? null : Pos.of(dict.getStart());
    return new OpSyntax(Pos.of(name.getStart()), name.getText(), dictPos, attrs);
  }

  private static AttrValue attrValue(GraphIrParser.AttrValueContext v) {
    if (v instanceof GraphIrParser.NumberValueContext n) {
      return new AttrValue.Num(number(n.number()));
    } else if (v instanceof GraphIrParser.ListValueContext l) {
      return new AttrValue.Items(Pos.of(l.getStart()), l.attrValue().stream().map(GraphTrees::attrValue).toList());
    }
    return new AttrValue.Word(Pos.of(v.getStart()), v.getText());
  }

  static TypeSyntax type(GraphIrParser.TypeContext t) {
    List<TypeSyntax.DimText> dims = t.dim().stream().map(GraphTrees::dim).toList();
    return new TypeSyntax(Pos.of(t.getStart()), t.ident().getText(), dims);
  }

  private static TypeSyntax.DimText dim(GraphIrParser.DimContext d) {
    if (d.INT() != null) {
      return new TypeSyntax.Size(NumberText.ofInt(d.INT().getSymbol()));
    } else if (d.ident() != null) {
      return new TypeSyntax.Symbol(d.ident().getText());
    } else if (d.STRING() != null) {
      return new TypeSyntax.Symbol(Syntax.unquote(d.STRING().getText()));
    }
    return new TypeSyntax.Unknown();
  }

  static InitSyntax init(GraphIrParser.ConstInitContext init) {
    Pos pos = Pos.of(init.getStart());
    if (init instanceof GraphIrParser.DenseInitContext d) {
      return new InitSyntax.Dense(pos, d.denseData().number().stream().map(GraphTrees::number).toList());
    } else if (init instanceof GraphIrParser.BlobInitContext b) {
      return new InitSyntax.Blob(pos, false, NumberText.ofInt(b.INT(0).getSymbol()),
          NumberText.ofInt(b.INT(1).getSymbol()));
    }
    return new InitSyntax.Elided(pos);
  }
}
